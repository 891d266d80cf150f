// `npm run lint`: every static check over the tree, one after the other, each result printed,
// exit code 1 if any failed. A new check is one line in `checks`. `npm test` runs this first.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);

const checks = [
  // The architecture's import rules (.dependency-cruiser.cjs); a violation prints its rule and why.
  { name: 'boundaries', command: bin('depcruise'), args: ['apps', 'packages', '--config', '.dependency-cruiser.cjs', '--output-type', 'err-long'] },
  // typescript-eslint (type-aware), Next/React and Node rules (eslint.config.mjs); any warning fails too.
  { name: 'eslint', command: bin('eslint'), args: ['.', '--max-warnings=0'] },
  // Formatting (.prettierrc.json, .prettierignore); `npx prettier --write .` fixes it.
  { name: 'format', command: bin('prettier'), args: ['--check', '.', '--log-level=warn'] },
];

const results = checks.map(({ name, command, args }) => {
  console.log(`\n[lint] ${name}: ${path.basename(command)} ${args.join(' ')}`);
  const started = performance.now();
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const ok = r.status === 0;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`[lint] ${name}: ${ok ? 'passed' : `FAILED (${r.error?.message ?? `exit ${r.status}`})`} in ${seconds} s`);
  return { name, ok };
});

const failed = results.filter((r) => !r.ok).map((r) => r.name);
console.log(`\n[lint] ${results.length - failed.length} passed, ${failed.length} failed${failed.length ? `: ${failed.join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
