// `npm test`: install if needed, build, then run every test against real parts —
// unit + integration + HTTP e2e (vitest, real Postgres), the Kubernetes simulator's suite,
// and browser e2e (Playwright in Chromium against a running api + worker + web).
// Postgres: DATABASE_URL's server if set, else an embedded one in .data/test-postgres.
// Each run gets fresh databases; results are summed up in the last line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureInstalled, root } from './ensure-install.mjs';

ensureInstalled();
const { ensureChromium } = await import('./chromium.mjs');
const chromium = ensureChromium();
const { build } = await import('./build.mjs');
build();
// The real Kubernetes control plane (Go, packages/control-plane): built, or reused when up to date.
// Without a Go toolchain its tests skip with the reason; a failed build with one is a failure.
const { ensureControlPlane } = await import('./control-plane.mjs');
let controlPlaneEnv = {};
let controlPlaneBroken = false;
try {
  const cp = ensureControlPlane();
  controlPlaneEnv = cp.bin ? { PORTICO_CONTROL_PLANE_BIN: cp.bin } : { PORTICO_CONTROL_PLANE_SKIP: cp.skipped };
} catch (err) {
  console.error(`[test] control plane build failed: ${err.message}`);
  controlPlaneBroken = true;
  controlPlaneEnv = { PORTICO_CONTROL_PLANE_BIN: path.join(root, '.data/control-plane/bin/missing-because-the-build-failed') };
}
const { bootstrapDatabase, startApps, startDatabase } = await import('./stack.mjs');
const db = await import('@portico/db');

const resultsDir = path.join(root, '.data/test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
const log = (msg) => console.log(`\n[test] ${msg}`);
const run = (cmd, args, options) => new Promise((resolve) => spawn(cmd, args, options).once('exit', (status) => resolve({ status })));

const server = await startDatabase({ dataDir: path.join(root, '.data/test'), pgPort: 54330, database: 'postgres', log }).catch((err) => {
  console.error(`[test] The database did not start. ${err.message}`);
  console.log('\n0 passed, 1 failed, 0 skipped');
  process.exit(1);
});
const baseUrl = process.env.DATABASE_URL ?? server.baseUrl;
const created = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;
if (controlPlaneBroken) {
  totals.failed += 1;
  exitCode = 1;
}

try {
  // 0. `npm run lint` (import boundaries, …) counts as one test; then the scripts' own tests
  // (scripts/*.test.mjs, node:test), counted from their TAP summary.
  log('lint');
  const lint = spawnSync('npm', ['run', 'lint'], { cwd: root, stdio: 'inherit' });
  if (lint.status === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    exitCode = 1;
  }
  const scriptTests = readdirSync(path.join(root, 'scripts'))
    .filter((f) => f.endsWith('.test.mjs'))
    .map((f) => `scripts/${f}`);
  if (scriptTests.length) {
    log(`node --test: ${scriptTests.join(' ')}`);
    const tap = path.join(resultsDir, 'scripts.tap');
    const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...scriptTests], {
      cwd: root,
      stdio: 'inherit',
    });
    const summary = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
    const count = (key) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(summary)?.[1] ?? 0);
    totals.passed += count('pass');
    totals.failed += count('fail') + count('cancelled');
    totals.skipped += count('skipped') + count('todo');
    if (r.status !== 0) {
      exitCode = 1;
      if (!count('fail') && !count('cancelled')) totals.failed += 1;
    }
  }

  // 1. vitest in every workspace that has tests, against one fresh migrated database.
  const unitDb = await db.createFreshDatabase(baseUrl);
  created.push(unitDb);
  await db.applyMigrations(unitDb);
  const workspaces = ['packages', 'apps'].flatMap((dir) => readdirSync(path.join(root, dir)).map((name) => `${dir}/${name}`)).filter((w) => existsSync(path.join(root, w, 'vitest.config.ts')));
  for (const ws of workspaces) {
    log(`vitest: ${ws}`);
    const out = path.join(resultsDir, `${ws.replace('/', '-')}.json`);
    const r = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], {
      cwd: path.join(root, ws),
      stdio: 'inherit',
      env: { ...process.env, PORTICO_TEST_DATABASE_URL: unitDb, PORTICO_TEST_DATABASE_BASE_URL: baseUrl, CHROMIUM_PATH: chromium, ...controlPlaneEnv },
    });
    if (r.status !== 0) exitCode = 1;
    if (existsSync(out)) {
      const json = JSON.parse(readFileSync(out, 'utf8'));
      totals.passed += json.numPassedTests ?? 0;
      totals.failed += json.numFailedTests ?? 0;
      totals.skipped += (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
      // A run can fail without a failed test (no test files, a crash in setup): count it.
      if (r.status !== 0 && !json.numFailedTests) totals.failed += 1;
    } else if (r.status !== 0) totals.failed += 1;
  }

  // 2. Playwright in Chromium against the real product on its own fresh database.
  log('playwright: apps/web');
  const e2eDb = await db.createFreshDatabase(baseUrl, 'portico_e2e');
  created.push(e2eDb);
  const admin = { email: 'admin@e2e.test', password: `e2e-${Math.random().toString(36).slice(2)}-Pass!` };
  await bootstrapDatabase(e2eDb, { adminEmail: admin.email, adminPassword: admin.password });
  const logDir = path.join(resultsDir, 'logs');
  // Alerts are really sent, as under `npm start`: the outbox test sees them delivered.
  const { startMailCatcher } = await import('./mail-catcher.mjs');
  const mailCatcher = await startMailCatcher({ port: 0 });
  const apps = await startApps({
    databaseUrl: e2eDb,
    secretKey: Buffer.alloc(32, 7).toString('base64'),
    apiPort: 4400,
    webPort: 3400,
    workerHealthPort: 4401,
    logDir,
    // The simulators listen on 127.0.0.1: allowed explicitly, whatever NODE_ENV says.
    env: { PORTICO_LOGIN_MAX_FAILURES_PER_IP: '1000', PORTICO_TEST_EMAILS_PER_HOUR: '1000', PORTICO_CLUSTER_ADDRESSES_ALLOWED: 'loopback', SMTP_URL: mailCatcher.url },
  });
  // A second simulator (course scenario) that the browser test registers through the UI.
  const { startSimulator } = await import('@portico/kube-sim');
  const sim = await startSimulator({ scenario: 'course' });
  const demoKubeconfig = path.join(resultsDir, 'demo.kubeconfig');
  writeFileSync(demoKubeconfig, sim.kubeconfig, { mode: 0o600 });
  try {
    const out = path.join(resultsDir, 'playwright.json');
    // Asynchronous on purpose: the simulator above lives in this process and must keep answering.
    const r = await run('npx', ['playwright', 'test', '-c', 'apps/web/playwright.config.ts', '--reporter=list,json'], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        WEB_URL: apps.webUrl,
        API_URL: apps.apiUrl,
        PORTICO_ADMIN_EMAIL: admin.email,
        PORTICO_ADMIN_PASSWORD: admin.password,
        CHROMIUM_PATH: chromium,
        PLAYWRIGHT_JSON_OUTPUT_NAME: out,
        DEMO_KUBECONFIG_PATH: demoKubeconfig,
      },
    });
    if (r.status !== 0) exitCode = 1;
    if (existsSync(out)) {
      const stats = JSON.parse(readFileSync(out, 'utf8')).stats ?? {};
      totals.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
      totals.failed += stats.unexpected ?? 0;
      totals.skipped += stats.skipped ?? 0;
      if (r.status !== 0 && !stats.unexpected) totals.failed += 1;
    } else if (r.status !== 0) totals.failed += 1;
  } finally {
    await apps.stop();
    await sim.close();
    await mailCatcher.close();
  }
  // The processes' own logs from the browser run must not carry the admin's password.
  for (const name of ['api', 'worker', 'web']) {
    const file = path.join(logDir, `${name}.log`);
    if (existsSync(file) && readFileSync(file, 'utf8').includes(admin.password)) {
      console.error(`[test] ${name}.log contains the admin password`);
      totals.failed += 1;
      exitCode = 1;
    }
  }
} catch (err) {
  console.error(`[test] ${err.stack ?? err}`);
  exitCode = 1;
  totals.failed += 1;
} finally {
  for (const url of created) await db.dropDatabase(url).catch(() => undefined);
  await server.stop();
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode || (totals.failed > 0 ? 1 : 0));
