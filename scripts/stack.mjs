// Runs Portico's processes — Postgres (embedded unless DATABASE_URL is set), migrations and the
// first admin, then api, worker and web — and stops them again. Shared by `npm start`
// (scripts/start.mjs) and the browser tests (scripts/test.mjs).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from './ensure-install.mjs';

const require = createRequire(import.meta.url);

/** Reads the development secret key from dataDir, creating it on first use. */
export function devSecretKey(dataDir, log) {
  const file = path.join(dataDir, 'secret-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  log(`Generated a development secret key in ${path.relative(root, file)} (production must set PORTICO_SECRET_KEY).`);
  return key;
}

/** Postgres for this run: DATABASE_URL's server, or the embedded one in dataDir/postgres. */
export async function startDatabase({ dataDir, pgPort, database, log }) {
  const db = await import('@portico/db');
  if (process.env.DATABASE_URL) {
    await db.ensureDatabaseExists(process.env.DATABASE_URL);
    return { url: process.env.DATABASE_URL, baseUrl: process.env.DATABASE_URL, stop: async () => {} };
  }
  const server = await db.startEmbeddedDatabase({ dataDir: path.join(dataDir, 'postgres'), port: pgPort, log });
  const url = server.urlFor(database);
  await db.ensureDatabaseExists(url);
  return { url, baseUrl: server.adminUrl, stop: () => server.stop() };
}

/**
 * Runs the API's bootstrap CLI (apps/api/dist/bootstrap/cli.js, the entry containers run too)
 * with `env` over ours and `input` on stdin; resolves with its stdout, rejects with its stderr.
 */
function runApiCli(args, { env, input = '' }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'apps/api/dist/bootstrap/cli.js'), ...args], {
      cwd: path.join(root, 'apps/api'),
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`apps/api's bootstrap ${args[0]} failed (${signal ?? `exit code ${code}`}): ${stderr.trim() || stdout.trim()}`));
    });
    child.stdin.end(input);
  });
}

/**
 * Starts the Kubernetes simulator with the networking course's objects and registers it as
 * the first organization's cluster `demo` (PORTICO_DEMO=0 turns this off).
 */
export async function startDemoCluster(databaseUrl, secretKey, { port, log }) {
  const { startSimulator } = await import('@portico/kube-sim');
  const sim = await startSimulator({ scenario: 'course', port });
  try {
    const input = JSON.stringify({ server: sim.url, caPem: sim.caPem, token: sim.tokens.admin });
    await runApiCli(['demo-cluster', '--json'], { env: { DATABASE_URL: databaseUrl, PORTICO_SECRET_KEY: secretKey }, input });
  } catch (err) {
    await sim.close();
    throw err;
  }
  log(`Demo cluster: the Kubernetes simulator at ${sim.url} (course scenario), registered as "demo".`);
  return sim;
}

/**
 * Applies migrations and creates the first organization + admin on an empty database, through
 * the API's bootstrap CLI. Resolves with the admin ({ email, generatedPassword, created }); the
 * caller prints a generated password, once.
 */
export async function bootstrapDatabase(url, { adminEmail, adminPassword }) {
  // Empty values count as unset (the CLI's rule), so ours never fall back to this shell's.
  const env = { DATABASE_URL: url, PORTICO_ADMIN_EMAIL: adminEmail ?? '', PORTICO_ADMIN_PASSWORD: adminPassword ?? '' };
  const { admin } = JSON.parse(await runApiCli(['bootstrap', '--json'], { env }));
  return admin;
}

function pipeOutput(child, name, logDir) {
  if (logDir) {
    const file = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
    child.stdout.pipe(file);
    child.stderr.pipe(file);
    return;
  }
  const prefix = `[${name}] `.padEnd(9);
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.on('data', (chunk) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
    });
  }
}

function launch(name, args, { cwd, env, logDir }) {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  pipeOutput(child, name, logDir);
  child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return child;
}

async function waitForHttp(url, { child, name, timeoutMs = 90_000, accept = (s) => s === 200 }) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  child.exited.then((r) => (exited = r));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${name} exited during start-up (code ${exited.code}, signal ${exited.signal}); see its output above`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (accept(res.status)) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not become ready at ${url} within ${timeoutMs / 1000} s`);
}

async function stopChild(child, timeoutMs = 15_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await child.exited;
  clearTimeout(timer);
}

/**
 * Starts api, worker and (optionally) web against `databaseUrl`. Returns their URLs and stop().
 * logDir: write each process's output to <logDir>/<name>.log instead of the console.
 */
export async function startApps({ databaseUrl, secretKey, apiPort, webPort, workerHealthPort, web = true, logDir, env = {} }) {
  if (logDir) mkdirSync(logDir, { recursive: true });
  const publicUrl = env.PORTICO_PUBLIC_URL ?? `http://localhost:${webPort}`;
  const nodeEnv = process.env.NODE_ENV ?? 'development';
  // The demo cluster (the simulator) listens on 127.0.0.1, which api and worker refuse by default
  // (docs/security.md, "Address policy"). Development allows loopback unless told otherwise;
  // production allows only what PORTICO_CLUSTER_ADDRESSES_ALLOWED says.
  const addressPolicy = nodeEnv !== 'production' && process.env.PORTICO_CLUSTER_ADDRESSES_ALLOWED === undefined ? { PORTICO_CLUSTER_ADDRESSES_ALLOWED: 'loopback' } : {};
  const common = { DATABASE_URL: databaseUrl, PORTICO_SECRET_KEY: secretKey, NODE_ENV: nodeEnv, PORTICO_PUBLIC_URL: publicUrl, ...addressPolicy, ...env };
  const children = [];
  const stop = async () => {
    await Promise.all(children.map((c) => stopChild(c)));
  };
  try {
    const api = launch('api', ['dist/main.js'], { cwd: path.join(root, 'apps/api'), env: { ...common, PORT: String(apiPort) }, logDir });
    children.push(api);
    const worker = launch('worker', ['dist/main.js'], { cwd: path.join(root, 'apps/worker'), env: { ...common, WORKER_HEALTH_PORT: String(workerHealthPort) }, logDir });
    children.push(worker);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await waitForHttp(`${apiUrl}/api/readyz`, { child: api, name: 'api' });
    await waitForHttp(`http://127.0.0.1:${workerHealthPort}/healthz`, { child: worker, name: 'worker' });
    let webUrl = null;
    if (web) {
      const nextBin = require.resolve('next/dist/bin/next', { paths: [path.join(root, 'apps/web')] });
      const webChild = launch('web', [nextBin, 'start', '-p', String(webPort), '-H', '127.0.0.1'], {
        cwd: path.join(root, 'apps/web'),
        env: { ...common, API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
        logDir,
      });
      children.push(webChild);
      webUrl = `http://127.0.0.1:${webPort}`;
      await waitForHttp(`${webUrl}/login`, { child: webChild, name: 'web', accept: (s) => s < 500 });
    }
    return { apiUrl, webUrl, children, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
