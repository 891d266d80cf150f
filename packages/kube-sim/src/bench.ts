/**
 * `npm run bench:sim`: 10,000 Services, a timed cluster-wide list, watch throughput during
 * churn, and the time to generate 10,000 distinct TLS Secrets. Prints human lines, then one JSON line (the last line) for machines.
 */
import https from 'node:https';
import { Worker } from 'node:worker_threads';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startSimulator } from './simulator.js';

const SERVICES = 10_000;
/** The benchmark's report goes to stdout, a line at a time (it is a program's output, not a log). */
const say = (line: string) => process.stdout.write(`${line}\n`);

function get(url: string, ca: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      })
      .on('error', reject);
  });
}

/** Wall-clock ms comparable across threads. */
const now = () => performance.timeOrigin + performance.now();

const WATCH_CLIENT = `
const https = require('node:https');
const { parentPort, workerData } = require('node:worker_threads');
const now = () => performance.timeOrigin + performance.now();
let received = 0, lastAt = 0, buf = '';
https.get(workerData.url, { ca: workerData.ca, headers: { Authorization: 'Bearer ' + workerData.token } }, (res) => {
  parentPort.postMessage({ connected: true });
  res.setEncoding('utf8');
  res.on('data', (c) => {
    buf += c;
    let i;
    while ((i = buf.indexOf('\\n')) >= 0) {
      JSON.parse(buf.slice(0, i));
      buf = buf.slice(i + 1);
      received++;
      lastAt = now();
    }
  });
});
setInterval(() => parentPort.postMessage({ received, lastAt }), 50);
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const sim = await startSimulator({ scenario: 'empty', watchHistory: 100_000 });
try {
  let t = performance.now();
  sim.generate.services(SERVICES, { namespaces: 10 });
  say(`generated ${SERVICES} services in ${(performance.now() - t).toFixed(0)} ms`);
  t = performance.now();
  await sim.generate.tlsSecrets(SERVICES, { namespaces: 10 });
  const tlsMs = performance.now() - t;
  say(`generated ${SERVICES} TLS Secrets, each with its own key and certificate, in ${tlsMs.toFixed(0)} ms`);

  const rawTimes: number[] = [];
  for (let i = 0; i < 4; i++) {
    t = performance.now();
    const r = await get(`${sim.url}/api/v1/services`, sim.caPem, sim.tokens.admin);
    const list = JSON.parse(r.body) as { items: unknown[] };
    const ms = performance.now() - t;
    if (list.items.length < SERVICES) throw new Error(`listed only ${list.items.length} services`);
    if (i > 0) rawTimes.push(ms);
    else say(`first (cold) list, which also serializes every object once: ${ms.toFixed(1)} ms`);
  }
  const listMs = median(rawTimes);
  say(`cluster-wide list of ${SERVICES} services (raw HTTPS GET + JSON.parse), median of 3: ${listMs.toFixed(1)} ms`);

  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const cnTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const l = await core.listServiceForAllNamespaces();
    if (l.items.length < SERVICES) throw new Error('client-node list short');
    cnTimes.push(performance.now() - t);
  }
  say(`cluster-wide list with @kubernetes/client-node (includes its model deserialization), median of 3: ${median(cnTimes).toFixed(1)} ms`);

  // Watch throughput: a client in a worker thread (its own core, as a separate process would
  // be) watches all Services and parses every event while the generator churns them.
  const rv = sim.objects.resourceVersion();
  const watcher = new Worker(WATCH_CLIENT, { eval: true, workerData: { url: `${sim.url}/api/v1/services?watch=true&resourceVersion=${rv}`, ca: sim.caPem, token: sim.tokens.admin } });
  let received = 0;
  let lastAt = 0;
  let connected = false;
  watcher.on('message', (m: { connected?: boolean; received?: number; lastAt?: number }) => {
    if (m.connected) connected = true;
    if (m.received !== undefined) received = m.received;
    if (m.lastAt !== undefined) lastAt = m.lastAt;
  });
  while (!connected) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 100));
  const churnStart = now();
  const changes = await sim.generate.churn({ ratePerSecond: 50_000, durationMs: 3000 });
  const deadline = now() + 15_000;
  while (received < changes && now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await watcher.terminate();
  const seconds = (lastAt - churnStart) / 1000;
  const eventsPerSec = received / seconds;
  say(`churn: ${changes} changes; watch client received ${received} events in ${seconds.toFixed(2)} s → ${eventsPerSec.toFixed(0)} events/s`);
  say(`targets: list < 1000 ms (${listMs < 1000 ? 'ok' : 'MISSED'}), watch >= 5000 events/s (${eventsPerSec >= 5000 ? 'ok' : 'MISSED'})`);
  say(JSON.stringify({ list10kServicesMs: Math.round(listMs * 10) / 10, watchEventsPerSec: Math.round(eventsPerSec), tls10kDistinctMs: Math.round(tlsMs) }));
} finally {
  await sim.close();
}
