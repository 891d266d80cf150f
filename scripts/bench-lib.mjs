// What every `npm run bench:…` script measures with: percentiles, rounding, pauses, free ports,
// and the built worker.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { root } from './ensure-install.mjs';

export const log = (m) => console.log(`[bench] ${m}`);

/** The p-th percentile (nearest rank) of `xs`. */
export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

export const round = (x) => Math.round(x * 10) / 10;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A loopback port free right now (for a process the bench starts). */
export const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.once('error', reject);
  });

/**
 * The built worker (`apps/worker/dist`) on `databaseUrl`, scanning for clusters every 0.2 s; the
 * simulators listen on 127.0.0.1, which the worker refuses unless allowed.
 */
export const startWorker = (databaseUrl, secretKey, logLevel) =>
  spawn(process.execPath, ['dist/main.js'], {
    cwd: path.join(root, 'apps/worker'),
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORTICO_SECRET_KEY: secretKey,
      WORKER_HEALTH_PORT: '0',
      LOG_LEVEL: logLevel,
      SYNC_SCAN_INTERVAL_SECONDS: '0.2',
      PORTICO_CLUSTER_ADDRESSES_ALLOWED: 'loopback',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
