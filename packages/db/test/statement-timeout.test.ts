import { afterAll, describe, expect, inject, it } from 'vitest';
import { type Db, type KubeObjectRow, type SqlPool, copyKubeObjects, createCluster, createDb, createOrganization, createSqlPool, createUser } from '../src/index.js';

/**
 * Issue 8: a statement that runs away (a slow plan, a hostile cluster's huge write) is cancelled
 * by Postgres after `statementTimeoutMs`, on both ways in (pg pool and Prisma), while a bulk COPY
 * of a sync page still fits in the api's and worker's default (30 s).
 */
const QUERY_CANCELED = '57014';
const opened: { end(): Promise<void> }[] = [];
afterAll(() => Promise.all(opened.map((c) => c.end())));

function pool(statementTimeoutMs?: number): SqlPool {
  const p = createSqlPool(inject('databaseUrl'), { max: 2, statementTimeoutMs });
  opened.push(p);
  return p;
}

function prisma(statementTimeoutMs?: number): Db {
  const db = createDb(inject('databaseUrl'), { max: 2, statementTimeoutMs });
  opened.push({ end: () => db.$disconnect() });
  return db;
}

describe('statement_timeout', () => {
  it('cancels a pg-pool statement that runs longer than the timeout', async () => {
    const started = Date.now();
    await expect(pool(300).query('SELECT pg_sleep(5)')).rejects.toMatchObject({ code: QUERY_CANCELED });
    expect(Date.now() - started).toBeLessThan(4000);
    expect((await pool(300).query<{ t: string }>("SELECT current_setting('statement_timeout') AS t")).rows[0].t).toBe('300ms');
  });

  it('cancels a Prisma statement that runs longer than the timeout', async () => {
    const started = Date.now();
    const err = await prisma(300)
      .$queryRawUnsafe('SELECT pg_sleep(5)')
      .catch((e: unknown) => e);
    expect(String((err as Error).message)).toMatch(/statement timeout|57014/);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('leaves connections without a timeout unlimited (migrations use their own)', async () => {
    expect((await pool().query<{ t: string }>("SELECT current_setting('statement_timeout') AS t")).rows[0].t).toBe('0');
  });

  it('loads a 500-row page by COPY well within the default 30 s', async () => {
    const db = prisma(30_000);
    const sql = pool(30_000);
    const user = await createUser(db, { email: `st-${Date.now()}@db.test`, name: 'S', passwordHash: 'x' });
    const org = await db.$transaction((tx) => createOrganization(tx, { name: 'statement timeout', ownerId: user.id }));
    const cluster = await createCluster(db, org.id, { name: 'c', server: 'https://127.0.0.1:1', authKind: 'token', credentials: 'x', credentialsKeyId: 'k', enabled: false });
    const rows: KubeObjectRow[] = Array.from({ length: 500 }, (_, i) => ({
      resource: 'services',
      apiVersion: 'v1',
      kind: 'Service',
      namespace: 'ns',
      name: `svc-${i}`,
      uid: `u-${i}`,
      resourceVersion: String(i),
      labels: {},
      body: { spec: { ports: [{ port: 80 }], pad: 'x'.repeat(4000) } },
      serviceType: 'ClusterIP',
      ingressClass: null,
      hosts: [],
    }));
    expect(await copyKubeObjects(sql, { organizationId: org.id, clusterId: cluster.id, leaseGeneration: 0 }, rows)).toBe(500);
  });
});
