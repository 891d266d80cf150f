import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type Db,
  type KubeObjectRow,
  type SqlPool,
  acquireClusterLease,
  copyKubeObjects,
  createCluster,
  createDb,
  createOrganization,
  createSqlPool,
  createUser,
  deleteKubeObjects,
  findClusterForSync,
  listKubeObjectVersions,
  listSyncableClusterIds,
  recordClusterSyncState,
  releaseClusterLease,
  upsertKubeObjects,
} from '../src/index.js';

let db: Db;
let sql: SqlPool;
let scope: { organizationId: string; clusterId: string; leaseGeneration: number };
beforeAll(async () => {
  db = createDb(inject('databaseUrl'), { max: 4 });
  sql = createSqlPool(inject('databaseUrl'), { max: 4 });
  const user = await createUser(db, { email: `ko-${Date.now()}@db.test`, name: 'K', passwordHash: 'x' });
  const org = await db.$transaction((tx) => createOrganization(tx, { name: 'kube objects', ownerId: user.id }));
  const cluster = await createCluster(db, org.id, { name: 'c1', server: 'https://127.0.0.1:1', authKind: 'token', credentials: 'x', credentialsKeyId: 'k', enabled: false });
  // Never leased yet: generation 0 (the lease-fencing tests live in apps/worker/test/lease-fencing.test.ts).
  scope = { organizationId: org.id, clusterId: cluster.id, leaseGeneration: 0 };
});
afterAll(async () => {
  await db.$disconnect();
  await sql.end();
});

const svc = (i: number, extra: Partial<KubeObjectRow> = {}): KubeObjectRow => ({
  resource: 'services',
  apiVersion: 'v1',
  kind: 'Service',
  namespace: `ns-${i % 10}`,
  name: `svc-${i}`,
  uid: `uid-${i}`,
  resourceVersion: String(i),
  labels: { app: `a${i}` },
  body: { spec: { type: 'ClusterIP', "quote'd": 'it\'s "ok"' } },
  serviceType: 'ClusterIP',
  ingressClass: null,
  hosts: [],
  ...extra,
});

describe('kube object bulk writes', () => {
  it('upserts thousands of rows in one statement, updates in place, and deletes by key', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => svc(i));
    expect(await upsertKubeObjects(sql, scope, rows)).toBe(3000);
    expect(await db.kubeObject.count({ where: { clusterId: scope.clusterId } })).toBe(3000);

    await upsertKubeObjects(sql, scope, [svc(5, { resourceVersion: '999', hosts: ['a.example.com', 'b.example.com'], serviceType: 'NodePort' })]);
    const five = await db.kubeObject.findFirstOrThrow({ where: { clusterId: scope.clusterId, name: 'svc-5' } });
    expect(five).toMatchObject({ resourceVersion: '999', serviceType: 'NodePort', hosts: ['a.example.com', 'b.example.com'], labels: { app: 'a5' } });
    expect(five.body).toEqual({ spec: { type: 'ClusterIP', "quote'd": 'it\'s "ok"' } });

    const versions = await listKubeObjectVersions(sql, scope.clusterId, 'services');
    expect(versions).toHaveLength(3000);
    expect(versions.find((v) => v.name === 'svc-5')).toEqual({ namespace: 'ns-5', name: 'svc-5', uid: 'uid-5', resourceVersion: '999' });

    // What a relist no longer sees is deleted by key; other resources and clusters are untouched.
    const gone = rows.slice(2000).map((r) => ({ namespace: r.namespace, name: r.name }));
    expect(await deleteKubeObjects(sql, scope, 'ingresses', gone)).toBe(0);
    expect(await deleteKubeObjects(sql, scope, 'services', gone)).toBe(1000);
    expect(await db.kubeObject.count({ where: { clusterId: scope.clusterId } })).toBe(2000);
  });

  it('bulk-loads with COPY exactly what the upsert would store, escapes included, and refuses duplicates', async () => {
    const tricky = (i: number): KubeObjectRow =>
      svc(10_000 + i, {
        resource: 'ingresses',
        kind: 'Ingress',
        namespace: 'copy',
        labels: { 'app.kubernetes.io/name': `x${i}` },
        body: { text: 'tab\there, newline\nthere, back\\slash, "quotes", \\N, ünïcødé ✓', nested: { list: [1, null, true] } },
        serviceType: null,
        ingressClass: i % 2 ? 'nginx' : null,
        hosts: ['a.example.com', 'odd"host\\name'],
      });
    const rows = Array.from({ length: 600 }, (_, i) => tricky(i));
    expect(await copyKubeObjects(sql, scope, rows)).toBe(600);
    const stored = await db.kubeObject.findMany({ where: { clusterId: scope.clusterId, namespace: 'copy' }, orderBy: { name: 'asc' } });
    expect(stored).toHaveLength(600);
    const first = stored.find((r) => r.name === 'svc-10001')!;
    expect(first).toMatchObject({
      kind: 'Ingress',
      labels: { 'app.kubernetes.io/name': 'x1' },
      body: rows[1].body,
      serviceType: null,
      ingressClass: 'nginx',
      hosts: ['a.example.com', 'odd"host\\name'],
    });
    expect(stored.find((r) => r.name === 'svc-10000')!.ingressClass).toBeNull();
    // A page with a row that exists fails as a whole (23505), so the caller can upsert it instead.
    await expect(copyKubeObjects(sql, scope, [tricky(600), tricky(0)])).rejects.toMatchObject({ code: '23505' });
    expect(await db.kubeObject.count({ where: { clusterId: scope.clusterId, namespace: 'copy' } })).toBe(600);
    await deleteKubeObjects(sql, scope, 'ingresses', rows);
  });

  it('gives the sync lease to one holder at a time, and to another once it expires', async () => {
    await db.cluster.update({ where: { id: scope.clusterId }, data: { enabled: true } });
    // Each takeover increments the generation (the fencing token); a renewal keeps it.
    expect(await acquireClusterLease(sql, scope.clusterId, 'worker-a', 60_000)).toBe(1);
    expect(await acquireClusterLease(sql, scope.clusterId, 'worker-b', 60_000)).toBeUndefined();
    expect(await acquireClusterLease(sql, scope.clusterId, 'worker-a', 60_000)).toBe(1); // renewal
    await db.cluster.update({ where: { id: scope.clusterId }, data: { leaseExpiresAt: new Date(Date.now() - 1) } });
    expect(await acquireClusterLease(sql, scope.clusterId, 'worker-b', 60_000)).toBe(2);
    await releaseClusterLease(sql, scope.clusterId, 'worker-b');
    expect(await acquireClusterLease(sql, scope.clusterId, 'worker-a', 60_000)).toBe(3);
    // A disabled cluster is synced by nobody.
    await db.cluster.update({ where: { id: scope.clusterId }, data: { enabled: false, leaseHolder: null } });
    expect(await acquireClusterLease(sql, scope.clusterId, 'worker-a', 60_000)).toBeUndefined();
  });

  it('lists enabled clusters for the supervisor and records their sync state', async () => {
    await db.cluster.update({ where: { id: scope.clusterId }, data: { enabled: true } });
    expect(await listSyncableClusterIds(sql)).toContain(scope.clusterId);
    expect(await findClusterForSync(sql, scope.clusterId)).toMatchObject({ id: scope.clusterId, organizationId: scope.organizationId, credentials: 'x', credentialsKeyId: 'k' });
    const at = new Date('2026-11-25T10:00:00.000Z');
    const fence = { clusterId: scope.clusterId, leaseGeneration: Number((await db.cluster.findUniqueOrThrow({ where: { id: scope.clusterId } })).leaseGeneration) };
    await recordClusterSyncState(sql, fence, { status: 'ready', statusReason: null, lastSyncedAt: at, syncProgress: { services: { done: 2, total: 2 } }, facts: { nodeCount: 3 } });
    expect(await db.cluster.findUniqueOrThrow({ where: { id: scope.clusterId } })).toMatchObject({
      status: 'ready',
      statusReason: null,
      lastSyncedAt: at,
      syncProgress: { services: { done: 2, total: 2 } },
      facts: { nodeCount: 3 },
    });
    await recordClusterSyncState(sql, fence, { status: 'unreachable', statusReason: 'connection refused' });
    expect(await db.cluster.findUniqueOrThrow({ where: { id: scope.clusterId } })).toMatchObject({ status: 'unreachable', statusReason: 'connection refused', lastSyncedAt: at });
    await db.cluster.update({ where: { id: scope.clusterId }, data: { enabled: false } });
    expect(await listSyncableClusterIds(sql)).not.toContain(scope.clusterId);
    expect(await findClusterForSync(sql, scope.clusterId)).toBeUndefined();
  });
});
