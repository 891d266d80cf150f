// A small HTTP load generator run in its own thread, so the measured server does not share
// its event loop with the client. Posts back the latency of every request (ms).
import { parentPort, workerData } from 'node:worker_threads';

const { url, headers, total, concurrency } = workerData;
const times = [];
let next = 0;
let failures = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total) {
      next++;
      const started = performance.now();
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) failures++;
      times.push(performance.now() - started);
    }
  }),
);
parentPort.postMessage({ times, failures });
