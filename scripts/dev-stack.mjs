// Postgres + migrations + api + worker without the web (for working on apps/web with `next dev`).
process.argv.push('--no-web', '--no-build');
await import('./start.mjs');
