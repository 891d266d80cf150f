import { OVERVIEW_PROBLEM_TYPES, type TCertificatePage, type TInventoryObject, type TOverview, type TOverviewProblem, type TSearchResults } from '@portico/contracts';
import { createCluster } from '@portico/db';
import { type Simulator, startSimulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Pipeline, registerCluster, startPipeline } from './support/backends.js';
import { seedOrganization } from './support/test-app.js';

/**
 * The overview and search (issue 14) end to end: the course scenario plus one object per
 * problem, synced by the real worker; each problem must appear, ranked, linking to its object;
 * search finds objects by name, host, IP and DNS name; another organization's never show.
 */
let pipeline: Pipeline;
let sim: Simulator;
let clusterId: string;
let brokenClusterId: string;
let otherClusterId: string;

const get = (path: string) => pipeline.t.http().get(path).set('Authorization', `Bearer ${pipeline.editorToken}`);
async function overview(query = ''): Promise<TOverview> {
  const res = await get(`/api/v1/overview${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as TOverview;
}
async function search(q: string): Promise<TSearchResults> {
  const res = await get(`/api/v1/search?q=${encodeURIComponent(q)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as TSearchResults;
}
const problem = (o: TOverview, type: string, namespace: string, name: string) => o.problems.find((p) => p.type === type && p.namespace === namespace && p.name === name);

async function waitFor(what: string, fn: () => Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`${what}: not in time`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One object per problem the course does not already have. */
const EXTRA = `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: billing, namespace: payments }
spec:
  tls: [{ hosts: [billing.payments.example.com], secretName: legacy-billing-tls }]
  rules:
    - host: billing.payments.example.com
      http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: billing, port: { number: 80 } } } }] }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: storefront, namespace: shop }
spec:
  tls: [{ hosts: [shop.example.com, admin.shop.example.com], secretName: storefront-tls }]
  rules:
    - host: shop.example.com
      http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: storefront, port: { number: 80 } } } }] }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: orphan, namespace: shop }
spec:
  tls: [{ hosts: [orphan.shop.example.com], secretName: orphan-tls }]
  rules:
    - host: orphan.shop.example.com
      http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: storefront, port: { number: 80 } } } }] }
---
apiVersion: v1
kind: Service
metadata: { name: storefront, namespace: shop }
spec: { selector: { app: storefront }, ports: [{ port: 80 }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: storefront, namespace: shop }
spec:
  replicas: 1
  selector: { matchLabels: { app: storefront } }
  template: { metadata: { labels: { app: storefront } }, spec: { containers: [{ name: web, image: nginx }] } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: idle, namespace: demo }
spec:
  replicas: 0
  selector: { matchLabels: { app: idle } }
  template: { metadata: { labels: { app: idle } }, spec: { containers: [{ name: web, image: nginx }] } }
---
apiVersion: v1
kind: Service
metadata: { name: idle, namespace: demo }
spec: { selector: { app: idle }, ports: [{ port: 80 }] }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: idle, namespace: demo }
spec:
  rules:
    - host: idle.example.com
      http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: idle, port: { number: 80 } } } }] }
---
apiVersion: v1
kind: Service
metadata: { name: nobody, namespace: demo }
spec: { selector: { app: nobody }, ports: [{ port: 80 }] }
`;

beforeAll(async () => {
  // Load balancers never get an address here: my-app-loadbalancer stays pending.
  [pipeline, sim] = await Promise.all([startPipeline('overview'), startSimulator({ scenario: 'course', loadBalancerDelayMs: 3_600_000 })]);
  sim.objects.apply(EXTRA);
  await sim.settle();
  clusterId = await registerCluster(pipeline.t, pipeline.adminToken, { kubeconfig: sim.kubeconfig }, 'course');
  const organizationId = (await pipeline.t.db.cluster.findUniqueOrThrow({ where: { id: clusterId } })).organizationId;
  const cluster = (name: string, orgId: string) =>
    createCluster(pipeline.t.db, orgId, { name, server: 'https://127.0.0.1:1', authKind: 'token', credentials: 'x', credentialsKeyId: 'k', enabled: true });
  brokenClusterId = (await cluster('broken', organizationId)).id;
  await pipeline.t.db.cluster.update({ where: { id: brokenClusterId }, data: { status: 'unreachable', statusReason: 'connection refused' } });

  // Another organization with a Service of the same problem and a unique name: never ours to see.
  const other = await seedOrganization(pipeline.t.db, 'overview-other');
  otherClusterId = (await cluster('theirs', other.organization.id)).id;
  await pipeline.t.db.cluster.update({ where: { id: otherClusterId }, data: { status: 'error' } });
  await pipeline.t.db.kubeObject.create({
    data: {
      organizationId: other.organization.id,
      clusterId: otherClusterId,
      resource: 'services',
      apiVersion: 'v1',
      kind: 'Service',
      namespace: 'demo',
      name: 'secret-project-svc',
      uid: 'u1',
      resourceVersion: '1',
      serviceType: 'LoadBalancer',
      hosts: [],
      body: { spec: { type: 'LoadBalancer', selector: { app: 'x' }, clusterIP: '10.254.254.254' } },
    },
  });

  await waitFor('every problem of the scenario', async () => {
    const o = await overview();
    // Every type but the broken cluster's own, which is there from the start.
    return OVERVIEW_PROBLEM_TYPES.filter((t) => t !== 'cluster-not-syncing').every((t) => o.problems.some((p) => p.type === t && p.clusterId === clusterId));
  });
}, 120_000);

afterAll(async () => {
  await Promise.all([pipeline?.close(), sim?.close()]);
});

async function objectAt(id: string): Promise<TInventoryObject['item']> {
  const res = await get(`/api/v1/inventory/objects/${id}`);
  expect(res.status).toBe(200);
  return (res.body as TInventoryObject).item;
}
async function objectOf(p: TOverviewProblem): Promise<TInventoryObject['item']> {
  expect(p.target.type).toBe('object');
  return objectAt(p.target.id);
}

describe('GET /api/v1/overview: problems', () => {
  it('finds every kind of problem, each linking to its object', async () => {
    const o = await overview();
    const certs = ((await get('/api/v1/certificates?limit=200')).body as TCertificatePage).items;
    const certId = (ns: string, name: string) => certs.find((c) => c.namespace === ns && c.secretName === name)?.id;

    const expired = problem(o, 'certificate-expired', 'payments', 'legacy-billing-tls')!;
    expect(expired).toMatchObject({ impact: 100, severity: 'critical', kind: 'Certificate', clusterName: 'course', target: { type: 'certificate', id: certId('payments', 'legacy-billing-tls') } });
    expect(expired.message).toMatch(/^Expired \d+ days? ago, served for billing\.payments\.example\.com\.$/);
    expect(problem(o, 'certificate-secret-missing', 'shop', 'orphan-tls')?.target).toEqual({ type: 'certificate', id: certId('shop', 'orphan-tls') });
    expect(problem(o, 'certificate-hosts-not-covered', 'shop', 'storefront-tls')?.message).toBe('Does not cover admin.shop.example.com.');
    expect(problem(o, 'certificate-expiring', 'shop', 'checkout-tls')?.target.type).toBe('certificate');

    const backend = problem(o, 'backend-missing', 'payments', 'billing')!;
    expect(backend).toMatchObject({ kind: 'Ingress', impact: 90, message: 'Sends traffic to Service payments/billing, which does not exist.' });
    expect(await objectOf(backend)).toMatchObject({ kind: 'Ingress', namespace: 'payments', name: 'billing' });

    const idle = problem(o, 'service-no-ready-endpoints', 'demo', 'idle')!;
    expect(idle).toMatchObject({ kind: 'Service', impact: 85, message: 'No ready endpoints (0/0). Ingress demo/idle sends traffic to it.' });
    expect(await objectOf(idle)).toMatchObject({ kind: 'Service', namespace: 'demo', name: 'idle' });
    const nobody = problem(o, 'service-selects-nothing', 'demo', 'nobody')!;
    expect(nobody.impact).toBe(35);
    expect(await objectOf(nobody)).toMatchObject({ kind: 'Service', name: 'nobody' });

    const lb = problem(o, 'load-balancer-pending', 'default', 'my-app-loadbalancer')!;
    expect(await objectOf(lb)).toMatchObject({ kind: 'Service', name: 'my-app-loadbalancer' });
    expect(problem(o, 'cluster-not-syncing', '', 'broken')).toMatchObject({
      target: { type: 'cluster', id: brokenClusterId },
      message: expect.stringMatching(/^The cluster is (unreachable|error) \(.+\): what Portico shows of it may be out of date\.$/),
    });
  });

  it('leaves out what is fine: served Services with ready endpoints, selectorless ones (default/kubernetes)', async () => {
    const o = await overview();
    const names = o.problems.filter((p) => p.kind === 'Service').map((p) => `${p.namespace}/${p.name}`);
    expect(names).not.toContain('default/kubernetes');
    expect(names).not.toContain('default/my-app-service');
    expect(names).not.toContain('shop/storefront');
  });

  it('ranks by impact: what fails for users now first', async () => {
    const o = await overview();
    const impacts = o.problems.map((p) => p.impact);
    expect(impacts).toEqual([...impacts].sort((a, b) => b - a));
    expect(o.problems[0]).toMatchObject({ type: 'certificate-expired', name: 'legacy-billing-tls' });
    const rank = (type: string, name: string) => o.problems.findIndex((p) => p.type === type && p.name === name);
    // A Service with no endpoints behind an Ingress outranks one nobody routes to.
    expect(rank('service-no-ready-endpoints', 'idle')).toBeLessThan(rank('service-selects-nothing', 'nobody'));
    expect(o.problemsTotal).toBe(o.problems.length);
  });
});

describe('GET /api/v1/overview: counts and scope', () => {
  it('counts Services by type, Ingresses, HTTPRoutes and certificates by state as the lists do', async () => {
    const o = await overview();
    const total = async (path: string) => ((await get(`${path}${path.includes('?') ? '&' : '?'}limit=200`)).body as { items: unknown[] }).items.length;
    expect(o.services.total).toBe(await total('/api/v1/inventory/services'));
    expect(o.services.byType.LoadBalancer).toBe(await total('/api/v1/inventory/services?type=LoadBalancer'));
    expect(o.services.byType.NodePort).toBe(await total('/api/v1/inventory/services?type=NodePort'));
    expect(o.services.byType.NodePort).toBeGreaterThan(0);
    expect(o.ingresses).toBe(await total('/api/v1/inventory/ingresses'));
    expect(o.httpRoutes).toBe(await total('/api/v1/inventory/httproutes'));
    expect(o.certificates.total).toBe(await total('/api/v1/certificates'));
    expect(o.certificates.byState.expired).toBe(await total('/api/v1/certificates?state=expired'));
    expect(o.certificates.byState['hosts-not-covered']).toBe(await total('/api/v1/certificates?state=hosts-not-covered'));
    expect(o.clusters).toEqual({ total: 2, notSyncing: 1 });
  });

  it('?cluster= narrows to one cluster', async () => {
    const broken = await overview(`?cluster=${brokenClusterId}`);
    expect(broken.services.total).toBe(0);
    expect(broken.problems.map((p) => p.type)).toEqual(['cluster-not-syncing']);
    const course = await overview(`?cluster=${clusterId}`);
    expect(course.clusters).toEqual({ total: 1, notSyncing: 0 });
    expect(course.problems.every((p) => p.clusterId === clusterId)).toBe(true);
  });

  it("never shows another organization's clusters or objects, even when asked by id", async () => {
    const o = await overview();
    expect(JSON.stringify(o)).not.toContain('secret-project-svc');
    expect(o.problems.some((p) => p.clusterId === otherClusterId)).toBe(false);
    const theirs = await overview(`?cluster=${otherClusterId}`);
    expect(theirs).toMatchObject({ clusters: { total: 0, notSyncing: 0 }, services: { total: 0 }, problems: [], problemsTotal: 0 });
  });

  it('answers bad queries with problem+json naming the parameter', async () => {
    for (const [query, field] of [
      ['?cluster=not-a-uuid', 'cluster'],
      ['?cluster=', 'cluster'],
      ['?colour=red', 'colour'],
    ]) {
      const res = await get(`/api/v1/overview${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(res.body.invalid_params), query).toContain(field);
    }
  });
});

describe('GET /api/v1/search', () => {
  it('finds an object by name, exact names first', async () => {
    const r = await search('my-app');
    expect(r.items[0]).toMatchObject({ type: 'object', name: 'my-app', matched: 'name', clusterName: 'course' });
    expect(r.items.map((i) => i.name)).toEqual(expect.arrayContaining(['my-app-service', 'my-app-nodeport', 'my-app-loadbalancer']));
  });

  it('finds an Ingress by a host it serves, and links to it', async () => {
    const r = await search('BILLING.payments.example');
    const hit = r.items.find((i) => i.kind === 'Ingress')!;
    expect(hit).toMatchObject({ name: 'billing', namespace: 'payments', matched: 'host', match: 'billing.payments.example.com' });
    expect(await objectAt(hit.id)).toMatchObject({ kind: 'Ingress', name: 'billing' });
  });

  it('finds a Service by its cluster IP', async () => {
    const svc = ((await get('/api/v1/inventory/services?q=my-app-nodeport')).body as { items: { id: string; clusterIP: string | null }[] }).items[0];
    const ip = svc.clusterIP!;
    expect(ip).toMatch(/^10\./);
    const r = await search(ip);
    expect(r.items).toContainEqual(expect.objectContaining({ id: svc.id, kind: 'Service', matched: 'address', match: ip }));
  });

  it('finds a certificate by a DNS name', async () => {
    const r = await search('checkout.shop');
    expect(r.items).toContainEqual(expect.objectContaining({ type: 'certificate', kind: 'Certificate', name: 'checkout-tls', matched: 'dns-name', match: 'checkout.shop.example.com' }));
  });

  it('takes % and _ literally, limits the results and says so', async () => {
    expect((await search('%%')).items).toEqual([]);
    const res = await get('/api/v1/search?q=my-&limit=2');
    expect(res.body).toMatchObject({ truncated: true });
    expect((res.body as TSearchResults).items).toHaveLength(2);
  });

  it("never finds another organization's objects", async () => {
    expect((await search('secret-project')).items).toEqual([]);
    expect((await search('10.254.254.254')).items).toEqual([]);
  });

  it('answers bad queries with problem+json naming the parameter', async () => {
    for (const [query, field] of [
      ['', 'q'],
      ['?q=a', 'q'],
      ['?q=ab&limit=0', 'limit'],
      ['?q=ab&limit=1e1', 'limit'],
    ]) {
      const res = await get(`/api/v1/search${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(res.body.invalid_params), query).toContain(field);
    }
  });
});
