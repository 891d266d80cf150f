// A small closed-loop HTTP load generator run in its own thread, so the measured server does not
// share its event loop with the client. It uses undici's `request` over one keep-alive pool (a
// fraction of `fetch`'s CPU per request: on a 2-core machine the generator competes with the
// server it measures). Posts back the latency of every request (ms).
import { parentPort, workerData } from 'node:worker_threads';
import { Pool } from 'undici';

const { url, headers, total, concurrency } = workerData;
const target = new URL(url);
const pool = new Pool(target.origin, { connections: concurrency, pipelining: 1 });
const times = [];
let next = 0;
let failures = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total) {
      next++;
      const started = performance.now();
      const res = await pool.request({ method: 'GET', path: target.pathname + target.search, headers });
      await res.body.arrayBuffer();
      if (res.statusCode !== 200) failures++;
      times.push(performance.now() - started);
    }
  }),
);
await pool.close();
parentPort.postMessage({ times, failures });
