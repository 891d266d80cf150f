// `npm run bench:changes`: 200 changes submitted through Portico's API (an `expose`-like Service
// create each, at BENCH_RATE per second, default 20), from the submit request to the change row
// `applied` with its audit event (the worker applied it with server-side apply and recorded it),
// against the floor measured in the same run on the same simulator: a bare server-side apply
// of the same kind of Service. Prints the figures, then one JSON line.
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { freePort, log, percentile, round, sleep } from './bench-lib.mjs';
import { ensureInstalled, root } from './ensure-install.mjs';

ensureInstalled();
const { build } = await import('./build.mjs');
if (!process.argv.includes('--no-build')) build('!@portico/web');
const { startDatabase } = await import('./stack.mjs');
const db = await import('@portico/db');
const { startSimulator } = await import('@portico/kube-sim');
const { KubeClient, parseKubeconfig } = await import('@portico/kube');

const COUNT = Number(process.env.BENCH_CHANGES ?? 200);
const RATE = Number(process.env.BENCH_RATE ?? 20);
const sim = await startSimulator({ scenario: 'course' });
const service = (name) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default', labels: { app: 'my-app' } },
  spec: { type: 'NodePort', selector: { app: 'my-app' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] },
});

// 1. The floor: a bare server-side apply of the same Service to the same cluster, one at a time.
const client = new KubeClient(parseKubeconfig(sim.kubeconfig).connection, { addressPolicy: { allow: ['loopback'] } });
const direct = [];
for (let i = 0; i < COUNT; i++) {
  const t0 = performance.now();
  await client.apply(`/api/v1/namespaces/default/services/direct-${i}`, service(`direct-${i}`), { fieldManager: 'bench' });
  direct.push(performance.now() - t0);
}
await client.close();
log(`bare server-side apply (floor): p50 ${round(percentile(direct, 50))} ms, p95 ${round(percentile(direct, 95))} ms over ${COUNT}`);

// 2. Portico: database, worker and API as `npm start` runs them.
const server = await startDatabase({ dataDir: path.join(root, '.data/bench-changes'), pgPort: 54342, database: 'postgres', log });
const url = await db.createFreshDatabase(process.env.DATABASE_URL ?? server.baseUrl, 'portico_bench_changes');
await db.applyMigrations(url);
const prisma = db.createDb(url, { max: 4 });
const secretKey = randomBytes(32).toString('base64');
const common = { ...process.env, DATABASE_URL: url, PORTICO_SECRET_KEY: secretKey, LOG_LEVEL: 'warn', PORTICO_CLUSTER_ADDRESSES_ALLOWED: 'loopback', NODE_ENV: 'production' };
const workerPort = await freePort();
const worker = spawn(process.execPath, ['dist/main.js'], { cwd: path.join(root, 'apps/worker'), env: { ...common, WORKER_HEALTH_PORT: String(workerPort) }, stdio: ['ignore', 'inherit', 'inherit'] });
const apiPort = await freePort();
const api = spawn(process.execPath, ['dist/main.js'], { cwd: path.join(root, 'apps/api'), env: { ...common, HOST: '127.0.0.1', PORT: String(apiPort) }, stdio: ['ignore', 'inherit', 'inherit'] });
const apiUrl = `http://127.0.0.1:${apiPort}`;
for (const health of [`${apiUrl}/api/readyz`, `http://127.0.0.1:${workerPort}/healthz`]) {
  for (let i = 0; ; i++) {
    if (
      await fetch(health).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 300) throw new Error(`${health} did not answer`);
    await sleep(100);
  }
}

const user = await db.createUser(prisma, { email: 'bench@portico.test', name: 'bench', passwordHash: 'x' });
const org = await prisma.$transaction((tx) => db.createOrganization(tx, { name: 'bench', ownerId: user.id }));
const clusterId = randomUUID();
const sealed = db.sealClusterCredentials(
  db.createCredentialCipher(secretKey),
  { id: clusterId, server: sim.url, insecureSkipTlsVerify: false },
  { caPem: sim.caPem, auth: { kind: 'token', token: sim.tokens.admin } },
);
await db.createCluster(prisma, org.id, { id: clusterId, name: 'bench', server: sim.url, authKind: 'token', ...sealed });
const secret = `ptk_${randomBytes(32).toString('base64url')}`;
await prisma.apiToken.create({
  data: { organizationId: org.id, userId: user.id, name: 'bench', prefix: secret.slice(0, 10), tokenHash: createHash('sha256').update(secret).digest('hex'), role: 'editor' },
});
const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
const submit = (name) =>
  fetch(`${apiUrl}/api/v1/clusters/${clusterId}/changes`, {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': name },
    body: JSON.stringify({ change: { type: 'service', namespace: 'default', name, serviceType: 'NodePort', selector: { app: 'my-app' }, labels: { app: 'my-app' }, ports: [{ port: 80 }] } }),
  });
// Warm-up: connections, pg-boss's queue cache, the worker's first cluster client.
for (let i = 0; i < 5; i++) await submit(`warm-${i}`);
await sleep(2000);

// Observed with plain pg every 5 ms: the measuring must not take the CPU it measures.
const poll = db.createSqlPool(url, { max: 1 });
const sentAt = new Map();
const doneAt = new Map();
let polling = true;
const poller = (async () => {
  while (polling) {
    const { rows } = await poll.query(`SELECT "name", "state" FROM "Change" WHERE "state" IN ('applied', 'failed') AND "name" LIKE 'via-portico-%'`);
    const now = performance.now();
    for (const r of rows) if (!doneAt.has(r.name)) doneAt.set(r.name, { at: now, state: r.state });
    await sleep(5);
  }
})();
const started = performance.now();
const submissions = [];
for (let i = 0; i < COUNT; i++) {
  const due = started + (i * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await sleep(wait);
  const name = `via-portico-${i}`;
  sentAt.set(name, performance.now());
  submissions.push(submit(name).then((r) => (r.status === 202 ? undefined : r.text().then((t) => Promise.reject(new Error(`submit ${r.status}: ${t}`))))));
}
await Promise.all(submissions);
const deadline = performance.now() + 120_000;
while (doneAt.size < COUNT && performance.now() < deadline) await sleep(50);
polling = false;
await poller;
const failed = [...doneAt.values()].filter((d) => d.state !== 'applied').length;
if (doneAt.size < COUNT || failed) throw new Error(`${doneAt.size} of ${COUNT} changes finished, ${failed} failed`);
const latencies = [...sentAt].map(([name, t]) => doneAt.get(name).at - t);
const audited = await prisma.auditEvent.count({ where: { organizationId: org.id, action: 'change.applied' } });
const applyP50Ms = percentile(latencies, 50);
const applyP95Ms = percentile(latencies, 95);
const directApplyP50Ms = percentile(direct, 50);
log(
  `Portico, submit → applied and recorded at ${RATE}/s: p50 ${round(applyP50Ms)} ms, p95 ${round(applyP95Ms)} ms, max ${round(Math.max(...latencies))} ms over ${COUNT} (${audited} change.applied audit events; polling adds ≤ 5 ms)`,
);
log(`goal p95 < 1000 ms: ${applyP95Ms < 1000 ? 'met' : 'MISSED'}; Portico p50 is ${round(applyP50Ms / directApplyP50Ms)}× the bare apply`);

// Where the time went: attempts per job (a retry waits for its backoff) and why they failed.
const { rows: attempts } = await poll.query(`SELECT retry_count AS "retries", count(*)::int AS "jobs" FROM pgboss.job WHERE name = 'changes.apply' GROUP BY 1 ORDER BY 1`);
log(`jobs by retries: ${attempts.map((r) => `${r.retries} → ${r.jobs}`).join(', ')}`);
const { rows: errors } = await poll.query(`SELECT DISTINCT left(output->>'message', 200) AS "message" FROM pgboss.job WHERE name = 'changes.apply' AND output ? 'message' LIMIT 5`);
for (const e of errors) log(`attempt failed: ${e.message}`);
const { rows: phases } = await poll.query(
  `SELECT extract(epoch FROM "startedAt" - "createdAt") * 1000 AS "queued", extract(epoch FROM "finishedAt" - "startedAt") * 1000 AS "applying" FROM "Change" WHERE "name" LIKE 'via-portico-%'`,
);
log(
  `stored → claimed by the worker: p50 ${round(
    percentile(
      phases.map((p) => Number(p.queued)),
      50,
    ),
  )} ms, p95 ${round(
    percentile(
      phases.map((p) => Number(p.queued)),
      95,
    ),
  )} ms; claimed → recorded: p50 ${round(
    percentile(
      phases.map((p) => Number(p.applying)),
      50,
    ),
  )} ms, p95 ${round(
    percentile(
      phases.map((p) => Number(p.applying)),
      95,
    ),
  )} ms`,
);
await poll.end();
await prisma.$disconnect();
api.kill('SIGTERM');
worker.kill('SIGTERM');
await sim.close();
await db.dropDatabase(url).catch(() => undefined);
await server.stop();
console.log(JSON.stringify({ applyP50Ms: round(applyP50Ms), applyP95Ms: round(applyP95Ms), directApplyP50Ms: round(directApplyP50Ms), changes: COUNT, ratePerSecond: RATE }));
process.exit(0);
