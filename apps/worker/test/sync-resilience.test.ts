import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Db, type EmbeddedDatabase, type SqlPool, createSqlPool, applyMigrations, createCluster, createCredentialCipher, createDb, createOrganization, createUser, ensureDatabaseExists, sealClusterCredentials, startEmbeddedDatabase } from '@portico/db';
import { RESOURCE_LIST, apiVersionOf } from '@portico/kube';
import { type Simulator, startSimulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { SyncSupervisor } from '../src/sync/sync-supervisor.js';

/**
 * The copy converges after the things that go away in production: Postgres restarting under
 * the worker, and the cluster being unreachable for 30 s while objects are deleted in it.
 * Uses its own embedded Postgres so it can stop it.
 */
const logger = createLogger(process.env.SYNC_TEST_LOG ?? 'silent');
let sim: Simulator;
let pg: EmbeddedDatabase;
let db: Db;
let sql: SqlPool;
let clusterId: string;
let supervisor: SyncSupervisor;
let dataDir: string;
const port = 55400 + Math.floor(Math.random() * 400);

async function waitFor(what: string, fn: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await fn().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function converged(): Promise<boolean> {
  for (const res of RESOURCE_LIST) {
    let objects = sim.objects.list(apiVersionOf(res), res.kind);
    if (res.key === 'secrets') objects = objects.filter((o) => (o as { type?: string }).type === 'kubernetes.io/tls');
    const rows = await db.kubeObject.findMany({ where: { clusterId, resource: res.key }, select: { namespace: true, name: true, resourceVersion: true } });
    if (rows.length !== objects.length) return false;
    const have = new Map(rows.map((r) => [`${r.namespace}/${r.name}`, r.resourceVersion]));
    if (objects.some((o) => have.get(`${o.metadata?.namespace ?? ''}/${o.metadata?.name}`) !== o.metadata?.resourceVersion)) return false;
  }
  return true;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'portico-resilience-'));
  [sim, pg] = await Promise.all([startSimulator({ scenario: 'course', bookmarkIntervalMs: 1000 }), startEmbeddedDatabase({ dataDir, port })]);
  const url = pg.urlFor('portico');
  await ensureDatabaseExists(url);
  await applyMigrations(url);
  db = createDb(url, { max: 6 });
  sql = createSqlPool(url, { max: 6, asyncCommit: true });
  const user = await createUser(db, { email: 'r@resilience.test', name: 'R', passwordHash: 'x' });
  const org = await db.$transaction((tx) => createOrganization(tx, { name: 'resilience', ownerId: user.id }));
  const cipher = createCredentialCipher(Buffer.alloc(32, 4).toString('base64'));
  clusterId = crypto.randomUUID();
  await createCluster(db, org.id, { id: clusterId, name: 'r', server: sim.url, authKind: 'token', ...sealClusterCredentials(cipher, clusterId, { caPem: sim.caPem, auth: { kind: 'token', token: sim.tokens.admin } }) });
  supervisor = new SyncSupervisor({ sql, cipher, logger, scanIntervalMs: 300, leaseTtlMs: 5000 });
  supervisor.start();
  await waitFor('initial sync', converged, 60_000);
}, 120_000);

afterAll(async () => {
  await supervisor?.stop();
  await db?.$disconnect();
  await sql?.end();
  await sim?.close();
  await pg?.stop();
});

describe('convergence after outages', () => {
  it('converges after Postgres restarts, keeping changes made while it was down', async () => {
    await pg.stop();
    sim.objects.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'while-pg-down', namespace: 'demo' }, spec: { ports: [{ port: 80 }] } });
    sim.objects.delete('v1', 'Service', 'demo', 'my-app-service');
    await new Promise((r) => setTimeout(r, 3000));
    pg = await startEmbeddedDatabase({ dataDir, port });
    await waitFor('convergence after the Postgres restart', converged, 90_000);
    expect(await db.kubeObject.findFirst({ where: { clusterId, name: 'my-app-service' } })).toBeNull();
  }, 120_000);

  it('converges after the cluster is unreachable for 30 s, including deletions made meanwhile', async () => {
    const outageEnds = Date.now() + 30_000;
    await sim.faults.refuseConnections(30); // resolves once the port is closed; it reopens 30 s later
    sim.faults.dropWatches(); // an outage also ends the connections that were open
    await new Promise((r) => setTimeout(r, 500));
    const victim = sim.objects.list('networking.k8s.io/v1', 'Ingress', 'demo')[0]!.metadata!.name!;
    sim.objects.delete('networking.k8s.io/v1', 'Ingress', 'demo', victim);
    sim.objects.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'while-cluster-down', namespace: 'demo' }, spec: { ports: [{ port: 80 }] } });
    await waitFor('unreachable status', async () => (await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).status === 'unreachable', 30_000);
    expect((await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).statusReason).toBeTruthy();
    await new Promise((r) => setTimeout(r, outageEnds - Date.now()));
    // Retries back off to at most 30 s (±20 % jitter), so the copy must be whole within ~36 s of the cluster's return.
    await waitFor('convergence after the outage', async () => (await converged()) && (await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).status === 'ready', 50_000);
    expect(await db.kubeObject.findFirst({ where: { clusterId, resource: 'ingresses', name: victim } })).toBeNull();
  }, 120_000);
});
