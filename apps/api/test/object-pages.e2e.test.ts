import { type KubeObjectRow, createCluster, createSqlPool, upsertKubeObjects } from '@portico/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, type TestApp, seedOrganization, signIn, startTestApp } from './support/test-app.js';

/**
 * Object pages for workloads (issue 9) and relations both ways (issue 14): a Service's
 * workloads, Pods, Ingresses and HTTPRoutes; an Ingress's Services, TLS Secrets (with expiry) and
 * class; a Gateway's routes; a class's users; the ReferenceGrants that let references cross namespaces. Every answer is contract-checked by the agent.
 */
let t: TestApp;
let b: Browser;
let organizationId: string;

const API_VERSION: Record<string, string> = {
  services: 'v1',
  secrets: 'v1',
  endpointslices: 'discovery.k8s.io/v1',
  deployments: 'apps/v1',
  statefulsets: 'apps/v1',
  daemonsets: 'apps/v1',
  ingresses: 'networking.k8s.io/v1',
  ingressclasses: 'networking.k8s.io/v1',
  gatewayclasses: 'gateway.networking.k8s.io/v1',
  gateways: 'gateway.networking.k8s.io/v1',
  httproutes: 'gateway.networking.k8s.io/v1',
  referencegrants: 'gateway.networking.k8s.io/v1beta1',
  certificates: 'cert-manager.io/v1',
};

/** A synced row as the worker stores it (only what these tests read). */
function obj(resource: string, kind: string, namespace: string, name: string, rest: Record<string, unknown>, columns: Partial<KubeObjectRow> = {}): KubeObjectRow {
  const metadata = { name, ...(namespace ? { namespace } : {}), ...((rest.metadata as object) ?? {}) };
  const labels = (metadata as { labels?: Record<string, string> }).labels ?? {};
  return {
    resource,
    apiVersion: API_VERSION[resource],
    kind,
    namespace,
    name,
    uid: `${resource}-${namespace}-${name}`,
    resourceVersion: '1',
    labels,
    body: { apiVersion: API_VERSION[resource], kind, ...rest, metadata },
    serviceType: null,
    ingressClass: null,
    hosts: [],
    ...columns,
  };
}

const service = (
  name: string,
  selector: Record<string, string> | undefined,
  ports: { name: string; port: number; targetPort: number | string; protocol: string }[] = [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
) => obj('services', 'Service', 'shop', name, { spec: { type: 'ClusterIP', clusterIP: '10.96.0.20', ...(selector ? { selector } : {}), ports } }, { serviceType: 'ClusterIP' });

const ingress = (namespace: string, name: string, spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) => obj('ingresses', 'Ingress', namespace, name, { metadata, spec });
const backend = (name: string) => ({ service: { name, port: { number: 80 } } });

const inTenDays = new Date(Date.now() + 10 * 86_400_000).toISOString();

beforeAll(async () => {
  t = await startTestApp();
  const { organization, users } = await seedOrganization(t.db, 'objects');
  organizationId = organization.id;
  b = await signIn(t, users.viewer.email);
  const cluster = await createCluster(t.db, organization.id, { name: 'prod', server: 'https://127.0.0.1:1', authKind: 'token', credentials: 'sealed', credentialsKeyId: 'k', enabled: false });
  const sql = createSqlPool(inject('databaseUrl'), { max: 2 });
  await upsertKubeObjects(sql, { organizationId: organization.id, clusterId: cluster.id, leaseGeneration: 0 }, [
    obj('deployments', 'Deployment', 'shop', 'web', {
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'track', operator: 'NotIn', values: ['canary'] }] },
        template: {
          metadata: { labels: { app: 'web', version: 'v2' } },
          spec: {
            containers: [
              {
                name: 'web',
                image: 'example/web:2',
                ports: [
                  { name: 'http', containerPort: 8080 },
                  { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
                ],
              },
              { name: 'dns', image: 'example/dns:1', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] },
            ],
          },
        },
      },
      status: { replicas: 3, readyReplicas: 2 },
    }),
    obj('statefulsets', 'StatefulSet', 'shop', 'db', {
      spec: {
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', ports: [{ containerPort: 5432 }] }] } },
      },
    }),
    obj('daemonsets', 'DaemonSet', 'shop', 'agent', {
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent' }] } } },
      status: { desiredNumberScheduled: 4, numberReady: 3 },
    }),
    service('web', { app: 'web' }),
    service('web-v2', { app: 'web', version: 'v2' }),
    service('web-canary', { app: 'web', track: 'canary' }),
    service('db', { app: 'db' }, [{ name: 'pg', port: 5432, targetPort: 5432, protocol: 'TCP' }]),
    service('headless-manual', undefined),
    // The course's bare Pod behind a Service: only the EndpointSlice knows it.
    service('my-app-service', { app: 'my-app' }),
    obj(
      'endpointslices',
      'EndpointSlice',
      'shop',
      'my-app-service-abcde',
      {
        metadata: { labels: { 'kubernetes.io/service-name': 'my-app-service' } },
        endpoints: [{ addresses: ['10.0.0.9'], conditions: { ready: true }, targetRef: { kind: 'Pod', namespace: 'shop', name: 'my-app' } }],
      },
      { labels: { 'kubernetes.io/service-name': 'my-app-service' } },
    ),
    ingress('shop', 'storefront', {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
      rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('web') }] } }],
    }),
    ingress('shop', 'classless', { tls: [{ hosts: ['old.example.com'], secretName: 'missing-tls' }], defaultBackend: backend('web-v2') }),
    ingress('shop', 'annotated', { defaultBackend: backend('db') }, { annotations: { 'kubernetes.io/ingress.class': 'traefik' } }),
    // Same Service name in another namespace: an Ingress names Services of its own namespace only.
    ingress('ops', 'elsewhere', { ingressClassName: 'nginx', defaultBackend: backend('web') }),
    obj('secrets', 'Secret', 'shop', 'shop-tls', {
      metadata: { annotations: { 'cert-manager.io/certificate-name': 'shop-tls' } },
      type: 'kubernetes.io/tls',
      dataKeys: ['tls.crt', 'tls.key'],
      certificate: { subject: 'CN=shop.example.com', issuer: 'CN=R3', dnsNames: ['shop.example.com'], notBefore: '2026-11-01T00:00:00.000Z', notAfter: inTenDays },
    }),
    obj('certificates', 'Certificate', 'shop', 'shop-tls', { spec: { secretName: 'shop-tls', dnsNames: ['shop.example.com'], issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt-prod' } } }),
    obj('ingressclasses', 'IngressClass', '', 'nginx', { metadata: { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'k8s.io/ingress-nginx' } }),
    obj('gatewayclasses', 'GatewayClass', '', 'envoy', { spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' } }),
    obj('gateways', 'Gateway', 'infra', 'edge', {
      spec: { gatewayClassName: 'envoy', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'shop-tls', namespace: 'shop' }] } }] },
    }),
    obj('httproutes', 'HTTPRoute', 'shop', 'store-route', { spec: { parentRefs: [{ name: 'edge', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } }),
    // infra's Gateway and routes may refer to shop's TLS Secret and Service web (not to nope).
    obj('referencegrants', 'ReferenceGrant', 'shop', 'from-infra', {
      spec: {
        from: [
          { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' },
          { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'infra' },
        ],
        to: [
          { group: '', kind: 'Secret', name: 'shop-tls' },
          { group: '', kind: 'Service', name: 'web' },
          { group: '', kind: 'Service', name: 'ghost' },
        ],
      },
    }),
    obj('httproutes', 'HTTPRoute', 'infra', 'cross', {
      spec: {
        rules: [
          {
            backendRefs: [
              { name: 'web', namespace: 'shop', port: 80 },
              { name: 'nope', namespace: 'shop', port: 80 },
            ],
          },
        ],
      },
    }),
    // Mentions "web" and "edge" but routes elsewhere: a candidate the readers must drop.
    obj('httproutes', 'HTTPRoute', 'shop', 'decoy', {
      spec: { hostnames: ['web'], parentRefs: [{ name: 'other-gw' }], rules: [{ backendRefs: [{ name: 'web-v2', port: 80 }] }] },
      metadata: { labels: { edge: 'edge' } },
    }),
  ]);
  await sql.end();
}, 60_000);
afterAll(() => t.close());

const get = (url: string) => b.agent.get(url);

async function idOf(list: string, name: string, namespace = 'shop'): Promise<string> {
  const res = await get(`/api/v1/inventory/${list}?q=${encodeURIComponent(name)}`);
  const item = (res.body.items as { id: string; name: string; namespace: string }[]).find((i) => i.name === name && i.namespace === namespace);
  if (!item) throw new Error(`no ${list} ${namespace}/${name}`);
  return item.id;
}

async function page(id: string) {
  const res = await get(`/api/v1/inventory/objects/${id}`);
  expect(res.status).toBe(200);
  return res.body as { item: Record<string, unknown>; yaml: string; related: { id: string | null; kind: string; namespace: string; name: string; relation: string; note: string | null }[] };
}

const link = (related: Awaited<ReturnType<typeof page>>['related'], relation: string, kind: string, name: string) => related.find((r) => r.relation === relation && r.kind === kind && r.name === name);

describe('workload pages', () => {
  it('follows a Service to its Deployment (no 404) and shows replicas, selector, pod labels, containers with ports and the selecting Services', async () => {
    const web = await page(await idOf('services', 'web'));
    const deployment = link(web.related, 'selects', 'Deployment', 'web');
    expect(deployment).toMatchObject({ namespace: 'shop', note: '2/3 ready', id: expect.any(String) });

    const detail = await page(deployment!.id!);
    const services = detail.item.services as { name: string; id: string; type: string; ports: unknown[] }[];
    expect(detail.item).toMatchObject({
      kind: 'Deployment',
      name: 'web',
      namespace: 'shop',
      replicas: { desired: 3, ready: 2 },
      selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'track', operator: 'NotIn', values: ['canary'] }] },
      podLabels: { app: 'web', version: 'v2' },
      containers: [
        {
          name: 'web',
          image: 'example/web:2',
          ports: [
            { name: 'http', containerPort: 8080, protocol: 'TCP' },
            { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
          ],
        },
        { name: 'dns', image: 'example/dns:1', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] },
      ],
    });
    // Selector ⊆ pod labels, same namespace: web and web-v2; not web-canary (track), db, or a Service without selector.
    expect(services.map((s) => s.name)).toEqual(['web', 'web-v2']);
    expect(services[0]).toEqual({
      id: expect.any(String),
      namespace: 'shop',
      name: 'web',
      type: 'ClusterIP',
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: null }],
    });
    expect(detail.related.filter((r) => r.relation === 'selected-by').map((r) => r.name)).toEqual(['web', 'web-v2']);
    expect(detail.yaml).toContain('kind: Deployment');
  });

  it('serves StatefulSets and DaemonSets, a DaemonSet counting its pods from its status', async () => {
    const db = await page(link((await page(await idOf('services', 'db'))).related, 'selects', 'StatefulSet', 'db')!.id!);
    expect(db.item).toMatchObject({
      kind: 'StatefulSet',
      replicas: { desired: 1, ready: 0 },
      containers: [{ name: 'pg', image: null, ports: [{ name: null, containerPort: 5432, protocol: 'TCP' }] }],
    });
    expect((db.item.services as { name: string }[]).map((s) => s.name)).toEqual(['db']);

    const rows = await t.db.kubeObject.findMany({ where: { organizationId, resource: { in: ['daemonsets', 'endpointslices'] } }, select: { id: true, resource: true } });
    const agent = await page(rows.find((r) => r.resource === 'daemonsets')!.id);
    expect(agent.item).toMatchObject({ kind: 'DaemonSet', replicas: { desired: 4, ready: 3 }, services: [] });
    // Kinds without a page stay 404.
    expect((await get(`/api/v1/inventory/objects/${rows.find((r) => r.resource === 'endpointslices')!.id}`)).status).toBe(404);
  });
});

describe('relations both ways', () => {
  it('shows the Ingresses and HTTPRoutes that route to a Service, from its namespace only, and never a mere mention', async () => {
    const web = await page(await idOf('services', 'web'));
    const routedFrom = web.related.filter((r) => r.relation === 'routed-from').map((r) => `${r.kind} ${r.namespace}/${r.name}`);
    expect(routedFrom).toEqual(['HTTPRoute infra/cross', 'HTTPRoute shop/store-route', 'Ingress shop/storefront']);
    expect(link(web.related, 'routed-from', 'Ingress', 'storefront')!.id).toBe(await idOf('ingresses', 'storefront'));
  });

  it('shows the Pod behind a Service that selects a bare Pod (from its endpoints)', async () => {
    const svc = await page(await idOf('services', 'my-app-service'));
    expect(svc.related).toEqual([{ id: null, kind: 'Pod', namespace: 'shop', name: 'my-app', relation: 'endpoint', note: 'ready (Pods are not synced)' }]);
  });

  it("links an Ingress's TLS entry to its Secret with the certificate's expiry, and its class with the controller", async () => {
    const storefront = await page(await idOf('ingresses', 'storefront'));
    const secretId = await idOf('tls-secrets', 'shop-tls');
    const tls = (storefront.item.tls as { secretName: string; secretId: string | null; daysLeft: number | null; notAfter: string | null }[])[0];
    expect(tls).toMatchObject({ secretName: 'shop-tls', secretId, notAfter: inTenDays });
    expect(tls.daysLeft).toBeGreaterThanOrEqual(9);
    expect(link(storefront.related, 'tls-secret', 'Secret', 'shop-tls')).toEqual({
      id: secretId,
      kind: 'Secret',
      namespace: 'shop',
      name: 'shop-tls',
      relation: 'tls-secret',
      note: expect.stringMatching(/^expires \d{4}-\d{2}-\d{2} \((9|10) days left\)$/),
    });
    expect(link(storefront.related, 'class', 'IngressClass', 'nginx')).toMatchObject({ id: expect.any(String), namespace: '', note: 'controller k8s.io/ingress-nginx' });
    expect(link(storefront.related, 'backend', 'Service', 'web')).toMatchObject({ id: await idOf('services', 'web') });

    // Without a class: the cluster default; a TLS Secret not in the cluster says so.
    const classless = await page(await idOf('ingresses', 'classless'));
    expect(link(classless.related, 'class', 'IngressClass', 'nginx')!.note).toBe('the cluster default; controller k8s.io/ingress-nginx');
    expect(link(classless.related, 'tls-secret', 'Secret', 'missing-tls')).toMatchObject({ id: null, note: 'not in the cluster' });
    expect((classless.item.tls as unknown[])[0]).toMatchObject({ secretId: null, notAfter: null, daysLeft: null });
    // The deprecated class annotation names the class too (not in the cluster here).
    expect(link((await page(await idOf('ingresses', 'annotated'))).related, 'class', 'IngressClass', 'traefik')).toMatchObject({ id: null, note: 'not in the cluster' });
  });

  it('shows a TLS Secret the Ingresses and Gateways that serve it, and its cert-manager Certificate', async () => {
    const secret = await page(await idOf('tls-secrets', 'shop-tls'));
    const rel = secret.related.map((r) => `${r.relation} ${r.kind} ${r.namespace}/${r.name}`);
    expect(rel).toEqual(['certificate Certificate shop/shop-tls', 'tls-for Gateway infra/edge', 'tls-for Ingress shop/storefront', 'granted-by ReferenceGrant shop/from-infra']);
    const certificate = await page(link(secret.related, 'certificate', 'Certificate', 'shop-tls')!.id!);
    expect(certificate.item).toMatchObject({
      kind: 'Certificate',
      details: { secretName: 'shop-tls', dnsNames: ['shop.example.com'], issuerRef: { kind: 'ClusterIssuer', name: 'letsencrypt-prod' } },
    });
    expect(certificate.related.map((r) => `${r.relation} ${r.kind} ${r.name} ${r.id ? 'page' : 'none'}`)).toEqual(['secret Secret shop-tls page', 'issuer ClusterIssuer letsencrypt-prod none']);
  });

  it("shows a Gateway its HTTPRoutes, its class's controller and its TLS Secret; a class its users", async () => {
    const edge = await page(await idOf('gateways', 'edge', 'infra'));
    expect(edge.related.map((r) => `${r.relation} ${r.kind} ${r.namespace}/${r.name}`)).toEqual([
      'class GatewayClass /envoy',
      'tls-secret Secret shop/shop-tls',
      'permitted-by ReferenceGrant shop/from-infra',
      'route HTTPRoute shop/store-route',
    ]);
    expect(link(edge.related, 'permitted-by', 'ReferenceGrant', 'from-infra')).toMatchObject({ id: await idOf('referencegrants', 'from-infra'), note: 'lets it refer to Secret shop-tls' });
    expect(link(edge.related, 'class', 'GatewayClass', 'envoy')!.note).toBe('controller gateway.envoyproxy.io/gatewayclass-controller');

    const envoy = await page(await idOf('gatewayclasses', 'envoy', ''));
    expect(envoy.related.map((r) => `${r.relation} ${r.kind} ${r.name}`)).toEqual(['class-of Gateway edge']);

    const nginx = await page(link((await page(await idOf('ingresses', 'storefront'))).related, 'class', 'IngressClass', 'nginx')!.id!);
    expect(nginx.item).toMatchObject({ kind: 'IngressClass', details: { controller: 'k8s.io/ingress-nginx', clusterDefault: true } });
    expect(nginx.related.map((r) => `${r.relation} ${r.kind} ${r.namespace}/${r.name}`)).toEqual([
      'class-of Ingress ops/elsewhere',
      'class-of Ingress shop/storefront',
      'class-of Ingress shop/classless',
    ]);
    expect(link(nginx.related, 'class-of', 'Ingress', 'classless')!.note).toBe('no class set: the cluster default applies');
  });
});

describe('ReferenceGrants', () => {
  it('links a grant to the Services and Secrets it opens, and a cross-namespace route to the grant that lets it through', async () => {
    const grant = await page(await idOf('referencegrants', 'from-infra'));
    expect(grant.item).toMatchObject({
      kind: 'ReferenceGrant',
      details: {
        to: [
          { kind: 'Secret', name: 'shop-tls' },
          { kind: 'Service', name: 'web' },
          { kind: 'Service', name: 'ghost' },
        ],
      },
    });
    expect(grant.related.map((r) => `${r.relation} ${r.kind} ${r.namespace}/${r.name} ${r.id ? 'page' : (r.note ?? '')}`)).toEqual([
      'grants Secret shop/shop-tls page',
      'grants Service shop/web page',
      'grants Service shop/ghost not in the cluster',
    ]);
    expect(link(grant.related, 'grants', 'Service', 'web')!.id).toBe(await idOf('services', 'web'));

    // Only what the grant names: web is permitted, nope is not; a same-namespace route needs no grant.
    const cross = await page(await idOf('httproutes', 'cross', 'infra'));
    expect(cross.related.filter((r) => r.relation === 'permitted-by')).toEqual([
      { id: await idOf('referencegrants', 'from-infra'), kind: 'ReferenceGrant', namespace: 'shop', name: 'from-infra', relation: 'permitted-by', note: 'lets it refer to Service web' },
    ]);
    expect((await page(await idOf('httproutes', 'store-route'))).related.map((r) => r.relation)).not.toContain('permitted-by');
    expect(link((await page(await idOf('services', 'web'))).related, 'granted-by', 'ReferenceGrant', 'from-infra')).toBeDefined();
  });
});
