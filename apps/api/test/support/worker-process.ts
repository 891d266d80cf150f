import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { TEST_SECRET_KEY } from './test-app.js';

const WORKER_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../worker');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The real worker as a separate process (its built `dist/main.js`), on the run's database and
 * with the API's sealing key: what runs in production, and what a test can kill with SIGKILL.
 */
export async function startWorkerProcess(env: Record<string, string> = {}) {
  const port = await freePort();
  let child: ChildProcess = start();
  function start() {
    const c = spawn(process.execPath, ['dist/main.js'], {
      cwd: WORKER_ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: inject('databaseUrl'),
        PORTICO_SECRET_KEY: TEST_SECRET_KEY,
        WORKER_HEALTH_PORT: String(port),
        LOG_LEVEL: 'warn',
        PORTICO_CLUSTER_ADDRESSES_ALLOWED: 'loopback',
        WORKER_SUPERVISE_INTERVAL_SECONDS: '1',
        ...env,
      },
      stdio: ['ignore', process.env.PORTICO_TEST_WORKER_LOGS ? 'inherit' : 'ignore', 'inherit'],
    });
    return c;
  }
  async function ready() {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      if (child.exitCode !== null) throw new Error(`the worker exited with ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the worker did not become healthy in 30 s');
  }
  await ready();
  return {
    get pid() {
      return child.pid;
    },
    /** SIGKILL: no drain, no lease release, jobs left active. */
    kill() {
      child.kill('SIGKILL');
      return new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
    },
    async restart() {
      child = start();
      await ready();
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await new Promise<void>((resolve) => child.once('exit', () => resolve()));
    },
  };
}
export type WorkerProcess = Awaited<ReturnType<typeof startWorkerProcess>>;
