// Finds Chromium for the browser tests: CHROMIUM_PATH, else /usr/bin/chromium; when neither
// exists and we are root with apt, installs Debian's package (Playwright's own browser
// download cannot work on our machines). Otherwise stops with instructions.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function ensureChromium() {
  const wanted = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(wanted)) return wanted;
  const canApt = process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
  if (!canApt) {
    console.error(`Chromium not found at ${wanted}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary.`);
    process.exit(1);
  }
  console.log('Installing Debian’s chromium for the browser tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (r.status !== 0 || !existsSync('/usr/bin/chromium')) {
    console.error('Installing chromium failed; install it by hand or set CHROMIUM_PATH.');
    process.exit(1);
  }
  return '/usr/bin/chromium';
}
