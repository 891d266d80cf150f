import {
  type Db,
  type KubeObjectRow,
  type Sql,
  type SqlPool,
  acquireClusterLease,
  copyKubeObjects,
  createCluster,
  createCredentialCipher,
  deleteKubeObjects,
  deleteKubeObjectsOfResource,
  recordClusterSyncState,
  upsertKubeObjects,
} from '@portico/db';
import { startSimulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, createTestOrganization, openTestDatabase, registerSimulator, startSupervisor, waitFor } from './support/sync-fixtures.js';

/**
 * Sync lease fencing: a worker that stalled (GC pause, frozen VM, a slow Postgres round trip)
 * and wakes up after another worker took its cluster over still has its sync running for a
 * moment. Its writes carry the lease generation they started under and must change nothing.
 */
let database: TestDatabase;
let db: Db;
let sql: SqlPool;
let organizationId: string;

beforeAll(async () => {
  // A database of its own: a worker started by another test file would take these clusters' leases.
  database = await openTestDatabase('portico_fencing', { db: 4, sql: 6 });
  ({ db, sql } = database);
  organizationId = await createTestOrganization(db, 'fencing');
});
afterAll(async () => {
  await database?.close();
});

const svc = (name: string, resourceVersion = '1'): KubeObjectRow => ({
  resource: 'services',
  apiVersion: 'v1',
  kind: 'Service',
  namespace: 'shop',
  name,
  uid: `uid-${name}`,
  resourceVersion,
  labels: {},
  body: { metadata: { name } },
  serviceType: 'ClusterIP',
  ingressClass: null,
  hosts: [],
});

async function newCluster(name: string): Promise<string> {
  const cluster = await createCluster(db, organizationId, { name, server: 'https://203.0.113.10:6443', authKind: 'token', credentials: 'x', credentialsKeyId: 'k' });
  return cluster.id;
}

/** The lease ran out while its holder was stalled: the next scan of another worker may take it. */
const expireLease = (clusterId: string) => db.cluster.update({ where: { id: clusterId }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
const rows = async (clusterId: string) =>
  (await db.kubeObject.findMany({ where: { clusterId }, orderBy: { name: 'asc' }, select: { name: true, resourceVersion: true } })).map((r) => `${r.name}@${r.resourceVersion}`);

describe('sync lease fencing', () => {
  it('gives every takeover a new generation; the stale holder writes, deletes and reports nothing', async () => {
    const clusterId = await newCluster('fenced');
    const generationA = await acquireClusterLease(sql, clusterId, 'worker-a', 60_000);
    expect(generationA).toBe(1);
    const a = { organizationId, clusterId, leaseGeneration: generationA! };
    expect(await upsertKubeObjects(sql, a, [svc('one'), svc('two')])).toBe(2);
    await recordClusterSyncState(sql, a, { status: 'ready', statusReason: null });

    // worker-a stalls; its lease runs out and worker-b takes the cluster over.
    await expireLease(clusterId);
    const generationB = await acquireClusterLease(sql, clusterId, 'worker-b', 60_000);
    expect(generationB).toBe(2);
    const b = { organizationId, clusterId, leaseGeneration: generationB! };
    expect(await upsertKubeObjects(sql, b, [svc('three')])).toBe(1);
    await recordClusterSyncState(sql, b, { status: 'syncing', statusReason: null });

    // worker-a wakes up and carries on with what it was doing.
    expect(await deleteKubeObjects(sql, a, 'services', [{ namespace: 'shop', name: 'three' }])).toBe(0);
    expect(await upsertKubeObjects(sql, a, [svc('one', '99'), svc('four')])).toBe(0);
    expect(await copyKubeObjects(sql, a, [svc('five')])).toBe(0);
    expect(await deleteKubeObjectsOfResource(sql, a, 'services')).toBe(0);
    await recordClusterSyncState(sql, a, { status: 'unreachable', statusReason: 'stale news' });
    expect(await rows(clusterId)).toEqual(['one@1', 'three@1', 'two@1']);
    expect(await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).toMatchObject({ status: 'syncing', statusReason: null, leaseHolder: 'worker-b' });

    // The current holder's writes go through; renewing keeps its generation.
    expect(await acquireClusterLease(sql, clusterId, 'worker-b', 60_000)).toBe(2);
    expect(await deleteKubeObjects(sql, b, 'services', [{ namespace: 'shop', name: 'one' }])).toBe(1);
    expect(await copyKubeObjects(sql, b, [svc('five')])).toBe(1);
    expect(await rows(clusterId)).toEqual(['five@1', 'three@1', 'two@1']);

    // Even when worker-a gets the cluster back later, its old sync stays fenced off.
    await expireLease(clusterId);
    expect(await acquireClusterLease(sql, clusterId, 'worker-a', 60_000)).toBe(3);
    expect(await deleteKubeObjectsOfResource(sql, a, 'services')).toBe(0);
    expect(await rows(clusterId)).toHaveLength(3);
  });

  it('a stale write racing the takeover waits for it, then finds its lease gone', async () => {
    const clusterId = await newCluster('raced');
    const a = { organizationId, clusterId, leaseGeneration: (await acquireClusterLease(sql, clusterId, 'worker-a', 60_000))! };
    expect(await upsertKubeObjects(sql, a, [svc('kept')])).toBe(1);
    await expireLease(clusterId);

    // worker-b's takeover is in progress (its transaction has not committed) when worker-a's writes arrive.
    const takeover = await sql.connect();
    try {
      await takeover.query('BEGIN');
      expect(await acquireClusterLease(takeover as unknown as Sql, clusterId, 'worker-b', 60_000)).toBe(2);
      const staleDelete = deleteKubeObjects(sql, a, 'services', [{ namespace: 'shop', name: 'kept' }]);
      const staleUpsert = upsertKubeObjects(sql, a, [svc('late')]);
      // Both wait on the cluster row's lock (a check against a snapshot would have let them through).
      await waitFor('the stale writes to wait for the takeover', async () => {
        const waiting = await sql.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%"KubeObject"%' AND datname = current_database()`,
        );
        return waiting.rows[0].n === 2;
      });
      await takeover.query('COMMIT');
      expect(await staleDelete).toBe(0);
      expect(await staleUpsert).toBe(0);
    } finally {
      takeover.release();
    }
    expect(await rows(clusterId)).toEqual(['kept@1']);
  });
});

describe('sync supervisor and lease generations', () => {
  it("restarts a cluster's sync when it gets the lease back under a new generation", async () => {
    const sim = await startSimulator({ scenario: 'empty', gatewayApi: false, certManager: false });
    const cipher = createCredentialCipher(Buffer.alloc(32, 3).toString('base64'));
    const id = await registerSimulator(db, cipher, sim, 'comes-back', organizationId);
    const supervisor = startSupervisor({ sql, cipher, scanIntervalMs: 200, leaseTtlMs: 5000 });
    const hasService = (name: string) => async () => (await db.kubeObject.count({ where: { clusterId: id, resource: 'services', name } })) === 1;
    try {
      await waitFor('the first sync', async () => (await db.cluster.findUniqueOrThrow({ where: { id } })).status === 'ready', 30_000);
      // Another worker took the cluster over while this one stalled, then died: this worker's next scan takes it back.
      await sql.query(`UPDATE "Cluster" SET "leaseHolder" = 'worker-x', "leaseGeneration" = "leaseGeneration" + 1, "leaseExpiresAt" = now() - interval '1 second' WHERE "id" = $1`, [id]);
      await waitFor('the lease to come back', async () => (await db.cluster.findUniqueOrThrow({ where: { id } })).leaseHolder === supervisor.holder);
      // The sync started under the old generation writes nothing any more; a restarted one does.
      sim.objects.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'after-takeover', namespace: 'default' }, spec: { ports: [{ port: 80 }] } });
      await waitFor('the new service in the copy', hasService('after-takeover'), 30_000);
    } finally {
      await supervisor.stop();
      await sim.close();
    }
  }, 60_000);
});
