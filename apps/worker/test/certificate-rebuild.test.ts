import { type Db, type Sql, type SqlPool, acquireClusterLease, createCluster, createDb, createOrganization, createSqlPool, createUser, upsertKubeObjects } from '@portico/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { CertificateRebuild } from '../src/sync/certificate-rebuild.js';
import { waitFor } from './support/sync-fixtures.js';

/**
 * The rebuild is debounced: a burst of sync writes costs one rebuild, which reads what is stored
 * when it runs (so a change made while the timer was pending is not missed).
 */
let db: Db;
let pool: SqlPool;
let scope: { organizationId: string; clusterId: string; leaseGeneration: number };
/** Reads of the synced objects, one per rebuild; the pool underneath is the real one. */
let reads = 0;
const counting: Sql = {
  query: ((...args: Parameters<SqlPool['query']>) => {
    if (typeof args[0] === 'string' && args[0].includes('FROM "KubeObject"')) reads++;
    return (pool.query as (...a: unknown[]) => unknown)(...args);
  }) as Sql['query'],
};

beforeAll(async () => {
  db = createDb(inject('databaseUrl'), { max: 2 });
  pool = createSqlPool(inject('databaseUrl'), { max: 4 });
  const user = await createUser(db, { email: `rebuild-${Date.now()}@worker.test`, name: 'R', passwordHash: 'x' });
  const org = await db.$transaction((tx) => createOrganization(tx, { name: 'rebuild', ownerId: user.id }));
  const cluster = await createCluster(db, org.id, { name: 'c', server: 'https://127.0.0.1:1', authKind: 'token', credentials: 'x', credentialsKeyId: 'k', enabled: true });
  scope = { organizationId: org.id, clusterId: cluster.id, leaseGeneration: (await acquireClusterLease(pool, cluster.id, 'test', 60_000))! };
});
afterAll(async () => {
  await db.$disconnect();
  await pool.end();
});

const ingress = (name: string) => ({
  resource: 'ingresses',
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  namespace: 'shop',
  name,
  uid: name,
  resourceVersion: '1',
  labels: {},
  body: { spec: { tls: [{ hosts: [`${name}.example.com`], secretName: `${name}-tls` }] } },
  serviceType: null,
  ingressClass: null,
  hosts: [`${name}.example.com`],
});

describe('CertificateRebuild', () => {
  it('rebuilds once per burst of changes, from what is stored at the time it runs', async () => {
    const changed: string[] = [];
    const rebuild = new CertificateRebuild({ sql: counting, scope, logger: createLogger('silent'), intervalMs: 100, onChanged: (org) => changed.push(org) });
    await upsertKubeObjects(pool, scope, [ingress('a')]);
    for (let i = 0; i < 20; i++) rebuild.schedule();
    await waitFor('first rebuild', async () => (await db.trackedCertificate.count({ where: { clusterId: scope.clusterId } })) === 1);
    expect(reads).toBe(1);
    expect(changed).toEqual([scope.organizationId]);

    await upsertKubeObjects(pool, scope, [ingress('b')]);
    rebuild.schedule();
    // Scheduled again while the timer is pending: still one rebuild, which sees both changes.
    await upsertKubeObjects(pool, scope, [ingress('c')]);
    rebuild.schedule();
    await waitFor('second rebuild', async () => (await db.trackedCertificate.count({ where: { clusterId: scope.clusterId } })) === 3);
    expect(reads).toBe(2);
    // Nothing changed since: a rebuild writes nothing and tells no one.
    rebuild.schedule();
    await waitFor('third rebuild', () => reads === 3);
    await rebuild.stop();
    expect(changed).toHaveLength(2);
  });
});
