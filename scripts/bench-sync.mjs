// `npm run bench:sync`: Portico's cluster sync against the simulator with 10,000 Services,
// 2,000 Ingresses and 5,000 TLS Secrets, compared in the same run with a plain client-node list
// of the same objects (the floor). Prints the figures, then one JSON line.
// BENCH_SCALE=0.05 shrinks the object counts for a quick check that the bench runs; its figures
// are not comparable with a full run (the JSON line then carries `scale`).
import { spawn } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { freePort, log, percentile, round, sleep, startWorker } from './bench-lib.mjs';
import { ensureInstalled, root } from './ensure-install.mjs';

ensureInstalled();
const { build } = await import('./build.mjs');
if (!process.argv.includes('--no-build')) build('!@portico/web');
const { startDatabase } = await import('./stack.mjs');
const db = await import('@portico/db');
const { startSimulator } = await import('@portico/kube-sim');
const k8s = await import('@kubernetes/client-node');

// 1. The cluster.
const scale = Number(process.env.BENCH_SCALE ?? 1);
if (!(scale > 0 && scale <= 1)) throw new Error(`BENCH_SCALE must be in (0, 1], got ${process.env.BENCH_SCALE}`);
const [services, ingresses, tlsSecrets] = [10_000, 2_000, 5_000].map((n) => Math.max(50, Math.round(n * scale)));
const sim = await startSimulator({ scenario: 'empty', bookmarkIntervalMs: 5000, watchHistory: 100_000 });
log(`generating ${services.toLocaleString('en')} Services, ${ingresses.toLocaleString('en')} Ingresses, ${tlsSecrets.toLocaleString('en')} TLS Secrets…`);
sim.generate.services(services, { namespaces: 20 });
sim.generate.ingresses(ingresses, { namespaces: 20 });
await sim.generate.tlsSecrets(tlsSecrets, { namespaces: 20 });
await sim.settle();

// 2. The floor: client-node lists the same objects, paged like Portico (500 per page).
const kc = new k8s.KubeConfig();
kc.loadFromString(sim.kubeconfig);
const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
async function rawList() {
  let n = 0;
  for (const [apiVersion, kind, fieldSelector] of [
    ['v1', 'Service'],
    ['networking.k8s.io/v1', 'Ingress'],
    ['v1', 'Secret', 'type=kubernetes.io/tls'],
  ]) {
    let cont;
    do {
      const page = await objects.list(apiVersion, kind, undefined, undefined, undefined, undefined, fieldSelector, undefined, 500, cont);
      n += page.items.length;
      cont = page.metadata?._continue || page.metadata?.continue || undefined;
    } while (cont);
  }
  return n;
}
await rawList(); // warm-up (discovery, TLS session)
let t0 = performance.now();
const rawCount = await rawList();
const rawListMs = performance.now() - t0;
log(`client-node list of ${rawCount} objects: ${round(rawListMs)} ms`);

// 3. Portico: a real worker process syncs the cluster into a fresh database.
const server = await startDatabase({ dataDir: path.join(root, '.data/bench'), pgPort: 54340, database: 'postgres', log });
const url = await db.createFreshDatabase(process.env.DATABASE_URL ?? server.baseUrl, 'portico_bench');
await db.applyMigrations(url);
const prisma = db.createDb(url, { max: 4 });
const secretKey = randomBytes(32).toString('base64');
const worker = startWorker(url, secretKey, 'warn');
let peakRssKb = 0;
const rssTimer = setInterval(() => {
  try {
    const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${worker.pid}/status`, 'utf8'))?.[1] ?? 0);
    peakRssKb = Math.max(peakRssKb, kb);
  } catch {
    // exited
  }
}, 100);
await sleep(3000); // worker boot (pg-boss schema) is not part of the sync

const user = await db.createUser(prisma, { email: 'bench@portico.test', name: 'bench', passwordHash: 'x' });
const org = await prisma.$transaction((tx) => db.createOrganization(tx, { name: 'bench', ownerId: user.id }));
const clusterId = crypto.randomUUID();
const sealed = db.sealClusterCredentials(
  db.createCredentialCipher(secretKey),
  { id: clusterId, server: sim.url, insecureSkipTlsVerify: false },
  { caPem: sim.caPem, auth: { kind: 'token', token: sim.tokens.admin } },
);
// CPU used during the sync, per party: on a small machine the sync is CPU-bound, and this says where.
const ticksOf = (pid) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, in ms (USER_HZ = 100)
  } catch {
    return 0;
  }
};
const postmaster = Number(readFileSync(path.join(root, '.data/bench/postgres/postmaster.pid'), 'utf8').split('\n')[0]);
const postgresCpu = () =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => Number(d) === postmaster || readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] === String(postmaster))
    .reduce((sum, d) => sum + ticksOf(Number(d)), 0);
const cpuBefore = { worker: ticksOf(worker.pid), postgres: postgresCpu(), bench: process.cpuUsage() };
t0 = performance.now();
await db.createCluster(prisma, org.id, { id: clusterId, name: 'bench', server: sim.url, authKind: 'token', ...sealed });
// Polled with plain pg: the measuring must not take CPU from what it measures.
const poll = db.createSqlPool(url, { max: 1 });
for (;;) {
  const {
    rows: [c],
  } = await poll.query({ name: 'status', text: 'SELECT status, "statusReason" FROM "Cluster" WHERE id = $1', values: [clusterId] });
  if (c.status === 'ready') break;
  if (performance.now() - t0 > 300_000) throw new Error(`sync did not finish: ${c.status} ${c.statusReason}`);
  await sleep(20);
}
const syncMs = performance.now() - t0;
const benchCpu = process.cpuUsage(cpuBefore.bench);
const cpu = { worker: ticksOf(worker.pid) - cpuBefore.worker, postgres: postgresCpu() - cpuBefore.postgres, simulator: Math.round((benchCpu.user + benchCpu.system) / 1000) };
await poll.end();
const synced = await prisma.kubeObject.count({ where: { clusterId, resource: { in: ['services', 'ingresses', 'secrets'] } } });
log(`Portico initial sync: ${round(syncMs)} ms (${synced} services/ingresses/TLS secrets in Postgres; ratio ${round(syncMs / rawListMs)}×)`);
const cpuTotal = cpu.worker + cpu.postgres + cpu.simulator;
log(
  `CPU during the sync: worker ${cpu.worker} ms, Postgres ${cpu.postgres} ms, simulator (this process) ${cpu.simulator} ms = ${cpuTotal} ms on ${availableParallelism()} cores (no sync can take less than ${Math.round(cpuTotal / availableParallelism())} ms here)`,
);

// 4. Watch event → row visible: 200 changes/s for 10 s on 50 Services, polled every 5 ms.
const churned = sim.objects.list('v1', 'Service').slice(0, 50);
const sentAt = new Map();
const seenAt = new Map();
let stopPolling = false;
const poller = (async () => {
  while (!stopPolling) {
    const rows = await prisma.$queryRaw`SELECT labels->>'bench-seq' AS seq FROM "KubeObject" WHERE "clusterId" = ${clusterId}::uuid AND resource = 'services' AND labels ? 'bench-seq'`;
    const now = performance.now();
    for (const r of rows) if (r.seq && !seenAt.has(r.seq)) seenAt.set(r.seq, now);
    await sleep(5);
  }
})();
const changes = 2000;
const started = performance.now();
for (let i = 0; i < changes; i++) {
  const due = started + i * 5;
  const wait = due - performance.now();
  if (wait > 0) await sleep(wait);
  const svc = churned[i % churned.length];
  sim.objects.apply({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: svc.metadata.name, namespace: svc.metadata.namespace, labels: { ...svc.metadata.labels, 'bench-seq': String(i) } },
    spec: svc.spec,
  });
  sentAt.set(String(i), performance.now());
}
await sleep(2000);
stopPolling = true;
await poller;
// Only the last change of each object is guaranteed visible (batches coalesce updates); measure those seen.
const latencies = [...seenAt].filter(([seq]) => sentAt.has(seq)).map(([seq, t]) => t - sentAt.get(seq));
const watchP50Ms = percentile(latencies, 50);
const watchP99Ms = percentile(latencies, 99);
log(`watch → Postgres at 200 changes/s: p50 ${round(watchP50Ms)} ms, p99 ${round(watchP99Ms)} ms (${latencies.length} observed of ${changes}; polling adds ≤ 5 ms)`);
clearInterval(rssTimer);
const workerPeakRssMb = peakRssKb / 1024;
log(`worker peak RSS: ${round(workerPeakRssMb)} MB`);
worker.kill('SIGTERM');

// 5. Inventory API: a filtered page of 50 under 50 concurrent requests, against the API process
// as `npm start` runs it (production mode, logs at warn).
const apiPort = await freePort();
const api = spawn(process.execPath, ['dist/main.js'], {
  cwd: path.join(root, 'apps/api'),
  env: {
    ...process.env,
    DATABASE_URL: url,
    PORTICO_SECRET_KEY: secretKey,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    LOG_LEVEL: 'warn',
    PORTICO_CLUSTER_ADDRESSES_ALLOWED: 'loopback',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const apiUrl = `http://127.0.0.1:${apiPort}`;
for (let i = 0; ; i++) {
  const ok = await fetch(`${apiUrl}/api/readyz`).then(
    (r) => r.ok,
    () => false,
  );
  if (ok) break;
  if (i > 300) throw new Error('the API did not start');
  await sleep(100);
}
const secret = `ptk_${randomBytes(32).toString('base64url')}`;
await prisma.apiToken.create({
  data: { organizationId: org.id, userId: user.id, name: 'bench', prefix: secret.slice(0, 10), tokenHash: createHash('sha256').update(secret).digest('hex'), role: 'viewer' },
});
const target = `${apiUrl}/api/v1/inventory/services?namespace=gen-3&type=ClusterIP&limit=50`;
const headers = { authorization: `Bearer ${secret}` };
const { Worker } = await import('node:worker_threads');
const load = (total, concurrency, url = target) =>
  new Promise((resolve, reject) => {
    const w = new Worker(path.join(root, 'scripts/http-load.mjs'), { workerData: { url, headers, total, concurrency } });
    w.once('message', resolve);
    w.once('error', reject);
  });
await load(200, 10); // warm-up
const sequential = await load(200, 1);
log(`inventory API, one request at a time: p50 ${round(percentile(sequential.times, 50))} ms`);
// Baseline in the same run: the cheapest route the API has (no database, no auth), same load.
// Its p99 is the framework's floor under this load, so the JSON line carries it beside inventory's.
// The API's own CPU (user + system) per 1,000 requests: on a shared machine it moves far less
// with other people's load than the percentiles do (issue 13 chose the HTTP platform on it).
const apiCpuMs = () => ticksOf(api.pid);
let apiCpuBefore = apiCpuMs();
const floor = await load(2000, 50, `${apiUrl}/api/healthz`);
const healthzCpuMsPer1k = (apiCpuMs() - apiCpuBefore) / 2;
if (floor.failures) throw new Error(`${floor.failures} healthz requests failed`);
const healthzP99Ms = percentile(floor.times, 99);
log(`baseline: GET /api/healthz under the same load: p50 ${round(percentile(floor.times, 50))} ms, p99 ${round(healthzP99Ms)} ms, API CPU ${round(healthzCpuMsPer1k)} ms per 1,000`);
apiCpuBefore = apiCpuMs();
const { times: apiTimes, failures } = await load(2000, 50);
const inventoryCpuMsPer1k = (apiCpuMs() - apiCpuBefore) / 2;
if (failures) throw new Error(`${failures} inventory requests failed`);
const total = apiTimes.length;
const inventoryP50Ms = percentile(apiTimes, 50);
const inventoryP99Ms = percentile(apiTimes, 99);
log(`inventory API, filtered page of 50, 50 concurrent: p50 ${round(inventoryP50Ms)} ms, p99 ${round(inventoryP99Ms)} ms (${total} requests), API CPU ${round(inventoryCpuMsPer1k)} ms per 1,000`);

api.kill('SIGTERM');
await prisma.$disconnect();
await sim.close();
// BENCH_KEEP_DB=1 keeps the database (and its embedded server) for looking into the figures.
if (process.env.BENCH_KEEP_DB) log(`kept ${url}`);
else {
  await db.dropDatabase(url);
  await server.stop();
}
console.log(
  JSON.stringify({
    rawListMs: round(rawListMs),
    syncMs: round(syncMs),
    ratio: round(syncMs / rawListMs),
    watchP50Ms: round(watchP50Ms),
    watchP99Ms: round(watchP99Ms),
    workerPeakRssMb: round(workerPeakRssMb),
    inventoryP50Ms: round(inventoryP50Ms),
    inventoryP99Ms: round(inventoryP99Ms),
    healthzP99Ms: round(healthzP99Ms),
    inventoryCpuMsPer1k: round(inventoryCpuMsPer1k),
    healthzCpuMsPer1k: round(healthzCpuMsPer1k),
    ...(scale === 1 ? {} : { scale }),
  }),
);
process.exit(0);
