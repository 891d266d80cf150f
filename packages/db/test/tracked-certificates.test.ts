import type { TrackedCertificateFacts } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_CERTIFICATE_THRESHOLDS } from '@portico/contracts';
import {
  type Db,
  type Sql,
  type SqlPool,
  InvalidCursorError,
  acquireClusterLease,
  createCluster,
  createDb,
  createOrganization,
  createSqlPool,
  createUser,
  findTrackedCertificate,
  listTrackedCertificates,
  replaceTrackedCertificates,
} from '../src/index.js';

let db: Db;
let sql: SqlPool;
let scope: { organizationId: string; clusterId: string; leaseGeneration: number };
beforeAll(async () => {
  db = createDb(inject('databaseUrl'), { max: 2 });
  sql = createSqlPool(inject('databaseUrl'), { max: 2 });
  const user = await createUser(db, { email: `tc-${Date.now()}@db.test`, name: 'T', passwordHash: 'x' });
  const org = await db.$transaction((tx) => createOrganization(tx, { name: 'tracked certificates', ownerId: user.id }));
  const cluster = await createCluster(db, org.id, { name: 'c1', server: 'https://127.0.0.1:1', authKind: 'token', credentials: 'x', credentialsKeyId: 'k', enabled: true });
  const generation = await acquireClusterLease(sql, cluster.id, 'worker-a', 60_000);
  scope = { organizationId: org.id, clusterId: cluster.id, leaseGeneration: generation! };
});
afterAll(async () => {
  await db.$disconnect();
  await sql.end();
});

const row = (secretName: string, extra: Partial<TrackedCertificateFacts> = {}): TrackedCertificateFacts => ({
  namespace: 'shop',
  secretName,
  source: 'secret',
  secretExists: true,
  certManagerName: null,
  subject: `CN=${secretName}.example.com`,
  commonName: `${secretName}.example.com`,
  issuerName: 'ca',
  dnsNames: [`${secretName}.example.com`],
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2026-04-01T00:00:00.000Z',
  lifetimeSeconds: 90 * 86_400,
  fingerprintSha256: `AA:${secretName}`,
  serialNumber: '01',
  keyAlgorithm: 'ECDSA',
  keySize: 256,
  chain: [],
  chainComplete: true,
  intermediateNotAfter: null,
  issuerRefKind: null,
  issuerRefName: null,
  issuerReady: null,
  issuerMessage: null,
  ready: null,
  readyReason: null,
  readyMessage: null,
  renewalTime: null,
  revision: null,
  requestState: null,
  requestMessage: null,
  usedBy: [{ kind: 'Ingress', namespace: 'shop', name: 'web', listener: null, hosts: ['a.example.com'] }],
  hosts: ['a.example.com'],
  uncoveredHosts: [],
  owner: null,
  problems: [],
  parseError: null,
  ...extra,
});

const stored = () => db.trackedCertificate.findMany({ where: { clusterId: scope.clusterId }, orderBy: { secretName: 'asc' } });

describe('replaceTrackedCertificates', () => {
  it('writes every column, keeps ids across rebuilds, rewrites only what changed and deletes what is gone', async () => {
    expect(await replaceTrackedCertificates(sql, scope, [row('a'), row('b'), row('c')])).toEqual({ written: 3, deleted: 0 });
    const first = await stored();
    expect(first[0]).toMatchObject({ organizationId: scope.organizationId, secretName: 'a', dnsNames: ['a.example.com'], lifetimeSeconds: BigInt(90 * 86_400), usedBy: row('a').usedBy, problems: [] });
    expect(first[0].notAfter?.toISOString()).toBe('2026-04-01T00:00:00.000Z');

    // The same rows again: nothing is written.
    expect(await replaceTrackedCertificates(sql, scope, [row('a'), row('b'), row('c')])).toEqual({ written: 0, deleted: 0 });
    // b renewed, c gone.
    expect(await replaceTrackedCertificates(sql, scope, [row('a'), row('b', { fingerprintSha256: 'BB:new', problems: ['weak-key'] })])).toEqual({ written: 1, deleted: 1 });
    const second = await stored();
    expect(second.map((r) => [r.secretName, r.id])).toEqual(first.slice(0, 2).map((r) => [r.secretName, r.id]));
    expect(second[1]).toMatchObject({ fingerprintSha256: 'BB:new', problems: ['weak-key'] });
    expect(second[0].updatedAt).toEqual(first[0].updatedAt);
    expect(second[1].updatedAt.getTime()).toBeGreaterThanOrEqual(first[1].updatedAt.getTime());
  });

  it('changes nothing under a lease that was taken over', async () => {
    const before = await stored();
    const stale = { ...scope, leaseGeneration: scope.leaseGeneration - 1 };
    expect(await replaceTrackedCertificates(sql, stale, [row('z')])).toEqual({ written: 0, deleted: 0 });
    expect(await stored()).toEqual(before);
  });
});

describe('listTrackedCertificates', () => {
  const DAY = 86_400_000;
  const now = new Date('2026-03-01T00:00:00.000Z');
  let other: { organizationId: string; clusterId: string; leaseGeneration: number };
  const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString();
  const list = (extra: Partial<Parameters<typeof listTrackedCertificates>[1]> = {}) =>
    listTrackedCertificates(sql, { organizationId: scope.organizationId, sort: 'daysLeft', limit: 50, now, thresholds: DEFAULT_CERTIFICATE_THRESHOLDS, ...extra });

  beforeAll(async () => {
    const user = await createUser(db, { email: `tc2-${Date.now()}@db.test`, name: 'T', passwordHash: 'x' });
    const org = await db.$transaction((tx) => createOrganization(tx, { name: 'other org', ownerId: user.id }));
    const cluster = await createCluster(db, org.id, { name: 'c2', server: 'https://127.0.0.1:1', authKind: 'token', credentials: 'x', credentialsKeyId: 'k', enabled: true });
    other = { organizationId: org.id, clusterId: cluster.id, leaseGeneration: (await acquireClusterLease(sql, cluster.id, 'worker-a', 60_000))! };
    await replaceTrackedCertificates(sql, scope, [
      row('fresh', { notBefore: at(-10), notAfter: at(80), owner: 'team-a' }),
      row('soon', { notBefore: at(-80), notAfter: at(10), owner: 'team-b' }),
      row('dead', { notBefore: at(-100), notAfter: at(-10), dnsNames: ['dead.example.org'] }),
      row('weak', { notBefore: at(-10), notAfter: at(80), problems: ['weak-key'], namespace: 'infra' }),
      row('missing-1', { notBefore: null, notAfter: null, secretExists: false, source: 'reference', problems: ['secret-missing'] }),
      row('missing-2', { notBefore: null, notAfter: null, secretExists: false, source: 'reference', problems: ['secret-missing'] }),
    ]);
    await replaceTrackedCertificates(sql, other, [row('theirs', { notBefore: at(-80), notAfter: at(1) })]);
  });

  it('sorts by days left, certificates without one last, and pages through all of them without repeats', async () => {
    const all = await list();
    const names = all.items.map((r) => r.secretName);
    // fresh and weak expire at the same instant: their order is the id's.
    expect([...names.slice(0, 2), ...names.slice(2, 4).sort(), ...names.slice(4).sort()]).toEqual(['dead', 'soon', 'fresh', 'weak', 'missing-1', 'missing-2']);
    expect(all.items).toHaveLength(6);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list({ limit: 2, cursor });
      seen.push(...page.items.map((r) => r.secretName));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((r) => r.secretName));
    const backwards = await list({ sort: '-daysLeft', limit: 3 });
    expect(backwards.items.map((r) => r.secretName).slice(2)).toEqual(['soon']);
    const rest = await list({ sort: '-daysLeft', limit: 3, cursor: backwards.nextCursor! });
    expect(rest.items.map((r) => r.secretName)).toEqual([
      'dead',
      ...all.items
        .slice(4)
        .map((r) => r.secretName)
        .reverse(),
    ]);
  });

  it('filters by state (time states judged at now), owner, namespace and text; never another organization', async () => {
    const names = async (extra: Partial<Parameters<typeof listTrackedCertificates>[1]>) => (await list(extra)).items.map((r) => r.secretName).sort();
    expect(await names({ state: 'expired' })).toEqual(['dead']);
    expect(await names({ state: 'expiring' })).toEqual(['soon']);
    expect(await names({ state: 'weak-key' })).toEqual(['weak']);
    expect(await names({ state: 'secret-missing' })).toEqual(['missing-1', 'missing-2']);
    expect(await names({ state: 'expired', now: new Date(now.getTime() + 11 * DAY) })).toEqual(['dead', 'soon']);
    expect(await names({ owner: 'team-a' })).toEqual(['fresh']);
    expect(await names({ namespace: 'infra' })).toEqual(['weak']);
    expect(await names({ q: 'EXAMPLE.ORG' })).toEqual(['dead']);
    expect(await names({ q: '100%_' })).toEqual([]);
    expect((await list()).items.map((r) => r.secretName)).not.toContain('theirs');
    const theirs = (await listTrackedCertificates(sql, { ...(await list()), organizationId: other.organizationId, sort: 'daysLeft', limit: 5, now, thresholds: DEFAULT_CERTIFICATE_THRESHOLDS }))
      .items[0];
    expect(await findTrackedCertificate(sql, scope.organizationId, theirs.id)).toBeNull();
    expect(await findTrackedCertificate(sql, other.organizationId, theirs.id)).toMatchObject({ secretName: 'theirs', clusterName: 'c2', lifetimeSeconds: 90 * 86_400 });
  });

  it('refuses a cursor of another list', async () => {
    const page = await list({ limit: 1 });
    await expect(list({ sort: '-daysLeft', cursor: page.nextCursor! })).rejects.toThrow(InvalidCursorError);
  });

  it('sorts 10,000 certificates by days left with an index range scan', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => row(`bulk-${i}`, { namespace: `ns-${i % 50}`, notBefore: at(-90), notAfter: at((i * 7919) % 365), owner: `team-${i % 7}` }));
    await replaceTrackedCertificates(sql, other, rows);
    await sql.query('ANALYZE "TrackedCertificate"');
    const plans: string[] = [];
    const explaining: Sql = {
      query: (async (text: string, values: unknown[]) => {
        const plan = await sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, values);
        plans.push(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
        return sql.query(text, values);
      }) as Sql['query'],
    };
    const start = performance.now();
    const page = await listTrackedCertificates(explaining, { organizationId: other.organizationId, sort: 'daysLeft', limit: 50, now, thresholds: DEFAULT_CERTIFICATE_THRESHOLDS });
    const ms = performance.now() - start;
    expect(page.items).toHaveLength(50);
    expect(plans[0]).toContain('TrackedCertificate_organizationId_notAfter_id_idx');
    expect(plans[0]).not.toMatch(/Seq Scan on "TrackedCertificate"/);
    console.info(`list of 10,000 sorted by days left: ${ms.toFixed(1)} ms (with EXPLAIN)\n${plans[0]}`);
  });
});
