// Builds every workspace with Turborepo (cached: a second run only rebuilds what changed).
import { spawnSync } from 'node:child_process';
import { root } from './ensure-install.mjs';

export function build(filter) {
  const args = ['turbo', 'run', 'build', '--output-logs=errors-only', ...(filter ? [`--filter=${filter}`] : [])];
  console.log('Building…');
  const result = spawnSync('npx', args, { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.status !== 0) {
    console.error('The build failed; see the output above.');
    process.exit(result.status ?? 1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) build(process.argv[2]);
