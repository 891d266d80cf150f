import type { TChange, TChangePreview } from '@portico/contracts';
import { type Simulator, startSimulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Pipeline, registerCluster, startPipeline } from './support/backends.js';
import { type ChangesClient, changesClient } from './support/changes.js';

/**
 * The Gateway API editors (issue 10) through the real API and worker, against the simulator's
 * course scenario (GatewayClass kube-sim, Gateway demo/web with an HTTP listener for
 * *.example.com, Service kuard): an HTTPRoute with a 90/10 split, a Gateway's listeners with
 * cert-manager TLS, a ReferenceGrant offered where a route crosses namespaces; every warning;
 * invalid input refused before the cluster is asked; the route's status in words.
 */
let pipeline: Pipeline;
let sim: Simulator;
let editor: ChangesClient;

beforeAll(async () => {
  pipeline = await startPipeline('gateway-editors');
  sim = await startSimulator({ scenario: 'course' });
  const clusterId = await registerCluster(pipeline.t, pipeline.adminToken, sim, 'gateway-sim');
  editor = changesClient(pipeline.t, pipeline.editorToken, clusterId);
  sim.objects.apply([
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kuard-canary', namespace: 'demo' }, spec: { selector: { app: 'kuard' }, ports: [{ port: 80, targetPort: 8080 }] } },
  ]);
}, 60_000);

afterAll(async () => {
  await sim?.close();
  await pipeline?.close();
});

const live = (path: string) => sim.objects.get('gateway.networking.k8s.io/v1', path.split('/')[0], 'demo', path.split('/')[1]);
const codes = (p: TChangePreview) => p.warnings.map((w) => `${w.code} ${w.field ?? ''}`.trim());

const canary = {
  type: 'httpRoute',
  namespace: 'demo',
  name: 'kuard-canary',
  parentRefs: [{ name: 'web', sectionName: 'http' }],
  hostnames: ['canary.example.com'],
  rules: [
    {
      matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'X-Canary', value: 'yes' }], method: 'GET' }],
      filters: [{ type: 'ResponseHeaderModifier', set: [{ name: 'X-Served-By', value: 'portico' }] }],
      backendRefs: [
        { name: 'kuard', port: 80, weight: 90 },
        { name: 'kuard-canary', port: 80, weight: 10 },
      ],
    },
    { matches: [{ path: { type: 'Exact', value: '/old' } }], filters: [{ type: 'RequestRedirect', path: { type: 'ReplaceFullPath', value: '/new' }, statusCode: 301 }] },
  ],
};

async function applied(change: object): Promise<{ preview: TChangePreview; done: TChange }> {
  const { preview, change: submitted } = await editor.previewAndSubmit(change);
  const done = await editor.settled(submitted.id);
  expect(done.state, JSON.stringify(done.error)).toBe('applied');
  return { preview, done };
}

describe('HTTPRoute editor', () => {
  it('creates a route with a 90/10 weighted split, header/method matches, filters; the Gateway accepts it', async () => {
    const { preview } = await applied(canary);
    expect(preview.warnings).toEqual([]);
    expect(preview.kubectl).toEqual(['kubectl apply --server-side --field-manager=portico -n demo -f portico-change.yaml']);
    expect(preview.diff).toMatch(/\+\s+name: kuard\n\+\s+port: 80\n\+\s+weight: 90\n/);
    const route = live('HTTPRoute/kuard-canary')!;
    expect((route.spec as any).rules[0].backendRefs.map((b: { name: string; weight: number }) => `${b.name}:${b.weight}`)).toEqual(['kuard:90', 'kuard-canary:10']);
    expect((route.spec as any).rules[1].filters[0]).toEqual({ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/new' }, statusCode: 301 } });
    await sim.settle();
    const parents = (live('HTTPRoute/kuard-canary')!.status as any).parents as { conditions: { type: string; status: string }[] }[];
    expect(parents[0].conditions.map((c) => `${c.type}=${c.status}`)).toEqual(['Accepted=True', 'ResolvedRefs=True']);
  });

  it('shows the status per parent in words on the route’s object page once synced', async () => {
    const auth = { Authorization: `Bearer ${pipeline.editorToken}` };
    const deadline = Date.now() + 20_000;
    let status: { summary: string; accepted: boolean }[] = [];
    while (Date.now() < deadline) {
      const res = await pipeline.t.http().get('/api/v1/inventory/httproutes?q=kuard-canary').set(auth);
      status = (res.body as { items: { details: { parentStatus?: typeof status } }[] }).items[0]?.details.parentStatus ?? [];
      if (status.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toEqual([expect.objectContaining({ accepted: true, summary: 'Accepted by Gateway demo/web, listener http' })]);
  });

  it('edits the split to 50/50 keeping the rest (server-side apply)', async () => {
    const edit = structuredClone(canary);
    edit.rules[0].backendRefs = [
      { name: 'kuard', port: 80, weight: 50 },
      { name: 'kuard-canary', port: 80, weight: 50 },
    ];
    const { preview } = await applied(edit);
    expect(preview.diff).toMatch(/-\s+weight: 90\n\+\s+weight: 50\n/);
    expect((live('HTTPRoute/kuard-canary')!.spec as any).rules[0].backendRefs.map((b: { weight: number }) => b.weight)).toEqual([50, 50]);
  });

  it('warns: a hostname no listener matches, a missing Gateway and listener, a missing Service and port, the same host+path served elsewhere', async () => {
    const res = await editor.preview({
      ...canary,
      name: 'warned',
      parentRefs: [{ name: 'web', sectionName: 'http' }, { name: 'nowhere' }, { name: 'web', sectionName: 'https' }],
      hostnames: ['shop.example.org'],
      rules: [
        {
          backendRefs: [
            { name: 'ghost', port: 80 },
            { name: 'kuard', port: 8443 },
          ],
        },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const p = res.body as TChangePreview;
    expect(codes(p)).toEqual([
      'hostname_matches_no_listener change.hostnames',
      'parent_missing change.parentRefs.1.name',
      'parent_missing change.parentRefs.2.sectionName',
      'backend_missing change.rules.0.backendRefs.0.name',
      'backend_missing change.rules.0.backendRefs.1.port',
    ]);
    expect(p.warnings[0].message).toContain('http *.example.com');
    // kuard.example.com / is the course route's; example.example.com / (Exact) the course Ingress's.
    const taken = await editor.preview({
      ...canary,
      name: 'taken',
      hostnames: ['kuard.example.com', 'example.example.com'],
      rules: [{ matches: [{ path: { type: 'Exact', value: '/' } }, { path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'kuard', port: 80 }] }],
    });
    expect((taken.body as TChangePreview).warnings.map((w) => w.message)).toEqual([
      'example.example.com Exact / is already served by Ingress demo/kuard',
      'kuard.example.com Prefix / is already served by HTTPRoute demo/kuard on the same Gateway (the older route wins)',
    ]);
  });

  it('warns when allowedRoutes refuses the route, and offers a ReferenceGrant for a backend in another namespace', async () => {
    const res = await editor.preview({
      ...canary,
      namespace: 'shop',
      name: 'from-shop',
      hostnames: ['shop.example.com'],
      parentRefs: [{ name: 'web', namespace: 'demo' }],
      rules: [{ backendRefs: [{ name: 'kuard', namespace: 'demo', port: 80 }] }],
    });
    const p = res.body as TChangePreview;
    expect(codes(p)).toEqual(['listener_refuses_route change.parentRefs.0', 'reference_not_permitted change.rules.0.backendRefs.0.namespace']);
    expect(p.companions).toEqual([
      {
        type: 'referenceGrant',
        namespace: 'demo',
        name: 'httproutes-from-shop-to-kuard',
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
        to: [{ group: '', kind: 'Service', name: 'kuard' }],
      },
    ]);
    // The companion, applied through the pipeline, silences the warning.
    await applied(p.companions![0]);
    expect(sim.objects.get('gateway.networking.k8s.io/v1beta1', 'ReferenceGrant', 'demo', 'httproutes-from-shop-to-kuard')).toBeDefined();
    const again = (
      await editor.preview({
        ...canary,
        namespace: 'shop',
        name: 'from-shop',
        hostnames: ['shop.example.com'],
        parentRefs: [{ name: 'web', namespace: 'demo' }],
        rules: [{ backendRefs: [{ name: 'kuard', namespace: 'demo', port: 80 }] }],
      })
    ).body as TChangePreview;
    expect(codes(again)).toEqual(['listener_refuses_route change.parentRefs.0']);
  });
});

describe('Gateway listener editor', () => {
  it('adds an HTTPS listener with TLS from cert-manager: the annotation is set and cert-manager issues its Secret', async () => {
    const change = {
      type: 'gatewayListeners',
      namespace: 'demo',
      name: 'web',
      listeners: [
        { name: 'http', protocol: 'HTTP', port: 80, hostname: '*.example.com', allowedRoutes: { from: 'Same' } },
        { name: 'https', protocol: 'HTTPS', port: 443, hostname: 'canary.example.com', certificateRefs: [{ name: 'canary-tls' }], allowedRoutes: { from: 'All' } },
      ],
      certManager: { issuer: 'letsencrypt-prod', kind: 'Issuer' },
    };
    const { preview } = await applied(change);
    expect(preview.warnings).toEqual([]);
    const gw = live('Gateway/web')!;
    expect(gw.metadata.annotations?.['cert-manager.io/issuer']).toBe('letsencrypt-prod');
    expect((gw.spec as any).gatewayClassName).toBe('kube-sim');
    expect((gw.spec as any).listeners[1]).toMatchObject({ name: 'https', tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'canary-tls' }] } });
    await sim.settle();
    expect(sim.objects.get('cert-manager.io/v1', 'Certificate', 'demo', 'canary-tls')?.spec).toMatchObject({ dnsNames: ['canary.example.com'], secretName: 'canary-tls' });
    // The route from another namespace is now admitted by the https listener (allowedRoutes All).
    const fromShop = {
      ...canary,
      namespace: 'shop',
      name: 'from-shop',
      parentRefs: [{ name: 'web', namespace: 'demo', sectionName: 'https' }],
      rules: [{ matches: [{ path: { type: 'Exact', value: '/shop' } }], backendRefs: [{ name: 'kuard', namespace: 'demo', port: 80 }] }],
    };
    const p = (await editor.preview(fromShop)).body as TChangePreview;
    expect(p.warnings).toEqual([]);
  });

  it("warns when cert-manager's issuer is missing or not Ready (with cert-manager's reason), as the Ingress editor does", async () => {
    const https = { name: 'https', protocol: 'HTTPS', port: 443, hostname: 'iss.example.com', certificateRefs: [{ name: 'iss-tls' }] };
    const change = (certManager: object) => ({ type: 'gatewayListeners', namespace: 'demo', name: 'web', listeners: [https], certManager });
    const missing = (await editor.preview(change({ issuer: 'nope', kind: 'ClusterIssuer' }))).body as TChangePreview;
    expect(codes(missing)).toEqual(['issuer_not_ready change.certManager.issuer']);
    expect(missing.warnings[0].message).toBe('no ClusterIssuer nope: cert-manager cannot issue the certificate');
    sim.objects.apply({ apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: 'gw-broken-ca', namespace: 'demo' }, spec: { ca: { secretName: 'no-such-ca' } } });
    await sim.settle();
    const broken = (await editor.preview(change({ issuer: 'gw-broken-ca', kind: 'Issuer' }))).body as TChangePreview;
    expect(codes(broken)).toEqual(['issuer_not_ready change.certManager.issuer']);
    expect(broken.warnings[0].message).toMatch(/^Issuer gw-broken-ca is not Ready \(ErrGetKeyPair: .+\); cert-manager will not issue until it is$/);
    expect(((await editor.preview(change({ issuer: 'letsencrypt-prod', kind: 'Issuer' }))).body as TChangePreview).warnings).toEqual([]);
  });

  it('needs a class to create a Gateway; warns on a missing Secret and a cross-namespace certificate', async () => {
    const create = {
      type: 'gatewayListeners',
      namespace: 'demo',
      name: 'new-gw',
      listeners: [{ name: 'https', protocol: 'HTTPS', port: 443, certificateRefs: [{ name: 'nope' }, { name: 'shared-tls', namespace: 'shop' }] }],
    };
    const refused = await editor.preview(create);
    expect(refused.status).toBe(400);
    expect((refused.body as { invalid_params: { name: string }[] }).invalid_params.map((p) => p.name)).toEqual(['change.gatewayClassName']);
    const p = (await editor.preview({ ...create, gatewayClassName: 'kube-sim' })).body as TChangePreview;
    expect(codes(p)).toEqual(['backend_missing change.listeners.0.certificateRefs', 'reference_not_permitted change.listeners.0.certificateRefs']);
    expect(p.companions?.[0]).toMatchObject({ type: 'referenceGrant', namespace: 'shop', from: [{ kind: 'Gateway', namespace: 'demo' }], to: [{ kind: 'Secret', name: 'shared-tls' }] });
  });
});

describe('invalid input', () => {
  it('is refused before anything reaches the cluster, naming each field in the CRD’s words', async () => {
    const listener = { name: 'http', protocol: 'HTTP', port: 80 };
    const gw = { type: 'gatewayListeners', namespace: 'demo', name: 'web', listeners: [listener] };
    const rule = canary.rules[0];
    const cases: [object, string, string][] = [
      [{ ...canary, hostnames: ['a.*.example.com'] }, 'change.hostnames.0', 'should match'],
      [{ ...canary, hostnames: ['10.0.0.1:80'] }, 'change.hostnames.0', 'should match'],
      [{ ...canary, parentRefs: [] }, 'change.parentRefs', 'a route needs a Gateway'],
      [{ ...canary, parentRefs: [{ name: 'web' }, { name: 'web', sectionName: 'http' }] }, 'change.parentRefs.0.sectionName', 'sectionName must be specified'],
      [
        {
          ...canary,
          parentRefs: [
            { name: 'web', sectionName: 'http' },
            { name: 'web', sectionName: 'http' },
          ],
        },
        'change.parentRefs.0.sectionName',
        'sectionName must be unique',
      ],
      [{ ...canary, rules: [{ ...rule, matches: [{ path: { type: 'PathPrefix', value: 'no-slash' } }] }] }, 'change.rules.0.matches.0.path.value', "must be an absolute path and start with '/'"],
      [{ ...canary, rules: [{ ...rule, matches: [{ path: { type: 'Exact', value: '/a//b' } }] }] }, 'change.rules.0.matches.0.path.value', "must not contain '//'"],
      [{ ...canary, rules: [{ ...rule, matches: [{ headers: [{ name: 'Bad Header', value: 'x' }] }] }] }, 'change.rules.0.matches.0.headers.0.name', 'should match'],
      [{ ...canary, rules: [{ ...rule, matches: [{ queryParams: [{ name: 'q', value: '' }] }] }] }, 'change.rules.0.matches.0.queryParams.0.value', 'at least 1'],
      [{ ...canary, rules: [{ ...rule, matches: [{ method: 'FETCH' }] }] }, 'change.rules.0.matches.0.method', ''],
      [{ ...canary, rules: [{ ...rule, backendRefs: [{ name: 'kuard', weight: 90 }] }] }, 'change.rules.0.backendRefs.0.port', ''],
      [{ ...canary, rules: [{ ...rule, backendRefs: [{ name: 'kuard', port: 80, weight: 1_000_001 }] }] }, 'change.rules.0.backendRefs.0.weight', '1000000'],
      [
        { ...canary, rules: [{ filters: [{ type: 'RequestRedirect', scheme: 'https' }], backendRefs: [{ name: 'kuard', port: 80 }] }] },
        'change.rules.0.backendRefs',
        'must not be used together with backendRefs',
      ],
      [
        {
          ...canary,
          rules: [
            {
              filters: [
                { type: 'RequestRedirect', scheme: 'https' },
                { type: 'URLRewrite', hostname: 'x.example.com' },
              ],
            },
          ],
        },
        'change.rules.0.filters',
        'May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both',
      ],
      [
        { ...canary, rules: [{ ...rule, filters: [{ type: 'URLRewrite', path: { type: 'ReplacePrefixMatch', value: '/v2' } }], matches: [{ path: { type: 'Exact', value: '/v1' } }] }] },
        'change.rules.0.filters.0.path',
        'exactly one PathPrefix match',
      ],
      [{ ...canary, rules: [{ ...rule, filters: [{ type: 'URLRewrite', hostname: '*.example.com' }] }] }, 'change.rules.0.filters.0.hostname', 'should match'],
      [{ ...canary, rules: [{ filters: [{ type: 'RequestRedirect', statusCode: 304 }] }] }, 'change.rules.0.filters.0.statusCode', ''],
      [{ ...canary, name: 'Bad_Name' }, 'change.name', ''],
      [{ ...gw, listeners: [listener, { ...listener, port: 81 }] }, 'change.listeners.1.name', 'Listener name must be unique within the Gateway'],
      [{ ...gw, listeners: [listener, { ...listener, name: 'http2' }] }, 'change.listeners.1', 'Combination of port, protocol and hostname must be unique for each listener'],
      [{ ...gw, listeners: [{ ...listener, certificateRefs: [{ name: 'x' }] }] }, 'change.listeners.0.certificateRefs', "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"],
      [{ ...gw, listeners: [{ ...listener, protocol: 'HTTPS', port: 443 }] }, 'change.listeners.0.certificateRefs', 'an HTTPS listener needs a certificate'],
      [{ ...gw, listeners: [{ ...listener, hostname: '*' }] }, 'change.listeners.0.hostname', 'should match'],
      [{ ...gw, listeners: [{ ...listener, name: 'HTTP' }] }, 'change.listeners.0.name', 'should match'],
      [{ ...gw, listeners: [{ ...listener, allowedRoutes: { from: 'Selector' } }] }, 'change.listeners.0.allowedRoutes.selector', 'is required when from is Selector'],
      [{ ...gw, certManager: { issuer: 'letsencrypt-prod', kind: 'Issuer' } }, 'change.certManager', 'only for HTTPS listeners with a hostname'],
      [{ type: 'referenceGrant', namespace: 'demo', name: 'g', from: [], to: [{ group: '', kind: 'Service' }] }, 'change.from', 'at least 1'],
      [
        { type: 'referenceGrant', namespace: 'demo', name: 'g', from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTP Route', namespace: 'shop' }], to: [{ group: '', kind: 'Service' }] },
        'change.from.0.kind',
        'should match',
      ],
    ];
    // Every request the cluster would get fails: a 400 here proves the cluster was never asked.
    sim.faults.addRule({ status: 500 });
    try {
      for (const [change, field, words] of cases) {
        for (const res of [await editor.preview(change), await editor.submit({ change })]) {
          expect(res.status, `${JSON.stringify(change)} → ${JSON.stringify(res.body)}`).toBe(400);
          expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
          const params = (res.body as { invalid_params: { name: string; reason: string }[] }).invalid_params;
          expect(
            params.map((p) => p.name),
            JSON.stringify(change),
          ).toContain(field);
          expect(params.find((p) => p.name === field)!.reason).toContain(words);
        }
      }
    } finally {
      sim.faults.clear();
    }
  });
});

describe('host+path conflicts in a large cluster', () => {
  it('reads every page of Ingresses: one serving the same host+path listed after 600 others is found', async () => {
    const ingress = (name: string, host: string) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name, namespace: 'zz-bulk' },
      spec: { rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
    });
    sim.objects.apply([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'zz-bulk' } },
      ...Array.from({ length: 600 }, (_, i) => ingress(`bulk-${String(i).padStart(3, '0')}`, `bulk-${i}.example.com`)),
      ingress('zz-last', 'deep.example.com'),
    ]);
    const res = await editor.preview({
      ...canary,
      name: 'deep',
      hostnames: ['deep.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'kuard', port: 80 }] }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body as TChangePreview).warnings.map((w) => w.message)).toContain('deep.example.com Prefix / is already served by Ingress zz-bulk/zz-last');
  });
});
