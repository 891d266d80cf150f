import { type TCertificateDetail, type TCertificateListItem, type TCertificatePage } from '@portico/contracts';
import { acquireClusterLease, createCluster, createSqlPool, replaceTrackedCertificates } from '@portico/db';
import { type Simulator, startSimulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Pipeline, registerCluster, startPipeline } from './support/backends.js';
import { seedOrganization } from './support/test-app.js';

/**
 * The fleet's certificates (issue 11) end to end: the course scenario synced by the real worker
 * process, whose rebuild turns Secrets, cert-manager objects and Ingresses into tracked
 * certificates; the API lists, filters, sorts and details them for the organization only.
 */
let pipeline: Pipeline;
let sim: Simulator;
let clusterId: string;
let otherOrgCertificateId: string;

const get = (path: string) => pipeline.t.http().get(path).set('Authorization', `Bearer ${pipeline.editorToken}`);
const list = async (query = ''): Promise<TCertificateListItem[]> => {
  const res = await get(`/api/v1/certificates${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as TCertificatePage).items;
};
const named = async (secretName: string, query = '') => (await list(query)).find((c) => c.secretName === secretName);

async function waitFor(what: string, fn: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`${what}: not in time`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  [pipeline, sim] = await Promise.all([startPipeline('certificates'), startSimulator({ scenario: 'course' })]);
  clusterId = await registerCluster(pipeline.t, pipeline.adminToken, { kubeconfig: sim.kubeconfig }, 'course');
  // An Ingress naming a Secret nobody made: a certificate users need and do not have.
  const created = await fetchSim('POST', '/apis/networking.k8s.io/v1/namespaces/demo/ingresses', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'orphan', namespace: 'demo' },
    spec: { tls: [{ hosts: ['orphan.example.com'], secretName: 'orphan-tls' }], rules: [{ host: 'orphan.example.com' }] },
  });
  expect(created).toBe(201);
  await waitFor('the course certificates tracked', async () => !!(await named('quickstart-example-tls')) && !!(await named('orphan-tls')));

  // Another organization's certificate, which no caller here may see.
  const other = await seedOrganization(pipeline.t.db, 'certificates-other');
  const cluster = await createCluster(pipeline.t.db, other.organization.id, {
    name: 'theirs',
    server: 'https://127.0.0.1:1',
    authKind: 'token',
    credentials: 'x',
    credentialsKeyId: 'k',
    enabled: true,
  });
  const sql = createSqlPool(inject('databaseUrl'), { max: 1 });
  try {
    const leaseGeneration = (await acquireClusterLease(sql, cluster.id, 'test', 60_000))!;
    const theirs = (await list())[0];
    const detail = (await get(`/api/v1/certificates/${theirs.id}`)).body as TCertificateDetail;
    await replaceTrackedCertificates(sql, { organizationId: other.organization.id, clusterId: cluster.id, leaseGeneration }, [
      {
        ...detail,
        namespace: 'demo',
        secretName: 'quickstart-example-tls',
        chain: [],
        usedBy: [],
        problems: [],
        revision: null,
        issuerRefKind: null,
        issuerRefName: null,
        issuerReady: null,
        issuerMessage: null,
        ready: null,
        readyReason: null,
        readyMessage: null,
        renewalTime: null,
        requestState: null,
        requestMessage: null,
        certManagerName: null,
        source: 'secret',
      },
    ]);
  } finally {
    await sql.end();
  }
  otherOrgCertificateId = (await pipeline.t.db.trackedCertificate.findFirstOrThrow({ where: { organizationId: other.organization.id } })).id;
}, 90_000);

afterAll(async () => {
  await Promise.all([pipeline?.close(), sim?.close()]);
});

function fetchSim(method: string, path: string, body: unknown): Promise<number> {
  return import('node:https').then(
    ({ request }) =>
      new Promise<number>((resolve, reject) => {
        const req = request(new URL(path, sim.url), { method, ca: sim.caPem, headers: { authorization: `Bearer ${sim.tokens.admin}`, 'content-type': 'application/json' } }, (res) => {
          res.resume().on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(JSON.stringify(body));
      }),
  );
}

describe('GET /api/v1/certificates', () => {
  it("lists the course's quickstart-example-tls with its days left, fresh, with no state", async () => {
    const cert = (await named('quickstart-example-tls'))!;
    expect(cert).toMatchObject({ clusterId, clusterName: 'course', namespace: 'demo', source: 'cert-manager', dnsNames: ['example.example.com'], level: null, states: [] });
    expect(cert.daysLeft).toBeGreaterThan(30);
    expect(Math.floor((Date.parse(cert.notAfter!) - Date.now()) / 86_400_000)).toBe(cert.daysLeft);
  });

  it('sorts by days left (certificates without one last) and pages without repeats', async () => {
    const all = await list('?limit=200');
    const days = all.map((c) => c.daysLeft);
    const known = days.filter((d): d is number => d !== null);
    expect(known).toEqual([...known].sort((a, b) => a - b));
    expect(days.slice(known.length).every((d) => d === null)).toBe(true);
    expect(all.at(-1)!.secretName).toBe('orphan-tls');
    const reversed = await list('?limit=200&sort=-daysLeft');
    expect(reversed.filter((c) => c.daysLeft !== null).map((c) => c.id)).toEqual(
      all
        .filter((c) => c.daysLeft !== null)
        .map((c) => c.id)
        .reverse(),
    );

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/api/v1/certificates?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const page = res.body as TCertificatePage;
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((c) => c.id));
  });

  it('filters by state, namespace, owner, cluster and text', async () => {
    const missing = await list('?state=secret-missing');
    expect(missing.map((c) => [c.namespace, c.secretName, c.source, c.states])).toEqual([['demo', 'orphan-tls', 'reference', ['secret-missing']]]);
    expect((await list('?namespace=demo')).every((c) => c.namespace === 'demo')).toBe(true);
    expect((await list('?q=EXAMPLE.example')).map((c) => c.secretName)).toContain('quickstart-example-tls');
    expect(await list(`?cluster=${clusterId}&q=no-such-certificate`)).toEqual([]);
    const owned = await list('?owner=team-shop');
    expect(owned.length).toBeGreaterThan(0);
    expect(owned.every((c) => c.owner === 'team-shop')).toBe(true);
    // Every listed certificate in a state is found by that state's filter.
    const all = await list('?limit=200');
    for (const state of new Set(all.flatMap((c) => c.states))) {
      expect((await list(`?state=${state}&limit=200`)).map((c) => c.id).sort(), state).toEqual(
        all
          .filter((c) => c.states.includes(state))
          .map((c) => c.id)
          .sort(),
      );
    }
  });

  it("shows the demo's certificates in their states", async () => {
    const all = await list('?limit=200');
    const states = (name: string) => all.find((c) => c.secretName === name)?.states;
    expect(states('checkout-tls')).toContain('expiring');
    expect(states('reports-tls')).toContain('weak-key');
    expect(states('legacy-billing-tls')).toContain('expired');
    expect(states('api-tls')).toEqual(expect.arrayContaining(['renewal-overdue', 'issuer-not-ready']));
  });

  it("never lists another organization's certificates", async () => {
    expect((await list('?limit=200')).map((c) => c.id)).not.toContain(otherOrgCertificateId);
  });

  it('refuses a bad query with problem+json naming the field', async () => {
    for (const [query, field] of [
      ['?state=broken', 'state'],
      ['?sort=name', 'sort'],
      ['?cluster=nope', 'cluster'],
      ['?limit=0', 'limit'],
      ['?cursor=xyz', 'cursor'],
      ['?kind=Secret', 'kind'],
    ]) {
      const res = await get(`/api/v1/certificates${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(res.body.invalid_params ?? res.body), query).toContain(field);
    }
  });
});

describe('GET /api/v1/certificates/:id', () => {
  it('shows the chain, SANs, where it is used (with links), cert-manager status and the owner', async () => {
    const { id } = (await named('quickstart-example-tls'))!;
    const res = await get(`/api/v1/certificates/${id}`);
    expect(res.status).toBe(200);
    const detail = res.body as TCertificateDetail;
    expect(detail).toMatchObject({ id, secretExists: true, dnsNames: ['example.example.com'], hosts: ['example.example.com'], uncoveredHosts: [], parseError: null });
    expect(detail.chain.length).toBeGreaterThan(0);
    expect(detail.chain[0]).toMatchObject({ from: 'tls.crt', isCa: false, fingerprintSha256: detail.fingerprintSha256 });
    expect(detail.keyAlgorithm).toMatch(/^(ECDSA|RSA|Ed25519)$/);
    expect(detail.certManager).toMatchObject({ ready: true, issuerRef: { kind: expect.any(String), name: expect.any(String) } });
    expect(detail.usedBy).toHaveLength(1);
    const ingressId = detail.usedBy[0].objectId!;
    const ingress = await get(`/api/v1/inventory/objects/${ingressId}`);
    expect(ingress.body.item).toMatchObject({ kind: 'Ingress', namespace: 'demo' });
    // No private key anywhere in what the API says of a certificate.
    expect(JSON.stringify(res.body)).not.toMatch(/PRIVATE KEY|tls\.key/);
  });

  it('explains the failure of a stuck certificate', async () => {
    const { id } = (await named('api-tls', '?limit=200'))!;
    const detail = (await get(`/api/v1/certificates/${id}`)).body as TCertificateDetail;
    expect(detail.certManager).toMatchObject({ issuerReady: false, issuerMessage: expect.any(String) });
    expect(detail.certManager!.requestState).toBe('Pending');
    expect(detail.certManager!.requestMessage).toMatch(/issuer/i);
  });

  it("answers 404 for another organization's certificate and for none", async () => {
    for (const id of [otherOrgCertificateId, '00000000-0000-4000-8000-000000000000']) {
      const res = await get(`/api/v1/certificates/${id}`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await get('/api/v1/certificates/not-a-uuid')).status).toBe(400);
  });
});
