import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Db, type KubeObjectRow, acquireClusterLease, createCluster, createDb, createOrganization, createUser, releaseClusterLease, sweepKubeObjects, upsertKubeObjects } from '../src/index.js';

let db: Db;
let scope: { organizationId: string; clusterId: string };
beforeAll(async () => {
  db = createDb(inject('databaseUrl'), { max: 4 });
  const user = await createUser(db, { email: `ko-${Date.now()}@db.test`, name: 'K', passwordHash: 'x' });
  const org = await db.$transaction((tx) => createOrganization(tx, { name: 'kube objects', ownerId: user.id }));
  const cluster = await createCluster(db, org.id, { name: 'c1', server: 'https://127.0.0.1:1', authKind: 'token', credentials: 'x', credentialsKeyId: 'k', enabled: false });
  scope = { organizationId: org.id, clusterId: cluster.id };
});
afterAll(() => db.$disconnect());

const svc = (i: number, extra: Partial<KubeObjectRow> = {}): KubeObjectRow => ({
  resource: 'services', apiVersion: 'v1', kind: 'Service', namespace: `ns-${i % 10}`, name: `svc-${i}`, uid: `uid-${i}`,
  resourceVersion: String(i), labels: { app: `a${i}` }, body: { spec: { type: 'ClusterIP', "quote'd": 'it\'s "ok"' } },
  serviceType: 'ClusterIP', ingressClass: null, hosts: [], ...extra,
});

describe('kube object bulk writes', () => {
  it('upserts thousands of rows in one statement, updates in place, and sweeps what a relist did not see', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => svc(i));
    expect(await upsertKubeObjects(db, { ...scope, listGeneration: 1 }, rows)).toBe(3000);
    expect(await db.kubeObject.count({ where: { clusterId: scope.clusterId } })).toBe(3000);

    await upsertKubeObjects(db, { ...scope, listGeneration: 1 }, [svc(5, { resourceVersion: '999', hosts: ['a.example.com', 'b.example.com'], serviceType: 'NodePort' })]);
    const five = await db.kubeObject.findFirstOrThrow({ where: { clusterId: scope.clusterId, name: 'svc-5' } });
    expect(five).toMatchObject({ resourceVersion: '999', serviceType: 'NodePort', hosts: ['a.example.com', 'b.example.com'], labels: { app: 'a5' } });
    expect(five.body).toEqual({ spec: { type: 'ClusterIP', "quote'd": 'it\'s "ok"' } });

    // A relist (generation 2) sees only the first 2000: the other 1000 were deleted meanwhile.
    await upsertKubeObjects(db, { ...scope, listGeneration: 2 }, rows.slice(0, 2000));
    const swept = await sweepKubeObjects(db, scope.clusterId, 'services', 2);
    expect(swept.count).toBe(1000);
    expect(await db.kubeObject.count({ where: { clusterId: scope.clusterId } })).toBe(2000);
  });

  it('gives the sync lease to one holder at a time, and to another once it expires', async () => {
    await db.cluster.update({ where: { id: scope.clusterId }, data: { enabled: true } });
    expect(await acquireClusterLease(db, scope.clusterId, 'worker-a', 60_000)).toBe(true);
    expect(await acquireClusterLease(db, scope.clusterId, 'worker-b', 60_000)).toBe(false);
    expect(await acquireClusterLease(db, scope.clusterId, 'worker-a', 60_000)).toBe(true); // renewal
    await db.cluster.update({ where: { id: scope.clusterId }, data: { leaseExpiresAt: new Date(Date.now() - 1) } });
    expect(await acquireClusterLease(db, scope.clusterId, 'worker-b', 60_000)).toBe(true);
    await releaseClusterLease(db, scope.clusterId, 'worker-b');
    expect(await acquireClusterLease(db, scope.clusterId, 'worker-a', 60_000)).toBe(true);
    // A disabled cluster is synced by nobody.
    await db.cluster.update({ where: { id: scope.clusterId }, data: { enabled: false, leaseHolder: null } });
    expect(await acquireClusterLease(db, scope.clusterId, 'worker-a', 60_000)).toBe(false);
  });
});
