import { X509Certificate } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { type CredentialCipher, type Db, type SqlPool, createCredentialCipher } from '@portico/db';
import { startSimulator } from '@portico/kube-sim';
import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlPlaneBinary, startControlPlane } from '../../../packages/control-plane/index.js';
import { parseWorkerEnv } from '../src/env.js';
import { evaluateCertificates } from '../src/jobs/evaluate-certificates.job.js';
import type { SyncSupervisor } from '../src/sync/sync-supervisor.js';
import { type TestDatabase, openTestDatabase, registerServer, startQueueOnlyBoss, startSupervisor, waitFor } from './support/sync-fixtures.js';

/**
 * Portico's certificate tracking against real issuance and renewal: cert-manager's controller,
 * built from its Go module (packages/control-plane/certmanager), on the real control plane — and
 * the same scenario, through the same code, against the simulator's cert-manager, whose answers
 * (conditions, revisions, Secret annotations and keys, chain shape, key defaults) must be the
 * real one's. SelfSigned ClusterIssuer → CA Certificate → CA Issuer → leaf Certificate; a renewal
 * as `cmctl renew` asks for it (the Issuing condition on status); an Issuer without its CA Secret.
 */
const KEY = Buffer.alloc(32, 13).toString('base64');
const DAY = 86_400_000;
const NS = 'shop';
const CM = '/apis/cert-manager.io/v1';

interface Backend {
  url: string;
  caPem: string;
  token: string;
  close(): Promise<void>;
}
type Obj = Record<string, any>;

const binary = controlPlaneBinary();
if (binary.skip) console.warn(`[control-plane] cert-manager against the real control plane is skipped: ${binary.skip}`);
const backends: { name: string; start(): Promise<Backend> }[] = [
  ...(binary.skip ? [] : [{ name: 'real cert-manager', start: () => startControlPlane({ certManager: true }) }]),
  {
    name: 'simulated cert-manager',
    async start() {
      const sim = await startSimulator({ scenario: 'empty', bookmarkIntervalMs: 1000 });
      return { url: sim.url, caPem: sim.caPem, token: sim.tokens.admin, close: () => sim.close() };
    },
  },
];

/** What Portico reads, per backend, without what cannot be the same twice (times, keys, uids). */
const observed = new Map<string, Obj>();

const certificate = (name: string, spec: Obj) => ({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name }, spec });
const issuer = (name: string, spec: Obj) => ({ apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name }, spec });
const seed: [string, Obj][] = [
  ['/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } }],
  [`${CM}/clusterissuers`, { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'selfsigned' }, spec: { selfSigned: {} } }],
  [
    `${CM}/namespaces/${NS}/certificates`,
    certificate('shop-ca', { isCA: true, commonName: 'Shop CA', secretName: 'shop-ca', issuerRef: { name: 'selfsigned', kind: 'ClusterIssuer', group: 'cert-manager.io' } }),
  ],
  [`${CM}/namespaces/${NS}/issuers`, issuer('shop-ca', { ca: { secretName: 'shop-ca' } })],
  // No kind, no group: cert-manager copies the issuerRef as written into the request and the Secret.
  [`${CM}/namespaces/${NS}/certificates`, certificate('web', { dnsNames: ['web.shop.example.com'], secretName: 'web-tls', issuerRef: { name: 'shop-ca' } })],
  [`${CM}/namespaces/${NS}/issuers`, issuer('broken', { ca: { secretName: 'missing-ca' } })],
  [`${CM}/namespaces/${NS}/certificates`, certificate('stuck', { dnsNames: ['stuck.shop.example.com'], secretName: 'stuck-tls', issuerRef: { name: 'broken', kind: 'Issuer' } })],
];

/** Sorted by type: their order is whichever of cert-manager's controllers wrote first. */
const conditions = (o: Obj | undefined) =>
  ((o?.status?.conditions ?? []) as Obj[])
    .map((c) => ({ type: c.type, status: c.status, reason: c.reason, ...(c.message === undefined ? {} : { message: c.message }) }))
    .sort((a, b) => String(a.type).localeCompare(String(b.type)));
const certsOf = (pemB64: string | undefined) =>
  pemB64
    ? (
        Buffer.from(pemB64, 'base64')
          .toString()
          .match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? []
      ).map((p) => new X509Certificate(p))
    : [];

describe.each(backends)('certificate tracking against the $name', (backend) => {
  let cluster: Backend;
  let database: TestDatabase;
  let db: Db;
  let sql: SqlPool;
  let cipher: CredentialCipher;
  let clusterId: string;
  let organizationId: string;
  let supervisor: SyncSupervisor;
  let boss: PgBoss;

  /** One REST call with the admin token; refuses anything but 2xx. */
  function call(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Obj> {
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        new URL(path, cluster.url),
        { method, ca: cluster.caPem, headers: { authorization: `Bearer ${cluster.token}`, 'content-type': contentType, accept: 'application/json' } },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => ((res.statusCode ?? 0) < 300 ? resolve(text ? (JSON.parse(text) as Obj) : {}) : reject(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 300)}`))));
        },
      );
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  }
  const get = (path: string) => call('GET', path);
  const rowOf = (secretName: string) => db.trackedCertificate.findUnique({ where: { clusterId_namespace_secretName: { clusterId, namespace: NS, secretName } } });
  const env = () => parseWorkerEnv({ DATABASE_URL: database.url, PORTICO_SECRET_KEY: KEY, PORTICO_PUBLIC_URL: 'http://portico.test' });

  beforeAll(async () => {
    cluster = await backend.start();
    for (const [path, body] of seed) await call('POST', path, body);
    database = await openTestDatabase('portico_cert_manager_real', { db: 4, sql: 8 });
    ({ db, sql } = database);
    cipher = createCredentialCipher(KEY);
    clusterId = await registerServer(db, cipher, { url: cluster.url, caPem: cluster.caPem, token: cluster.token }, 'cert-manager');
    organizationId = (await db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).organizationId;
    supervisor = startSupervisor({ sql, cipher });
    boss = await startQueueOnlyBoss(database.url);
  }, 180_000);

  afterAll(async () => {
    await supervisor?.stop();
    await boss?.stop({ graceful: false });
    await database?.close();
    await cluster?.close();
  });

  it('tracks the issued leaf: cert-manager source, Ready, chain leaf + CA, renewal time, revision 1, its request', async () => {
    await waitFor('web-tls issued and tracked', async () => (await rowOf('web-tls'))?.revision === 1 && !!(await rowOf('web-tls'))?.fingerprintSha256, 60_000);
    const row = (await rowOf('web-tls'))!;
    expect(row).toMatchObject({
      source: 'cert-manager',
      certManagerName: 'web',
      secretExists: true,
      ready: true,
      readyReason: 'Ready',
      readyMessage: 'Certificate is up to date and has not expired',
      revision: 1,
      requestState: 'Issued',
      requestMessage: 'Certificate fetched from issuer successfully',
      issuerRefName: 'shop-ca',
      issuerReady: true,
      issuerName: 'Shop CA',
      dnsNames: ['web.shop.example.com'],
      chainComplete: true,
      keyAlgorithm: 'RSA',
      keySize: 2048,
      problems: [],
    });
    const chain = row.chain as Obj[];
    expect(chain.map((c) => [c.from, c.subject, c.isCa])).toEqual([
      ['tls.crt', '', false],
      ['ca.crt', 'CN=Shop CA', true],
    ]);
    // cert-manager's defaults: 90 days, renewed a third before the end.
    expect(row.notAfter!.getTime() - row.notBefore!.getTime()).toBe(90 * DAY);
    expect(row.renewalTime!.getTime()).toBe(row.notAfter!.getTime() - 30 * DAY);
    const ca = (await rowOf('shop-ca'))!;
    expect(ca).toMatchObject({ source: 'cert-manager', ready: true, revision: 1, chainComplete: true, keyAlgorithm: 'RSA', keySize: 2048 });
    expect((ca.chain as Obj[]).map((c) => [c.from, c.subject, c.issuer])).toEqual([
      ['tls.crt', 'CN=Shop CA', 'CN=Shop CA'],
      ['ca.crt', 'CN=Shop CA', 'CN=Shop CA'],
    ]);
  }, 90_000);

  it('an Issuer without its CA Secret: not Ready with cert-manager’s own reason and message', async () => {
    const message = 'Error getting keypair for CA issuer: secrets "missing-ca" not found';
    await waitFor('stuck-tls tracked with its issuer state', async () => (await rowOf('stuck-tls'))?.issuerReady === false, 60_000);
    expect(await rowOf('stuck-tls')).toMatchObject({ source: 'cert-manager', secretExists: false, issuerReady: false, issuerMessage: message, ready: false });
    expect(conditions(await get(`${CM}/namespaces/${NS}/issuers/broken`))).toEqual([{ type: 'Ready', status: 'False', reason: 'ErrGetKeyPair', message }]);
  }, 90_000);

  it('a renewal (cmctl renew) brings revision 2 and a new certificate under the same row; the alert raised for the old one is resolved as renewed', async () => {
    const before = (await rowOf('web-tls'))!;
    // Two days before the end: the 90-day certificate is critical.
    const now = new Date(before.notAfter!.getTime() - 2 * DAY);
    await evaluateCertificates({ sql, env: env(), boss }, now, organizationId);
    const alert = await db.certificateAlert.findFirstOrThrow({ where: { organizationId, secretName: 'web-tls', resolvedAt: null } });
    expect(alert.fingerprintSha256).toBe(before.fingerprintSha256);

    // What `cmctl renew` does: the Issuing condition set on the Certificate's status.
    const cert = await get(`${CM}/namespaces/${NS}/certificates/web`);
    const issuing = {
      type: 'Issuing',
      status: 'True',
      reason: 'ManuallyTriggered',
      message: 'Certificate re-issuance manually triggered',
      lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    };
    await call('PUT', `${CM}/namespaces/${NS}/certificates/web/status`, { ...cert, status: { ...cert.status, conditions: [...(cert.status.conditions as Obj[]), issuing] } });
    await waitFor('revision 2 tracked', async () => (await rowOf('web-tls'))?.revision === 2 && (await rowOf('web-tls'))?.fingerprintSha256 !== before.fingerprintSha256, 60_000);
    const after = (await rowOf('web-tls'))!;
    expect(after.id).toBe(before.id);
    expect(after).toMatchObject({ ready: true, requestState: 'Issued' });

    await evaluateCertificates({ sql, env: env(), boss }, now, organizationId);
    expect((await db.certificateAlert.findUniqueOrThrow({ where: { id: alert.id } })).resolution).toBe('renewed');

    // Only the latest request is kept (revisionHistoryLimit defaults to 1).
    await waitFor('revision 1 request pruned', async () => !((await get(`${CM}/namespaces/${NS}/certificaterequests`)).items as Obj[]).some((r) => r.metadata.name === 'web-1'), 30_000);
  }, 90_000);

  it('records what it read for the comparison of the two backends', async () => {
    const requests = ((await get(`${CM}/namespaces/${NS}/certificaterequests`)).items as Obj[]).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    const secret = async (name: string) => {
      const s = await get(`/api/v1/namespaces/${NS}/secrets/${name}`);
      const tls = certsOf(s.data['tls.crt']);
      const ca = certsOf(s.data['ca.crt']);
      return {
        type: s.type,
        keys: Object.keys(s.data).sort(),
        labels: s.metadata.labels,
        annotations: Object.fromEntries(Object.entries(s.metadata.annotations as Record<string, string>).filter(([k]) => k.startsWith('cert-manager.io/'))),
        chain: { tls: tls.map((c) => [c.subject, c.issuer, c.ca]), ca: ca.map((c) => [c.subject, c.issuer, c.ca]), keyUsage: tls[0]?.keyUsage ?? null },
        keyHeader: Buffer.from(s.data['tls.key'], 'base64').toString().split('\n')[0],
      };
    };
    const tracked = async (name: string) => {
      const r = (await rowOf(name))!;
      return {
        ...Object.fromEntries(
          (
            [
              'source',
              'ready',
              'readyReason',
              'readyMessage',
              'revision',
              'requestState',
              'requestMessage',
              'issuerRefKind',
              'issuerReady',
              'issuerMessage',
              'keyAlgorithm',
              'keySize',
              'chainComplete',
              'problems',
            ] as const
          ).map((k) => [k, r[k]]),
        ),
        lifetimeSeconds: Number(r.lifetimeSeconds),
        chain: (r.chain as Obj[]).map((c) => [c.from, c.subject, c.issuer, c.isCa, c.keyAlgorithm, c.keySize]),
      };
    };
    observed.set(backend.name, {
      certificates: Object.fromEntries(
        await Promise.all(
          ['shop-ca', 'web', 'stuck'].map(async (n) => [
            n,
            { conditions: conditions(await get(`${CM}/namespaces/${NS}/certificates/${n}`)), revision: (await get(`${CM}/namespaces/${NS}/certificates/${n}`)).status?.revision },
          ]),
        ),
      ),
      issuers: {
        selfsigned: conditions(await get(`${CM}/clusterissuers/selfsigned`)),
        'shop-ca': conditions(await get(`${CM}/namespaces/${NS}/issuers/shop-ca`)),
        broken: conditions(await get(`${CM}/namespaces/${NS}/issuers/broken`)),
      },
      requests: requests.map((r) => ({
        name: r.metadata.name,
        annotations: { ...r.metadata.annotations, 'cert-manager.io/private-key-secret-name': /^[a-z-]+-[a-z0-9]{5}$/.test(r.metadata.annotations['cert-manager.io/private-key-secret-name']) },
        spec: { ...r.spec, request: typeof r.spec.request },
        conditions: conditions(r),
        status: Object.keys(r.status ?? {}).sort(),
      })),
      secrets: { 'shop-ca': await secret('shop-ca'), 'web-tls': await secret('web-tls') },
      tracked: { 'shop-ca': await tracked('shop-ca'), 'web-tls': await tracked('web-tls'), 'stuck-tls': await tracked('stuck-tls') },
    });
  }, 30_000);
});

describe.skipIf(backends.length < 2)('the simulator’s cert-manager held to the real one', () => {
  it('reads the same conditions, revisions, requests, Secrets, chains and key defaults', () => {
    const [real, sim] = [observed.get('real cert-manager'), observed.get('simulated cert-manager')];
    expect(real, 'the real backend recorded what it read').toBeDefined();
    expect(sim).toEqual(real);
  });
});
