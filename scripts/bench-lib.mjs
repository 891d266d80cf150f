// What every `npm run bench:…` script measures with: percentiles, rounding, pauses, free ports.
import { createServer } from 'node:net';

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
