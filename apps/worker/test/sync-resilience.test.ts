import { mkdtemp } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Db, type EmbeddedDatabase, type SqlPool, createCredentialCipher, ensureDatabaseExists, startEmbeddedDatabase } from '@portico/db';
import { type Simulator, startSimulator } from '@portico/kube-sim';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncSupervisor } from '../src/sync/sync-supervisor.js';
import { copyDifferences, migrateAndConnect, registerSimulator, startSupervisor, waitFor } from './support/sync-fixtures.js';

/**
 * The copy converges after the things that go away in production: Postgres restarting under
 * the worker, and the cluster being unreachable for 30 s while objects are deleted in it.
 * Uses its own embedded Postgres so it can stop it.
 */
/** The worker's warnings, kept so the test can wait for "the worker met the outage" instead of a fixed time. */
const warnings: { msg: string; time: number }[] = [];
const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push({ ...(JSON.parse(line) as { msg: string }), time: Date.now() }) });
let sim: Simulator;
let pg: EmbeddedDatabase;
let db: Db;
let sql: SqlPool;
let clusterId: string;
let supervisor: SyncSupervisor;
let dataDir: string;
const port = 55400 + Math.floor(Math.random() * 400);

/** Whether something accepts TCP connections on the simulator's port (the outage is over). */
function portOpen(): Promise<boolean> {
  const { hostname, port: simPort } = new URL(sim.url);
  return new Promise((resolve) => {
    const socket = connect(Number(simPort), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const converged = async () => (await copyDifferences(sim, db, clusterId)).length === 0;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'portico-resilience-'));
  [sim, pg] = await Promise.all([startSimulator({ scenario: 'course', bookmarkIntervalMs: 1000 }), startEmbeddedDatabase({ dataDir, port })]);
  const url = pg.urlFor('portico');
  await ensureDatabaseExists(url);
  ({ db, sql } = await migrateAndConnect(url, { db: 6, sql: 6 }));
  const cipher = createCredentialCipher(Buffer.alloc(32, 4).toString('base64'));
  clusterId = await registerSimulator(db, cipher, sim, 'r');
  supervisor = startSupervisor({ sql, cipher, logger, leaseTtlMs: 5000 });
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
    const stoppedAt = Date.now();
    sim.objects.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'while-pg-down', namespace: 'demo' }, spec: { ports: [{ port: 80 }] } });
    sim.objects.delete('v1', 'Service', 'demo', 'my-app-service');
    // The worker received those events and could not write them: now bring Postgres back.
    await waitFor('a failed write', async () => warnings.some((w) => w.time >= stoppedAt && w.msg === 'sync interrupted'), 30_000);
    pg = await startEmbeddedDatabase({ dataDir, port });
    await waitFor('convergence after the Postgres restart', converged, 90_000);
    expect(await db.kubeObject.findFirst({ where: { clusterId, name: 'my-app-service' } })).toBeNull();
  }, 120_000);

  it('converges after the cluster is unreachable for 30 s, including deletions made meanwhile', async () => {
    const outageEnds = Date.now() + 30_000;
    await sim.faults.refuseConnections(30); // resolves once the port is closed; it reopens 30 s later
    sim.faults.dropWatches(); // an outage also ends the connections that were open
    const victim = sim.objects.list('networking.k8s.io/v1', 'Ingress', 'demo')[0].metadata.name!;
    sim.objects.delete('networking.k8s.io/v1', 'Ingress', 'demo', victim);
    sim.objects.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'while-cluster-down', namespace: 'demo' }, spec: { ports: [{ port: 80 }] } });
    await waitFor('unreachable status', async () => (await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).status === 'unreachable', 30_000);
    expect((await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).statusReason).toBeTruthy();
    await waitFor('the cluster is back', portOpen, 40_000);
    expect(Date.now()).toBeGreaterThanOrEqual(outageEnds - 1000);
    // Retries back off to at most 30 s (±20 % jitter), so the copy must be whole within ~36 s of the cluster's return.
    await waitFor('convergence after the outage', async () => (await converged()) && (await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).status === 'ready', 50_000);
    expect(await db.kubeObject.findFirst({ where: { clusterId, resource: 'ingresses', name: victim } })).toBeNull();
  }, 120_000);
});
