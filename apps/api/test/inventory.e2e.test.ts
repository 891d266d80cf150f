import { type KubeObjectRow, createCluster, createSqlPool, upsertKubeObjects } from '@portico/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, type TestApp, seedOrganization, signIn, startTestApp } from './support/test-app.js';

/** The inventory API over synced rows: filters, sorting, keyset pages, summaries, detail. */
let t: TestApp;
let b: Browser;
let prodId: string;
let stagingId: string;

const grant = (ns: string, name: string, spec: Record<string, unknown>): KubeObjectRow => ({
  resource: 'referencegrants',
  apiVersion: 'gateway.networking.k8s.io/v1beta1',
  kind: 'ReferenceGrant',
  namespace: ns,
  name,
  uid: `rg-${ns}-${name}`,
  resourceVersion: '1',
  labels: {},
  body: { apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name, namespace: ns }, spec },
  serviceType: null,
  ingressClass: null,
  hosts: [],
});
const ROUTES_FROM_INFRA = { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'infra' }], to: [{ group: '', kind: 'Service', name: 'payments' }] };

const svc = (ns: string, name: string, spec: Record<string, unknown>, labels: Record<string, string> = {}, status: Record<string, unknown> = {}): KubeObjectRow => ({
  resource: 'services',
  apiVersion: 'v1',
  kind: 'Service',
  namespace: ns,
  name,
  uid: `${ns}-${name}`,
  resourceVersion: '1',
  labels,
  body: { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns, labels, creationTimestamp: `2026-01-0${(name.length % 9) + 1}T00:00:00Z` }, spec, status },
  serviceType: (spec.type as string) ?? 'ClusterIP',
  ingressClass: null,
  hosts: [],
});

beforeAll(async () => {
  t = await startTestApp();
  const { organization, users } = await seedOrganization(t.db, 'inventory');
  b = await signIn(t, users.viewer.email);
  const mk = (name: string) => createCluster(t.db, organization.id, { name, server: 'https://127.0.0.1:1', authKind: 'token', credentials: 'sealed', credentialsKeyId: 'k', enabled: false });
  prodId = (await mk('prod')).id;
  stagingId = (await mk('staging')).id;
  const sql = createSqlPool(inject('databaseUrl'), { max: 2 });
  // Never leased: generation 0, which sync writes are fenced against.
  const scope = (clusterId: string) => ({ organizationId: organization.id, clusterId, leaseGeneration: 0 });

  await upsertKubeObjects(sql, scope(prodId), [
    svc(
      'shop',
      'web',
      { type: 'LoadBalancer', clusterIP: '10.96.0.10', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 30080 }] },
      { app: 'web', tier: 'front' },
      { loadBalancer: { ingress: [{ ip: '203.0.113.7' }] } },
    ),
    svc('shop', 'db', { type: 'ClusterIP', clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] }, { app: 'db', tier: 'data' }),
    svc('shop', 'orphan', { type: 'ClusterIP', clusterIP: '10.96.0.11', selector: { app: 'nothing' }, ports: [{ port: 80 }] }, { app: 'orphan' }),
    svc('shop', 'external', { type: 'ExternalName', externalName: 'db.example.com' }),
    svc('ops', 'grafana', { type: 'NodePort', clusterIP: '10.96.0.12', selector: { app: 'grafana' }, ports: [{ port: 3000, nodePort: 31000 }] }, { app: 'grafana', tier: 'front' }),
    ...Array.from({ length: 120 }, (_, i) => svc('bulk', `svc-${String(i).padStart(3, '0')}`, { type: 'ClusterIP', clusterIP: `10.96.1.${i}`, ports: [{ port: 80 }] }, { bulk: 'yes' })),
    {
      resource: 'endpointslices',
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      namespace: 'shop',
      name: 'web-abc',
      uid: 'es1',
      resourceVersion: '1',
      labels: { 'kubernetes.io/service-name': 'web' },
      body: { endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true } }, { addresses: ['10.0.0.2'], conditions: { ready: false } }, { addresses: ['10.0.0.3'] }] },
      serviceType: null,
      ingressClass: null,
      hosts: [],
    },
    {
      resource: 'deployments',
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'shop',
      name: 'web',
      uid: 'd1',
      resourceVersion: '1',
      labels: {},
      body: { kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { template: { metadata: { labels: { app: 'web', version: 'v2' } } } } },
      serviceType: null,
      ingressClass: null,
      hosts: [],
    },
    {
      resource: 'statefulsets',
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      namespace: 'shop',
      name: 'db',
      uid: 's1',
      resourceVersion: '1',
      labels: {},
      body: { kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop' }, spec: { template: { metadata: { labels: { app: 'db' } } } } },
      serviceType: null,
      ingressClass: null,
      hosts: [],
    },
    {
      resource: 'ingresses',
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      namespace: 'shop',
      name: 'storefront',
      uid: 'i1',
      resourceVersion: '1',
      labels: { app: 'web' },
      body: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'storefront', namespace: 'shop', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' } },
        spec: {
          ingressClassName: 'nginx',
          tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
          rules: [
            {
              host: 'shop.example.com',
              http: {
                paths: [
                  { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
                  { path: '/api', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 9999 } } } },
                  { path: '/old', pathType: 'Exact', backend: { service: { name: 'gone', port: { number: 80 } } } },
                ],
              },
            },
          ],
        },
      },
      serviceType: null,
      ingressClass: 'nginx',
      hosts: ['shop.example.com'],
    },
    {
      resource: 'ingresses',
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      namespace: 'shop',
      name: 'wildcard',
      uid: 'i2',
      resourceVersion: '1',
      labels: {},
      body: {
        kind: 'Ingress',
        metadata: { name: 'wildcard', namespace: 'shop' },
        spec: {
          ingressClassName: 'traefik',
          rules: [{ host: '*.apps.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }],
        },
      },
      serviceType: null,
      ingressClass: 'traefik',
      hosts: ['*.apps.example.com'],
    },
    {
      resource: 'secrets',
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: 'shop',
      name: 'shop-tls',
      uid: 't1',
      resourceVersion: '1',
      labels: {},
      body: {
        kind: 'Secret',
        metadata: { name: 'shop-tls', namespace: 'shop', annotations: { 'cert-manager.io/certificate-name': 'shop-tls' } },
        type: 'kubernetes.io/tls',
        dataKeys: ['tls.crt', 'tls.key'],
        certificate: {
          subject: 'CN=shop.example.com',
          issuer: 'CN=R3',
          dnsNames: ['shop.example.com'],
          notBefore: '2026-11-01T00:00:00.000Z',
          notAfter: new Date(Date.now() + 10 * 86_400_000).toISOString(),
        },
      },
      serviceType: null,
      ingressClass: null,
      hosts: ['shop.example.com'],
    },
    {
      resource: 'gatewayclasses',
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      namespace: '',
      name: 'envoy',
      uid: 'gc1',
      resourceVersion: '1',
      labels: {},
      body: { kind: 'GatewayClass', metadata: { name: 'envoy' }, spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' } },
      serviceType: null,
      ingressClass: 'gateway.envoyproxy.io/gatewayclass-controller',
      hosts: [],
    },
    {
      resource: 'gateways',
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      namespace: 'infra',
      name: 'edge',
      uid: 'g1',
      resourceVersion: '1',
      labels: {},
      body: { kind: 'Gateway', metadata: { name: 'edge', namespace: 'infra' }, spec: { gatewayClassName: 'envoy', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } },
      serviceType: null,
      ingressClass: 'envoy',
      hosts: [],
    },
    {
      resource: 'httproutes',
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      namespace: 'shop',
      name: 'store-route',
      uid: 'r1',
      resourceVersion: '1',
      labels: {},
      body: {
        kind: 'HTTPRoute',
        metadata: { name: 'store-route', namespace: 'shop' },
        spec: {
          parentRefs: [{ name: 'edge', namespace: 'infra' }, { name: 'missing-gw' }, { kind: 'Service', group: '', name: 'web' }],
          hostnames: ['store.example.com'],
          rules: [
            {
              backendRefs: [
                { name: 'web', port: 80, weight: 90 },
                { name: 'canary', port: 80, weight: 10 },
              ],
            },
            {
              backendRefs: [
                { name: 'web', port: 80 },
                { group: 'example.com', kind: 'Bucket', name: 'assets' },
              ],
            },
          ],
        },
      },
      serviceType: null,
      ingressClass: null,
      hosts: ['store.example.com'],
    },
  ]);
  await upsertKubeObjects(sql, scope(stagingId), [
    svc('shop', 'web', { type: 'ClusterIP', clusterIP: '10.97.0.10', selector: { app: 'web' }, ports: [{ port: 80 }] }, { app: 'web', tier: 'front' }),
    grant('shop', 'routes-from-infra', ROUTES_FROM_INFRA),
    grant('ops', 'secrets-from-infra', { from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }], to: [{ group: '', kind: 'Secret' }] }),
  ]);
  await sql.end();
}, 60_000);
afterAll(() => t.close());

const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((i) => i.name);
const get = (url: string) => b.agent.get(url);

describe('inventory lists', () => {
  it('lists services across clusters with their summaries', async () => {
    const res = await get('/api/v1/inventory/services?namespace=shop');
    expect(res.status).toBe(200);
    expect(names(res)).toEqual(['db', 'external', 'orphan', 'web', 'web']);
    const web = res.body.items.find((i: { name: string; cluster: { name: string } }) => i.name === 'web' && i.cluster.name === 'prod');
    expect(web).toMatchObject({
      type: 'LoadBalancer',
      clusterIP: '10.96.0.10',
      dnsName: 'web.shop.svc.cluster.local',
      external: ['203.0.113.7'],
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 30080 }],
      endpoints: { ready: 2, total: 3 },
      selectorMatchesPods: true,
    });
    const db = res.body.items.find((i: { name: string }) => i.name === 'db');
    expect(db).toMatchObject({ headless: true, selectorMatchesPods: true });
    expect(res.body.items.find((i: { name: string }) => i.name === 'orphan')).toMatchObject({ selectorMatchesPods: false, endpoints: { ready: 0, total: 0 } });
    expect(res.body.items.find((i: { name: string }) => i.name === 'external')).toMatchObject({ external: ['db.example.com'], selectorMatchesPods: null });
  });

  it('filters by cluster, type, label selector and free text', async () => {
    expect(names(await get(`/api/v1/inventory/services?cluster=${stagingId}`))).toEqual(['web']);
    expect(names(await get('/api/v1/inventory/services?type=Headless'))).toEqual(['db']);
    expect(names(await get('/api/v1/inventory/services?type=NodePort'))).toEqual(['grafana']);
    expect(names(await get(`/api/v1/inventory/services?cluster=${prodId}&label=${encodeURIComponent('tier in (front,data),app!=db')}`))).toEqual(['grafana', 'web']);
    expect(names(await get(`/api/v1/inventory/services?label=${encodeURIComponent('!bulk,tier')}&cluster=${prodId}`))).toEqual(['db', 'grafana', 'web']);
    expect(names(await get('/api/v1/inventory/services?q=GRAF'))).toEqual(['grafana']);
    expect(names(await get('/api/v1/inventory/services?q=%25'))).toEqual([]); // % is literal, not a wildcard
  });

  it('sorts and pages with a cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/api/v1/inventory/services?namespace=bulk&limit=50&sort=-name${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...names(res));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(seen[0]).toBe('svc-119');
    expect(seen[119]).toBe('svc-000');
    const byCluster = await get('/api/v1/inventory/services?q=web&sort=cluster');
    expect(byCluster.body.items.map((i: { cluster: { name: string } }) => i.cluster.name)).toEqual(['prod', 'staging']);
  });

  it('shows ingress routing with warnings for missing services and ports, TLS and issuer', async () => {
    const res = await get('/api/v1/inventory/ingresses?class=nginx');
    expect(names(res)).toEqual(['storefront']);
    const ing = res.body.items[0];
    expect(ing).toMatchObject({ className: 'nginx', hosts: ['shop.example.com'], issuer: 'ClusterIssuer/letsencrypt-prod', tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }] });
    const paths = ing.rules[0].paths;
    expect(paths[0]).toMatchObject({ path: '/', service: 'web', port: 80, warning: null, serviceId: expect.any(String) });
    expect(paths[1].warning).toMatch(/no port 9999/);
    expect(paths[2].warning).toMatch(/gone does not exist/);
  });

  it('finds hosts exactly and through wildcards', async () => {
    expect(names(await get('/api/v1/inventory/ingresses?host=shop.example.com'))).toEqual(['storefront']);
    expect(names(await get('/api/v1/inventory/ingresses?host=foo.apps.example.com'))).toEqual(['wildcard']);
    expect(names(await get(`/api/v1/inventory/ingresses?host=${encodeURIComponent('*.example.com')}`))).toEqual(['storefront', 'wildcard']);
  });

  it('lists TLS certificates with days left and the managing Certificate', async () => {
    const res = await get('/api/v1/inventory/tls-secrets');
    expect(res.body.items).toEqual([
      expect.objectContaining({ name: 'shop-tls', subject: 'CN=shop.example.com', dnsNames: ['shop.example.com'], managedBy: 'shop-tls', daysLeft: expect.any(Number) }),
    ]);
    expect(res.body.items[0].daysLeft).toBeGreaterThanOrEqual(9);
  });

  it('answers 400 for a bad filter, naming it', async () => {
    for (const [q, field] of [
      ['type=Bogus', 'query.type'],
      ['label=a%3Bb', 'query.label'],
      ['cluster=nope', 'query.cluster'],
      ['sort=size', 'query.sort'],
      ['limit=0', 'query.limit'],
    ]) {
      const res = await get(`/api/v1/inventory/services?${q}`);
      expect(res.status).toBe(400);
      expect(res.body.invalid_params.map((p: { name: string }) => p.name)).toContain(field);
    }
  });

  it('answers 400 for a filter the list does not take, naming it, instead of an empty page', async () => {
    for (const [list, q, field] of [
      ['ingresses', 'type=NodePort', 'query.type'],
      ['services', 'class=nginx', 'query.class'],
      ['services', 'host=shop.example.com', 'query.host'],
      ['gatewayclasses', 'namespace=shop', 'query.namespace'],
      ['networkpolicies', 'host=a.example.com', 'query.host'],
      ['referencegrants', 'host=a.example.com', 'query.host'],
    ]) {
      const res = await get(`/api/v1/inventory/${list}?${q}`);
      expect(res.status, `${list}?${q}`).toBe(400);
      expect(res.body.invalid_params.map((p: { name: string }) => p.name)).toEqual([field]);
    }
    expect((await get('/api/v1/inventory/ingresses?class=nginx&host=shop.example.com')).status).toBe(200);
  });
});

describe('hostile filters and cursors', () => {
  // (A URL cannot carry a lone surrogate: its UTF-8 bytes decode to U+FFFD. JSON bodies can; see bad-input.)
  it.each(['q', 'namespace', 'host', 'class'])('answers 400 naming %s when it carries NUL, not 500', async (field) => {
    for (const value of ['%00', 'a%00b', 'web%00%00']) {
      const list = field === 'host' || field === 'class' ? 'ingresses' : 'services';
      const res = await get(`/api/v1/inventory/${list}?${field}=${value}`);
      expect(res.status, `${field}=${value}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.invalid_params.map((p: { name: string }) => p.name)).toContain(`query.${field}`);
    }
  });

  const firstCursor = async (url: string) => (await get(url)).body.nextCursor as string;
  const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

  it('refuses a cursor it did not hand out for this list and sort, naming cursor', async () => {
    const byName = await firstCursor('/api/v1/inventory/services?namespace=bulk&limit=5');
    const ingresses = await firstCursor('/api/v1/inventory/ingresses?limit=1');
    const cursors = {
      AAAA: 'AAAA',
      'base64 of random text': b64('hello, this is not a cursor'),
      'another sort': null as string | null,
      'another list': ingresses,
      'the old format with a 36-character non-uuid id': b64(['a', 'b', 'c', '------------------------------------']),
      'a crafted key with NUL': b64({ v: 1, l: 'inventory:services:name', k: ['a\u0000', 'b', 'c', prodId] }),
    };
    cursors['another sort'] = byName;
    for (const [what, cursor] of Object.entries(cursors)) {
      const sort = what === 'another sort' ? '-name' : 'name';
      const res = await get(`/api/v1/inventory/services?namespace=bulk&limit=5&sort=${sort}&cursor=${cursor}`);
      expect(res.status, what).toBe(400);
      expect(
        res.body.invalid_params.map((p: { name: string }) => p.name),
        what,
      ).toEqual(['query.cursor']);
    }
  });

  it('pages through objects with the longest names Kubernetes allows', async () => {
    const sql = createSqlPool(inject('databaseUrl'), { max: 1 });
    const org = (await t.db.cluster.findUniqueOrThrow({ where: { id: prodId } })).organizationId;
    const long = (i: number) => `${'n'.repeat(250)}${String(i).padStart(3, '0')}`;
    await upsertKubeObjects(
      sql,
      { organizationId: org, clusterId: prodId, leaseGeneration: 0 },
      [0, 1, 2].map((i) => svc('x'.repeat(63), long(i), { type: 'ClusterIP', ports: [] })),
    );
    await sql.end();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/api/v1/inventory/services?namespace=${'x'.repeat(63)}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...names(res));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([long(0), long(1), long(2)]);
  });
});

describe('object detail', () => {
  it('gives the YAML and follows Ingress → Service → workload', async () => {
    const ing = (await get('/api/v1/inventory/ingresses?q=storefront')).body.items[0];
    const detail = await get(`/api/v1/inventory/objects/${ing.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.yaml).toContain('ingressClassName: nginx');
    expect(
      detail.body.yaml
        .split('\n')
        .slice(0, 3)
        .map((l: string) => l.split(':')[0]),
    ).toEqual(['apiVersion', 'kind', 'metadata']);
    expect(detail.body.related).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'Service', name: 'web', id: expect.any(String) }), expect.objectContaining({ name: 'gone', id: null })]),
    );
    const serviceId = detail.body.related.find((r: { name: string }) => r.name === 'web').id;
    const service = await get(`/api/v1/inventory/objects/${serviceId}`);
    expect(service.body.item).toMatchObject({ name: 'web', dnsName: 'web.shop.svc.cluster.local' });
    // Both ways: the workload it selects, then what routes to it (test/object-pages.e2e.test.ts has the rest).
    expect(service.body.related.map((r: { relation: string; kind: string; name: string }) => `${r.relation} ${r.kind} ${r.name}`)).toEqual([
      'selects Deployment web',
      'routed-from HTTPRoute store-route',
      'routed-from Ingress storefront',
      'routed-from Ingress wildcard',
    ]);
  });

  it('follows an HTTPRoute to its Gateways and backend Services, and a Gateway to its class', async () => {
    const route = (await get('/api/v1/inventory/httproutes?q=store-route')).body.items[0];
    const detail = await get(`/api/v1/inventory/objects/${route.id}`);
    const web = (await get('/api/v1/inventory/services?namespace=shop&q=web')).body.items.find((s: { name: string }) => s.name === 'web');
    const edge = (await get('/api/v1/inventory/gateways')).body.items[0];
    // In spec order, each once; only Gateway parents and core Service backends are followed.
    expect(detail.body.related).toEqual([
      { id: edge.id, kind: 'Gateway', namespace: 'infra', name: 'edge', relation: 'parent', note: null },
      { id: null, kind: 'Gateway', namespace: 'shop', name: 'missing-gw', relation: 'parent', note: 'not in the cluster' },
      { id: web.id, kind: 'Service', namespace: 'shop', name: 'web', relation: 'backend', note: null },
      { id: null, kind: 'Service', namespace: 'shop', name: 'canary', relation: 'backend', note: 'not in the cluster' },
    ]);
    const gateway = await get(`/api/v1/inventory/objects/${edge.id}`);
    const envoy = (await get('/api/v1/inventory/gatewayclasses')).body.items[0];
    expect(gateway.body.related).toEqual([
      { id: envoy.id, kind: 'GatewayClass', namespace: '', name: 'envoy', relation: 'class', note: 'controller gateway.envoyproxy.io/gatewayclass-controller' },
      { id: route.id, kind: 'HTTPRoute', namespace: 'shop', name: 'store-route', relation: 'route', note: null },
    ]);
  });

  it('lists ReferenceGrants with what they let through, by namespace; a grant page links the Services it opens', async () => {
    const all = await get('/api/v1/inventory/referencegrants');
    expect(all.status).toBe(200);
    expect(all.body.items.map((i: { namespace: string; name: string }) => `${i.namespace}/${i.name}`)).toEqual(['shop/routes-from-infra', 'ops/secrets-from-infra']);
    const shop = await get('/api/v1/inventory/referencegrants?namespace=shop');
    expect(shop.body.items).toHaveLength(1);
    expect(shop.body.items[0]).toMatchObject({
      kind: 'ReferenceGrant',
      cluster: { id: stagingId, name: 'staging' },
      details: { from: ROUTES_FROM_INFRA.from, to: [{ group: '', kind: 'Service', name: 'payments' }] },
    });
    expect((await get('/api/v1/inventory/referencegrants?namespace=ops')).body.items[0].details.to).toEqual([{ group: '', kind: 'Secret', name: null }]);
    const page = await get(`/api/v1/inventory/objects/${shop.body.items[0].id}`);
    expect(page.status).toBe(200);
    expect(page.body.yaml).toContain('apiVersion: gateway.networking.k8s.io/v1beta1');
    expect(page.body.related).toEqual([{ id: null, kind: 'Service', namespace: 'shop', name: 'payments', relation: 'grants', note: 'not in the cluster' }]);

    const outsider = await signIn(t, (await seedOrganization(t.db, 'inventory-grants')).users.admin.email);
    expect((await outsider.agent.get('/api/v1/inventory/referencegrants')).body.items).toEqual([]);
    expect((await outsider.agent.get(`/api/v1/inventory/objects/${shop.body.items[0].id}`)).status).toBe(404);
  });

  it('never shows secret data, and 404s for another organization', async () => {
    const cert = (await get('/api/v1/inventory/tls-secrets')).body.items[0];
    const detail = await get(`/api/v1/inventory/objects/${cert.id}`);
    expect(detail.body.yaml).not.toMatch(/^data:/m);
    const other = await seedOrganization(t.db, 'inventory-other');
    const outsider = await signIn(t, other.users.admin.email);
    expect((await outsider.agent.get(`/api/v1/inventory/objects/${cert.id}`)).status).toBe(404);
    expect((await outsider.agent.get('/api/v1/inventory/services')).body.items).toEqual([]);
  });
});
