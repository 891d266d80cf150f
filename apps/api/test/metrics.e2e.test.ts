import { PROMETHEUS_TEXT_TYPE } from '@portico/contracts';
import { createCluster } from '@portico/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePrometheus, seriesOf } from './support/prometheus.js';
import { type TestApp, createToken, seedOrganization, signIn, startTestApp } from './support/test-app.js';

/**
 * `GET /api/metrics`: Prometheus text an independent parser reads, gauges equal to the stored
 * certificates' times, and one organization's clusters and certificates never in another's answer.
 */
let t: TestApp;
let viewerTokenA: string;
let viewerTokenB: string;
const DAY = 86_400_000;
const now = Date.now();
// Whole seconds: the gauges are epoch seconds and the columns keep milliseconds.
const at = (offsetMs: number) => new Date(Math.floor((now + offsetMs) / 1000) * 1000);
const webNotAfter = at(60 * DAY);
const intermediateNotAfter = at(400 * DAY);
const legacyNotAfter = at(-2 * DAY);
const lastSyncedAt = at(-90_000);

const chainEntry = (subject: string, issuer: string, notAfter: Date, serialNumber: string, from = 'tls.crt') => ({
  subject,
  issuer,
  notBefore: at(-30 * DAY).toISOString(),
  notAfter: notAfter.toISOString(),
  fingerprintSha256: serialNumber.padEnd(64, '0'),
  serialNumber,
  isCa: subject !== 'CN=shop.example.com',
  keyAlgorithm: 'ECDSA',
  keySize: 256,
  from,
});

beforeAll(async () => {
  t = await startTestApp();
  const [a, b] = [await seedOrganization(t.db, 'metrics-a'), await seedOrganization(t.db, 'metrics-b')];
  const cluster = (organizationId: string, name: string) =>
    createCluster(t.db, organizationId, { name, server: 'https://127.0.0.1:1', authKind: 'token', credentials: 'sealed', credentialsKeyId: 'k', status: 'ready', lastSyncedAt });
  const [prodA, prodB] = [await cluster(a.organization.id, 'prod-a'), await cluster(b.organization.id, 'prod-b')];
  await t.db.trackedCertificate.createMany({
    data: [
      {
        organizationId: a.organization.id,
        clusterId: prodA.id,
        namespace: 'shop',
        secretName: 'web-tls',
        source: 'cert-manager',
        secretExists: true,
        certManagerName: 'web',
        issuerRefKind: 'ClusterIssuer',
        issuerRefName: 'letsencrypt',
        ready: true,
        notBefore: at(-30 * DAY),
        notAfter: webNotAfter,
        renewalTime: at(30 * DAY),
        chain: [
          chainEntry('CN=shop.example.com', "CN=R11, O=Let's Encrypt, C=US", webNotAfter, '0A1B'),
          chainEntry("CN=R11, O=Let's Encrypt, C=US", 'CN=ISRG Root X1, O=Internet Security Research Group, C=US', intermediateNotAfter, 'FF'),
          chainEntry('CN=ISRG Root X1, O=Internet Security Research Group, C=US', 'CN=ISRG Root X1, O=Internet Security Research Group, C=US', at(900 * DAY), '01', 'ca.crt'),
        ],
      },
      {
        organizationId: a.organization.id,
        clusterId: prodA.id,
        namespace: 'default',
        secretName: 'legacy-tls',
        source: 'secret',
        secretExists: true,
        notAfter: legacyNotAfter,
        chain: [chainEntry('CN=legacy.example.com', 'CN=legacy.example.com', legacyNotAfter, '10')],
      },
      // cert-manager's Certificate whose Secret does not exist yet: no x509 series, times 0, not ready.
      {
        organizationId: a.organization.id,
        clusterId: prodA.id,
        namespace: 'shop',
        secretName: 'new-tls',
        source: 'cert-manager',
        certManagerName: 'new',
        issuerRefKind: 'Issuer',
        issuerRefName: 'ca',
        ready: false,
      },
      {
        organizationId: b.organization.id,
        clusterId: prodB.id,
        namespace: 'tenant-b-ns',
        secretName: 'secret-of-b',
        source: 'cert-manager',
        secretExists: true,
        certManagerName: 'cert-of-b',
        issuerRefKind: 'ClusterIssuer',
        issuerRefName: 'issuer-of-b',
        notAfter: webNotAfter,
        chain: [chainEntry('CN=b.example.com', 'CN=ca-of-b', webNotAfter, '0B')],
      },
    ],
  });
  const change = (organizationId: string, clusterId: string, state: 'pending' | 'applied') => ({
    organizationId,
    clusterId,
    type: 'service',
    operation: 'apply',
    apiVersion: 'v1',
    kind: 'Service',
    namespace: 'default',
    name: `svc-${state}`,
    request: {},
    state,
  });
  await t.db.change.createMany({ data: [change(a.organization.id, prodA.id, 'pending'), change(a.organization.id, prodA.id, 'applied'), change(b.organization.id, prodB.id, 'pending')] });
  const mail = (organizationId: string, state: string) => ({ organizationId, kind: 'test', to: ['x@example.com'], subject: 's', text: 't', html: 'h', state });
  await t.db.outboxMessage.createMany({
    data: [mail(a.organization.id, 'sent'), mail(a.organization.id, 'failed'), mail(a.organization.id, 'pending'), ...Array.from({ length: 5 }, () => mail(b.organization.id, 'sent'))],
  });
  viewerTokenA = (await createToken(await signIn(t, a.users.admin.email), 'viewer')).secret;
  viewerTokenB = (await createToken(await signIn(t, b.users.admin.email), 'viewer')).secret;
});
afterAll(() => t.close());

const scrape = async (token: string) => {
  const res = await t.http().get('/api/metrics').set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe(PROMETHEUS_TEXT_TYPE);
  return { text: res.text, families: parsePrometheus(res.text) };
};
const epoch = (d: Date) => d.getTime() / 1000;

describe('GET /api/metrics', () => {
  it("mirrors cert-manager's certificate gauges, valued by the stored times", async () => {
    const { families } = await scrape(viewerTokenA);
    const web = { cluster: 'prod-a', name: 'web', namespace: 'shop', issuer_name: 'letsencrypt', issuer_kind: 'ClusterIssuer', issuer_group: 'cert-manager.io' };
    const fresh = { cluster: 'prod-a', name: 'new', namespace: 'shop', issuer_name: 'ca', issuer_kind: 'Issuer', issuer_group: 'cert-manager.io' };
    expect(seriesOf(families, 'certmanager_certificate_expiration_timestamp_seconds')).toEqual([
      { labels: fresh, value: 0 },
      { labels: web, value: epoch(webNotAfter) },
    ]);
    expect(seriesOf(families, 'certmanager_certificate_renewal_timestamp_seconds').find((s) => s.labels.name === 'web')?.value).toBe(epoch(at(30 * DAY)));
    const ready = seriesOf(families, 'certmanager_certificate_ready_status').filter((s) => s.value === 1);
    expect(ready.map((s) => [s.labels.name, s.labels.condition])).toEqual([
      ['new', 'False'],
      ['web', 'True'],
    ]);
    expect(families.get('certmanager_certificate_expiration_timestamp_seconds')?.type).toBe('GAUGE');
  });

  it("mirrors x509-certificate-exporter's gauges for every certificate of a TLS Secret's tls.crt", async () => {
    const { families } = await scrape(viewerTokenA);
    const x509 = (secret_namespace: string, secret_name: string, subject_CN: string, issuer_CN: string, serial_number: string) => ({
      cluster: 'prod-a',
      secret_namespace,
      secret_name,
      secret_key: 'tls.crt',
      subject_CN,
      issuer_CN,
      serial_number,
    });
    const leaf = x509('shop', 'web-tls', 'shop.example.com', 'R11', '2587');
    const intermediate = x509('shop', 'web-tls', 'R11', 'ISRG Root X1', '255');
    const legacy = x509('default', 'legacy-tls', 'legacy.example.com', 'legacy.example.com', '16');
    expect(seriesOf(families, 'x509_cert_not_after')).toEqual(
      [
        { labels: legacy, value: epoch(legacyNotAfter) },
        { labels: leaf, value: epoch(webNotAfter) },
        { labels: intermediate, value: epoch(intermediateNotAfter) },
      ].sort((p, q) => JSON.stringify(p.labels).localeCompare(JSON.stringify(q.labels))),
    );
    expect(seriesOf(families, 'x509_cert_expired').map((s) => [s.labels.secret_name, s.labels.subject_CN, s.value])).toEqual(
      expect.arrayContaining([
        ['legacy-tls', 'legacy.example.com', 1],
        ['web-tls', 'shop.example.com', 0],
        ['web-tls', 'R11', 0],
      ]),
    );
  });

  it('reports sync lag, the change queue and the outbox of this organization', async () => {
    const before = Date.now();
    const { families } = await scrape(viewerTokenA);
    const [lag] = seriesOf(families, 'portico_cluster_sync_lag_seconds');
    expect(lag.labels).toEqual({ cluster: 'prod-a' });
    expect(lag.value).toBeGreaterThanOrEqual((before - lastSyncedAt.getTime()) / 1000);
    expect(lag.value).toBeLessThan((Date.now() - lastSyncedAt.getTime()) / 1000 + 1);
    expect(seriesOf(families, 'portico_change_queue_depth')).toEqual([{ labels: { cluster: 'prod-a', state: 'pending' }, value: 1 }]);
    expect(seriesOf(families, 'portico_mail_sent_total')).toEqual([{ labels: {}, value: 1 }]);
    expect(seriesOf(families, 'portico_mail_failed_total')).toEqual([{ labels: {}, value: 1 }]);
    expect(seriesOf(families, 'portico_mail_pending')).toEqual([{ labels: {}, value: 1 }]);
  });

  it("never shows another organization's clusters or certificates", async () => {
    const [a, b] = [await scrape(viewerTokenA), await scrape(viewerTokenB)];
    for (const secret of ['prod-b', 'secret-of-b', 'cert-of-b', 'issuer-of-b', 'b.example.com', 'tenant-b-ns']) expect(a.text).not.toContain(secret);
    for (const secret of ['prod-a', 'web-tls', 'legacy', 'shop.example.com', 'letsencrypt']) expect(b.text).not.toContain(secret);
    expect(seriesOf(b.families, 'x509_cert_not_after').map((s) => s.labels.secret_name)).toEqual(['secret-of-b']);
    expect(seriesOf(b.families, 'portico_mail_sent_total')).toEqual([{ labels: {}, value: 5 }]);
  });

  it('serves every series of a 10,000-certificate organization', async () => {
    const big = await seedOrganization(t.db, 'metrics-10k');
    for (let c = 0; c < 10; c++) {
      const cluster = await createCluster(t.db, big.organization.id, { name: `big-${c}`, server: 'https://127.0.0.1:1', authKind: 'token', credentials: 'sealed', credentialsKeyId: 'k' });
      // Set-based seeding: 1,000 cert-manager certificates per cluster, each with a leaf and an intermediate in tls.crt.
      await t.db.$executeRawUnsafe(
        `INSERT INTO "TrackedCertificate" ("id", "organizationId", "clusterId", "namespace", "secretName", "source", "secretExists", "certManagerName", "issuerRefKind", "issuerRefName", "ready", "notAfter", "chain")
         SELECT gen_random_uuid(), $1::uuid, $2::uuid, 'ns-' || (i % 50), 'tls-' || i, 'cert-manager', true, 'cert-' || i, 'ClusterIssuer', 'le', true, now() + make_interval(hours => i),
                jsonb_build_array(jsonb_build_object('subject', 'CN=h' || i || '.example.com', 'issuer', 'CN=R11', 'notAfter', now() + make_interval(hours => i), 'serialNumber', to_hex(i), 'from', 'tls.crt'),
                                  jsonb_build_object('subject', 'CN=R11', 'issuer', 'CN=Root', 'notAfter', now() + interval '400 days', 'serialNumber', 'FF', 'from', 'tls.crt'))
           FROM generate_series(1, 1000) i`,
        big.organization.id,
        cluster.id,
      );
    }
    const token = (await createToken(await signIn(t, big.users.admin.email), 'viewer')).secret;
    const { families } = await scrape(token);
    expect(families.get('certmanager_certificate_expiration_timestamp_seconds')?.metrics).toHaveLength(10_000);
    expect(families.get('certmanager_certificate_ready_status')?.metrics).toHaveLength(30_000);
    expect(families.get('x509_cert_not_after')?.metrics).toHaveLength(20_000);
  });

  it('sends the text gzip-compressed when the scraper accepts gzip, as Prometheus does, and plain otherwise', async () => {
    const asked = (encoding: string) => t.http().get('/api/metrics').set('Authorization', `Bearer ${viewerTokenA}`).set('Accept-Encoding', encoding);
    const plain = await asked('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/);
    expect(plain.text).toContain('certmanager_certificate_expiration_timestamp_seconds{');
    for (const encoding of ['gzip', 'br;q=1.0, gzip;q=0.8, *;q=0.1', 'deflate, *']) {
      // supertest inflates the body; the header says what travelled.
      const res = await asked(encoding);
      expect(res.headers['content-encoding'], encoding).toBe('gzip');
      expect(res.headers['content-type']).toBe(PROMETHEUS_TEXT_TYPE);
      // The same text apart from the sync lag, which is measured at each scrape.
      const steady = (text: string) => text.replace(/^portico_cluster_sync_lag_seconds.*$/m, '');
      expect(steady(res.text)).toBe(steady(plain.text));
    }
    for (const encoding of ['gzip;q=0', 'deflate', '*;q=0']) expect((await asked(encoding)).headers['content-encoding'], encoding).toBeUndefined();
  });

  it('refuses a caller without credentials with problem+json', async () => {
    const res = await t.http().get('/api/metrics');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'unauthenticated' });
  });
});
