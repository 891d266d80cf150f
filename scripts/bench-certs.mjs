// `npm run bench:certs`: certificate alert evaluation over 10,000 distinct certificates (each
// its own key and fingerprint, from the simulator's generator) on 10 clusters, synced by a real
// worker process and tracked by its rebuild; then one full evaluation is timed (every level
// computed in SQL, alerts raised, their e-mails rendered into the outbox and their jobs queued, in
// one transaction), and a second one with nothing new. Goal: the full evaluation under 1 s.
// Prints the figures, then one JSON line. BENCH_CERTS (default 10000) and BENCH_CLUSTERS (10).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { log, round, sleep, startWorker } from './bench-lib.mjs';
import { ensureInstalled, root } from './ensure-install.mjs';

ensureInstalled();
const { build } = await import('./build.mjs');
if (!process.argv.includes('--no-build')) build('!@portico/web');
const { startDatabase } = await import('./stack.mjs');
const db = await import('@portico/db');
const { startSimulator } = await import('@portico/kube-sim');
const { jobs } = await import('@portico/contracts');
const { PgBoss } = await import('pg-boss');
// The worker's own evaluation (SQL in @portico/db, e-mail rendering in the worker), from its build.
const { evaluateCertificates } = await import(pathToFileURL(path.join(root, 'apps/worker/dist/jobs/evaluate-certificates.job.js')).href);

const TOTAL = Number(process.env.BENCH_CERTS ?? 10_000);
const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 10);
const perCluster = Math.ceil(TOTAL / CLUSTERS);

// 1. Ten clusters, each with its own CA and its own certificates at ages spread over their lifetimes.
log(`generating ${TOTAL.toLocaleString('en')} TLS Secrets on ${CLUSTERS} simulators…`);
const sims = [];
for (let i = 0; i < CLUSTERS; i++) {
  const sim = await startSimulator({ scenario: 'empty', bookmarkIntervalMs: 5000, watchHistory: 20_000 });
  await sim.generate.tlsSecrets(perCluster, { namespaces: 10, prefix: `c${i}-tls` });
  await sim.settle();
  sims.push(sim);
  log(`  cluster ${i + 1}/${CLUSTERS}: ${perCluster} TLS Secrets`);
}

// 2. Portico's database and a real worker that syncs them and builds the tracked certificates.
const server = await startDatabase({ dataDir: path.join(root, '.data/bench-certs'), pgPort: 54344, database: 'postgres', log });
const url = await db.createFreshDatabase(process.env.DATABASE_URL ?? server.baseUrl, 'portico_bench_certs');
await db.applyMigrations(url);
const prisma = db.createDb(url, { max: 4 });
const sql = db.createSqlPool(url, { max: 4 });
const secretKey = randomBytes(32).toString('base64');
const user = await db.createUser(prisma, { email: 'bench@portico.test', name: 'bench', passwordHash: 'x' });
const org = await prisma.$transaction((tx) => db.createOrganization(tx, { name: 'bench', ownerId: user.id }));
const cipher = db.createCredentialCipher(secretKey);
for (const [i, sim] of sims.entries()) {
  const id = crypto.randomUUID();
  const sealed = db.sealClusterCredentials(cipher, { id, server: sim.url, insecureSkipTlsVerify: false }, { caPem: sim.caPem, auth: { kind: 'token', token: sim.tokens.admin } });
  await db.createCluster(prisma, org.id, { id, name: `bench-${i}`, server: sim.url, authKind: 'token', ...sealed });
}
const worker = startWorker(url, secretKey, 'error');
const t0 = performance.now();
let tracked = 0;
for (;;) {
  tracked = Number((await sql.query(`SELECT count(*) FROM "TrackedCertificate" WHERE "organizationId" = $1 AND "fingerprintSha256" IS NOT NULL`, [org.id])).rows[0].count);
  if (tracked >= perCluster * CLUSTERS) break;
  if (performance.now() - t0 > 600_000) throw new Error(`only ${tracked} certificates tracked after 10 minutes`);
  await sleep(500);
}
const distinct = Number((await sql.query(`SELECT count(DISTINCT "fingerprintSha256") FROM "TrackedCertificate" WHERE "organizationId" = $1`, [org.id])).rows[0].count);
log(`synced and tracked ${tracked.toLocaleString('en')} certificates (${distinct.toLocaleString('en')} distinct fingerprints) in ${round((performance.now() - t0) / 1000)} s`);
// The worker evaluated on its own after the sync (as it should); the bench times a first evaluation, so it starts from none.
worker.kill('SIGTERM');
await new Promise((resolve) => worker.once('exit', resolve));
await sql.query(`DELETE FROM "CertificateAlert"`);
await sql.query(`DELETE FROM "OutboxMessage"`);
await sql.query(`DELETE FROM pgboss.job WHERE name = ANY($1)`, [[jobs.sendMail.name, jobs.evaluateCertificates.name]]);

// 3. The evaluation, as the worker's job runs it, at one moment for all organizations.
const boss = new PgBoss({ connectionString: url, schema: 'pgboss', supervise: false, schedule: false, max: 2 });
await boss.start();
const env = { PORTICO_PUBLIC_URL: 'http://localhost:3000' };
const now = new Date();
let started = performance.now();
const first = await evaluateCertificates({ sql, env, boss }, now);
const evaluate10kMs = performance.now() - started;
log(`full evaluation: ${round(evaluate10kMs)} ms — ${first.raised} alerts raised, ${first.messages} e-mails written and queued (${JSON.stringify(first.timings)})`);
started = performance.now();
const second = await evaluateCertificates({ sql, env, boss }, now);
const steadyMs = performance.now() - started;
log(`evaluation with nothing new: ${round(steadyMs)} ms (${second.raised} raised, ${second.messages} e-mails; ${JSON.stringify(second.timings)})`);
const levels = (await sql.query(`SELECT "level", count(*)::int AS n FROM "CertificateAlert" GROUP BY 1 ORDER BY 1`)).rows;
log(`alerts by level: ${levels.map((l) => `${l.level} ${l.n}`).join(', ')}`);

await boss.stop({ graceful: false });
await sql.end();
await prisma.$disconnect();
await Promise.all(sims.map((s) => s.close()));
if (process.env.BENCH_KEEP_DB) log(`kept the database: ${url}`);
else await db.dropDatabase(url);
await server.stop();
console.log(
  JSON.stringify({
    evaluate10kMs: round(evaluate10kMs),
    certificates: tracked,
    distinctFingerprints: distinct,
    clusters: CLUSTERS,
    alertsRaised: first.raised,
    emails: first.messages,
    steadyEvaluateMs: round(steadyMs),
    timings: first.timings,
  }),
);
