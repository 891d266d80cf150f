/** The REST protocol over raw HTTPS: discovery, CRUD, Status errors, auth, list/watch. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../src/index.js';
import { openWatch, request, waitFor } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'course', bookmarkIntervalMs: 200, watchHistory: 50 });
});
afterAll(async () => {
  await sim?.close();
});

const svc = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, labels: { tier: 'web', app: name } },
  spec: { ports: [{ port: 80, targetPort: 8080 }], ...extra },
});

describe('discovery and version', () => {
  it('serves /version without a token', async () => {
    const r = await request(sim, 'GET', '/version', { token: null });
    expect(r.status).toBe(200);
    expect(r.body.gitVersion).toMatch(/^v1\.31/);
  });

  it('serves legacy discovery', async () => {
    const api = await request(sim, 'GET', '/api');
    expect(api.body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const apis = await request(sim, 'GET', '/apis');
    const names = (apis.body.groups as { name: string }[]).map((g) => g.name);
    expect(names).toEqual(expect.arrayContaining(['apps', 'networking.k8s.io', 'discovery.k8s.io', 'gateway.networking.k8s.io', 'cert-manager.io', 'apiextensions.k8s.io']));
    const core = await request(sim, 'GET', '/api/v1');
    expect(core.body.kind).toBe('APIResourceList');
    expect((core.body.resources as { name: string; shortNames?: string[] }[]).find((r) => r.name === 'services')?.shortNames).toEqual(['svc']);
    const net = await request(sim, 'GET', '/apis/networking.k8s.io/v1');
    expect((net.body.resources as { name: string }[]).map((r) => r.name)).toEqual(expect.arrayContaining(['ingresses', 'ingressclasses', 'networkpolicies']));
  });

  it('serves aggregated discovery v2 when asked', async () => {
    const accept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';
    const r = await request(sim, 'GET', '/apis', { accept });
    expect(r.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect(r.body.kind).toBe('APIGroupDiscoveryList');
    const apps = (r.body.items as { metadata: { name: string }; versions: { resources: { resource: string; scope: string }[] }[] }[]).find((i) => i.metadata.name === 'apps');
    expect(apps?.versions[0].resources.find((x) => x.resource === 'deployments')?.scope).toBe('Namespaced');
    const core = await request(sim, 'GET', '/api', { accept });
    expect((core.body.items as unknown[]).length).toBe(1);
  });

  it('serves OpenAPI v3 documents that declare fieldValidation', async () => {
    const root = await request(sim, 'GET', '/openapi/v3');
    const url = (root.body.paths as Record<string, { serverRelativeURL: string }>)['api/v1'].serverRelativeURL;
    const doc = await request(sim, 'GET', url);
    const patch = (doc.body.paths as Record<string, { patch?: { parameters: { name: string }[] } }>)['/api/v1/namespaces/{namespace}/services/{name}'].patch;
    expect(patch?.parameters.map((p) => p.name)).toContain('fieldValidation');
  });

  it('omits optional groups when not installed', async () => {
    const bare = await startSimulator({ gatewayApi: false, certManager: false });
    try {
      const apis = await request(bare, 'GET', '/apis');
      const names = (apis.body.groups as { name: string }[]).map((g) => g.name);
      expect(names).not.toContain('gateway.networking.k8s.io');
      expect(names).not.toContain('cert-manager.io');
      const crds = await request(bare, 'GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions');
      expect(crds.body.items).toEqual([]);
    } finally {
      await bare.close();
    }
    const crds = await request(sim, 'GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions');
    expect((crds.body.items as { metadata: { name: string } }[]).map((c) => c.metadata.name)).toEqual(
      expect.arrayContaining(['gateways.gateway.networking.k8s.io', 'httproutes.gateway.networking.k8s.io', 'certificates.cert-manager.io', 'clusterissuers.cert-manager.io']),
    );
  });

  it("installs and removes a feature's CRDs while running", async () => {
    const bare = await startSimulator({ gatewayApi: false, certManager: false });
    const groups = async () => ((await request(bare, 'GET', '/apis')).body.groups as { name: string }[]).map((g) => g.name);
    try {
      expect((await request(bare, 'GET', '/apis/gateway.networking.k8s.io/v1/gatewayclasses')).status).toBe(404);
      bare.setFeature('gatewayApi', true);
      expect(await groups()).toContain('gateway.networking.k8s.io');
      const created = await request(bare, 'POST', '/apis/gateway.networking.k8s.io/v1/gatewayclasses', {
        body: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'late' }, spec: { controllerName: 'example.com/gw' } },
      });
      expect(created.status).toBe(201);
      const crds = await request(bare, 'GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions');
      expect((crds.body.items as { metadata: { name: string } }[]).map((c) => c.metadata.name)).toContain('gatewayclasses.gateway.networking.k8s.io');

      bare.setFeature('gatewayApi', false);
      expect(await groups()).not.toContain('gateway.networking.k8s.io');
      expect((await request(bare, 'GET', '/apis/gateway.networking.k8s.io/v1/gatewayclasses')).status).toBe(404);
      expect((await request(bare, 'GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions')).body.items).toEqual([]);
      // Reinstalled, the kinds come back empty: removal deleted their objects.
      bare.setFeature('gatewayApi', true);
      expect((await request(bare, 'GET', '/apis/gateway.networking.k8s.io/v1/gatewayclasses')).body.items).toEqual([]);
    } finally {
      await bare.close();
    }
  });
});

describe('authentication and authorization', () => {
  it('401 without or with a bad token', async () => {
    for (const token of [null, 'nope']) {
      const r = await request(sim, 'GET', '/api/v1/services', { token });
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Unauthorized', code: 401 });
    }
  });

  it('read-only token can read but not write', async () => {
    const ro = sim.tokens.readonly;
    expect((await request(sim, 'GET', '/api/v1/services', { token: ro })).status).toBe(200);
    const r = await request(sim, 'POST', '/api/v1/namespaces/demo/services', { token: ro, body: svc('ro-denied') });
    expect(r.status).toBe(403);
    expect(r.body.reason).toBe('Forbidden');
    expect(r.body.message).toBe('services is forbidden: User "system:serviceaccount:kube-system:kube-sim-readonly" cannot create resource "services" in API group "" in the namespace "demo"');
  });

  it('namespace token is confined to its namespace', async () => {
    const t = sim.tokens.namespaced.token;
    expect(sim.tokens.namespaced.namespace).toBe('demo');
    expect((await request(sim, 'GET', '/api/v1/namespaces/demo/services', { token: t })).status).toBe(200);
    const all = await request(sim, 'GET', '/api/v1/services', { token: t });
    expect(all.status).toBe(403);
    expect(all.body.message).toBe('services is forbidden: User "system:serviceaccount:demo:kube-sim-namespaced" cannot list resource "services" in API group "" at the cluster scope');
    const other = await request(sim, 'GET', '/apis/apps/v1/namespaces/default/deployments/my-app', { token: t });
    expect(other.status).toBe(403);
    expect(other.body.message).toContain('deployments.apps "my-app" is forbidden');
    expect(other.body.message).toContain('in API group "apps" in the namespace "default"');
  });

  it('test hooks need the admin token', async () => {
    expect((await request(sim, 'GET', '/_sim/clock', { token: sim.tokens.readonly })).status).toBe(403);
    expect((await request(sim, 'GET', '/_sim/clock')).status).toBe(200);
  });
});

describe('CRUD and Status errors', () => {
  it('creates, gets, updates with optimistic concurrency, deletes', async () => {
    const c = await request(sim, 'POST', '/api/v1/namespaces/demo/services', { body: svc('crud-a') });
    expect(c.status).toBe(201);
    expect(c.body.metadata.uid).toBeTruthy();
    expect(c.body.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
    const rv = c.body.metadata.resourceVersion as string;
    const g = await request(sim, 'GET', '/api/v1/namespaces/demo/services/crud-a');
    expect(g.body.metadata.resourceVersion).toBe(rv);

    const upd = { ...g.body, metadata: { ...g.body.metadata, labels: { tier: 'db' } } };
    const u = await request(sim, 'PUT', '/api/v1/namespaces/demo/services/crud-a', { body: upd });
    expect(u.status).toBe(200);
    expect(Number(u.body.metadata.resourceVersion)).toBeGreaterThan(Number(rv));
    // Stale resourceVersion → 409 Conflict.
    const stale = await request(sim, 'PUT', '/api/v1/namespaces/demo/services/crud-a', { body: upd });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ reason: 'Conflict', code: 409, details: { name: 'crud-a', kind: 'services' } });
    expect(stale.body.message).toBe('Operation cannot be fulfilled on services "crud-a": the object has been modified; please apply your changes to the latest version and try again');

    const d = await request(sim, 'DELETE', '/api/v1/namespaces/demo/services/crud-a');
    expect(d.status).toBe(200);
    expect(d.body.metadata.name).toBe('crud-a');
    const gone = await request(sim, 'GET', '/api/v1/namespaces/demo/services/crud-a');
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'NotFound',
      code: 404,
      message: 'services "crud-a" not found',
      details: { name: 'crud-a', kind: 'services' },
    });
  });

  it('404 names the group for grouped resources, and for a missing namespace', async () => {
    const r = await request(sim, 'GET', '/apis/apps/v1/namespaces/demo/deployments/nope');
    expect(r.body.message).toBe('deployments.apps "nope" not found');
    expect(r.body.details.group).toBe('apps');
    const ns = await request(sim, 'POST', '/api/v1/namespaces/nowhere/services', { body: svc('x') });
    expect(ns.status).toBe(404);
    expect(ns.body.message).toBe('namespaces "nowhere" not found');
  });

  it('409 AlreadyExists', async () => {
    const r = await request(sim, 'POST', '/api/v1/namespaces/demo/services', { body: svc('kuard') });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ reason: 'AlreadyExists', message: 'services "kuard" already exists' });
  });

  it('422 Invalid with causes per field', async () => {
    const r = await request(sim, 'POST', '/api/v1/namespaces/demo/services', { body: svc('Bad_Name', { ports: [{ port: 70000 }] }) });
    expect(r.status).toBe(422);
    expect(r.body.reason).toBe('Invalid');
    expect(r.body.details.kind).toBe('Service');
    const fields = (r.body.details.causes as { field: string; reason: string }[]).map((c) => c.field);
    expect(fields).toEqual(expect.arrayContaining(['metadata.name', 'spec.ports[0].port']));
    expect(r.body.message).toMatch(/^Service "Bad_Name" is invalid: /);
  });

  it('protobuf bodies: the kinds kubectl ≥ 1.32 creates are decoded, others 415, garbage 400', async () => {
    // Protobuf by hand: field n, wire type 2 (length-delimited), as k8s.io/api's generated.proto numbers them.
    const f = (n: number, v: Buffer | string) => {
      const b = Buffer.from(v);
      return Buffer.concat([Buffer.from([(n << 3) | 2, b.length]), b]);
    };
    const envelope = (apiVersion: string, kind: string, raw: Buffer) => Buffer.concat([Buffer.from('k8s\0'), f(1, Buffer.concat([f(1, apiVersion), f(2, kind)])), f(2, raw)]);
    // Secret{metadata{name}, data{"user": "admin"}, type}
    const secret = Buffer.concat([f(1, f(1, 'pb-secret')), f(2, Buffer.concat([f(1, 'user'), f(2, 'admin')])), f(3, 'Opaque')]);
    const pb = (body: Buffer) => request(sim, 'POST', '/api/v1/namespaces/demo/secrets', { body: body.toString('latin1'), contentType: 'application/vnd.kubernetes.protobuf' });
    const created = await pb(envelope('v1', 'Secret', secret));
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ kind: 'Secret', metadata: { name: 'pb-secret' }, data: { user: Buffer.from('admin').toString('base64') }, type: 'Opaque' });
    const pod = await pb(envelope('v1', 'Pod', f(1, f(1, 'p'))));
    expect([pod.status, pod.body.reason]).toEqual([415, 'UnsupportedMediaType']);
    const garbage = await pb(Buffer.from('x'));
    expect([garbage.status, garbage.body.reason]).toEqual([400, 'BadRequest']);
    const cbor = await request(sim, 'POST', '/api/v1/namespaces/demo/services', { body: 'x', contentType: 'application/cbor' });
    expect(cbor.status).toBe(415);
  });

  it('dryRun=All validates and returns the result but stores nothing', async () => {
    const r = await request(sim, 'POST', '/api/v1/namespaces/demo/services?dryRun=All', { body: svc('dry-one', { type: 'NodePort' }) });
    expect(r.status).toBe(201);
    expect(r.body.spec.clusterIP).toBeTruthy();
    expect(r.body.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect((await request(sim, 'GET', '/api/v1/namespaces/demo/services/dry-one')).status).toBe(404);
    const bad = await request(sim, 'POST', '/api/v1/namespaces/demo/services?dryRun=All', { body: svc('dry-two', { ports: [{ port: 0 }] }) });
    expect(bad.status).toBe(422);
    const before = await request(sim, 'GET', '/api/v1/namespaces/demo/services/kuard');
    const p = await request(sim, 'PATCH', '/api/v1/namespaces/demo/services/kuard?dryRun=All', { body: { metadata: { labels: { dry: 'yes' } } }, contentType: 'application/merge-patch+json' });
    expect(p.body.metadata.labels.dry).toBe('yes');
    const after = await request(sim, 'GET', '/api/v1/namespaces/demo/services/kuard');
    expect(after.body.metadata.resourceVersion).toBe(before.body.metadata.resourceVersion);
    const d = await request(sim, 'DELETE', '/api/v1/namespaces/demo/services/kuard?dryRun=All');
    expect(d.status).toBe(200);
    expect((await request(sim, 'GET', '/api/v1/namespaces/demo/services/kuard')).status).toBe(200);
  });

  it('fieldValidation Strict rejects, Warn warns, Ignore ignores unknown fields', async () => {
    const body = svc('fv-1', { bogus: true });
    const strict = await request(sim, 'POST', '/api/v1/namespaces/demo/services?fieldValidation=Strict', { body });
    expect(strict.status).toBe(400);
    expect(strict.body.message).toContain('unknown field "spec.bogus"');
    const warn = await request(sim, 'POST', '/api/v1/namespaces/demo/services?fieldValidation=Warn', { body });
    expect(warn.status).toBe(201);
    expect(String(warn.headers.warning)).toContain('unknown field \\"spec.bogus\\"');
    const ignore = await request(sim, 'POST', '/api/v1/namespaces/demo/services?fieldValidation=Ignore', { body: { ...svc('fv-2'), extraTop: 1 } });
    expect(ignore.status).toBe(201);
    expect(ignore.headers.warning).toBeUndefined();
  });
});

describe('list', () => {
  it('paginates with limit/continue', async () => {
    sim.generate.services(25, { namespace: 'page', prefix: 'p' });
    const seen: string[] = [];
    let cont = '';
    let pages = 0;
    do {
      const r = await request(sim, 'GET', `/api/v1/namespaces/page/services?limit=10${cont ? `&continue=${cont}` : ''}`);
      seen.push(...(r.body.items as { metadata: { name: string } }[]).map((i) => i.metadata.name));
      cont = (r.body.metadata.continue as string | undefined) ?? '';
      if (cont) expect(r.body.metadata.remainingItemCount).toBe(25 - seen.length);
      pages++;
    } while (cont);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(25);
    const bad = await request(sim, 'GET', '/api/v1/namespaces/page/services?limit=10&continue=garbage');
    expect(bad.status).toBe(400);
  });

  it('filters with label selectors', async () => {
    const ns = 'sel';
    await request(sim, 'POST', '/api/v1/namespaces', { body: { metadata: { name: ns } } });
    const mk = (name: string, labels: Record<string, string>) => request(sim, 'POST', `/api/v1/namespaces/${ns}/configmaps`, { body: { metadata: { name, labels }, data: {} } });
    await mk('a', { env: 'prod', tier: 'web' });
    await mk('b', { env: 'dev', tier: 'web' });
    await mk('c', { env: 'qa' });
    await mk('d', {});
    const names = async (sel: string) =>
      ((await request(sim, 'GET', `/api/v1/namespaces/${ns}/configmaps?labelSelector=${encodeURIComponent(sel)}`)).body.items as { metadata: { name: string } }[]).map((i) => i.metadata.name);
    expect(await names('env=prod')).toEqual(['a']);
    expect(await names('env==dev')).toEqual(['b']);
    expect(await names('env!=prod')).toEqual(['b', 'c', 'd']);
    expect(await names('env in (prod, qa)')).toEqual(['a', 'c']);
    expect(await names('env notin (prod,qa)')).toEqual(['b', 'd']);
    expect(await names('tier')).toEqual(['a', 'b']);
    expect(await names('!tier')).toEqual(['c', 'd']);
    expect(await names('tier=web,env=dev')).toEqual(['b']);
  });

  it('filters with field selectors, cluster-wide and namespaced', async () => {
    const byName = await request(sim, 'GET', '/api/v1/services?fieldSelector=metadata.name%3Dkuard');
    expect((byName.body.items as unknown[]).length).toBe(1);
    const byNs = await request(sim, 'GET', '/api/v1/services?fieldSelector=metadata.namespace%3Ddefault');
    expect((byNs.body.items as { metadata: { namespace: string } }[]).every((i) => i.metadata.namespace === 'default')).toBe(true);
    const tls = await request(sim, 'GET', '/api/v1/secrets?fieldSelector=type%3Dkubernetes.io%2Ftls');
    expect((tls.body.items as { type: string }[]).every((s) => s.type === 'kubernetes.io/tls')).toBe(true);
    const bad = await request(sim, 'GET', '/api/v1/services?fieldSelector=spec.bogus%3Dx');
    expect(bad.status).toBe(400);
  });

  it('answers Table when asked', async () => {
    const r = await request(sim, 'GET', '/api/v1/namespaces/demo/services', { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
    expect(r.body.kind).toBe('Table');
    expect((r.body.columnDefinitions as { name: string }[]).map((c) => c.name)).toEqual(['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector']);
    const row = (r.body.rows as { cells: unknown[]; object: { metadata: { name: string } } }[]).find((x) => x.object.metadata.name === 'kuard');
    expect(row?.cells.slice(0, 5)).toEqual(['kuard', 'ClusterIP', expect.stringMatching(/^10\./), '<none>', '80/TCP']);
  });
});

describe('watch', () => {
  it('streams events from a resourceVersion, with bookmarks', async () => {
    const list = await request(sim, 'GET', '/api/v1/namespaces/demo/configmaps');
    const rv = list.body.metadata.resourceVersion as string;
    const w = openWatch(sim, `/api/v1/namespaces/demo/configmaps?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true`);
    await request(sim, 'POST', '/api/v1/namespaces/demo/configmaps', { body: { metadata: { name: 'w1' }, data: { a: '1' } } });
    await request(sim, 'PATCH', '/api/v1/namespaces/demo/configmaps/w1', { body: { data: { a: '2' } }, contentType: 'application/merge-patch+json' });
    await request(sim, 'DELETE', '/api/v1/namespaces/demo/configmaps/w1');
    await waitFor(() => w.events.filter((e) => e.type !== 'BOOKMARK').length >= 3, 'three events');
    expect(w.events.filter((e) => e.type !== 'BOOKMARK').map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    await waitFor(() => w.events.some((e) => e.type === 'BOOKMARK'), 'a bookmark');
    const bm = w.events.find((e) => e.type === 'BOOKMARK')!;
    expect(bm.object).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1' });
    expect(Number(bm.object.metadata.resourceVersion)).toBeGreaterThan(Number(rv));
    w.close();
  });

  it('supports the legacy /watch/ path and label selectors', async () => {
    const w = openWatch(sim, '/api/v1/watch/namespaces/demo/configmaps?labelSelector=pick%3Dme');
    await waitFor(() => w.status === 200, 'watch open');
    await request(sim, 'POST', '/api/v1/namespaces/demo/configmaps', { body: { metadata: { name: 'no-pick' } } });
    await request(sim, 'POST', '/api/v1/namespaces/demo/configmaps', { body: { metadata: { name: 'pick', labels: { pick: 'me' } } } });
    await waitFor(() => w.events.length >= 1, 'event');
    expect(w.events.map((e) => e.object.metadata.name)).toEqual(['pick']);
    w.close();
  });

  it('turns selector changes into ADDED/DELETED for a filtered watch', async () => {
    const rv = (await request(sim, 'GET', '/api/v1/namespaces/demo/configmaps')).body.metadata.resourceVersion as string;
    const w = openWatch(sim, `/api/v1/namespaces/demo/configmaps?watch=true&resourceVersion=${rv}&labelSelector=phase%3Din`);
    await request(sim, 'POST', '/api/v1/namespaces/demo/configmaps', { body: { metadata: { name: 'mover', labels: { phase: 'out' } } } });
    const patch = (phase: string) => request(sim, 'PATCH', '/api/v1/namespaces/demo/configmaps/mover', { body: { metadata: { labels: { phase } } }, contentType: 'application/merge-patch+json' });
    await patch('in');
    await request(sim, 'PATCH', '/api/v1/namespaces/demo/configmaps/mover', { body: { data: { x: '1' } }, contentType: 'application/merge-patch+json' });
    await patch('out');
    await waitFor(() => w.events.length >= 3, 'three events');
    expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    w.close();
  });

  it('answers 410 Gone (Expired) for a resourceVersion older than the history', async () => {
    const old = (await request(sim, 'GET', '/api/v1/namespaces/demo/services')).body.metadata.resourceVersion as string;
    // watchHistory is 50: push enough events to compact `old` away.
    sim.generate.services(120, { namespace: 'flood', prefix: 'f' });
    const w = openWatch(sim, `/api/v1/namespaces/demo/services?watch=1&resourceVersion=${old}`);
    await waitFor(() => w.ended, 'stream end');
    expect(w.events).toHaveLength(1);
    expect(w.events[0].type).toBe('ERROR');
    expect(w.events[0].object).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 });
  });

  it('fault hooks: forced 410 on the next watch, dropping watches', async () => {
    sim.faults.expireNextWatch();
    const w = openWatch(sim, '/api/v1/services?watch=true');
    await waitFor(() => w.ended, 'expired stream end');
    expect(w.events[0].object.code).toBe(410);
    const w2 = openWatch(sim, '/api/v1/services?watch=true&resourceVersion=0');
    await waitFor(() => w2.events.length > 0, 'initial events');
    expect(w2.events[0].type).toBe('ADDED');
    const r = await request(sim, 'POST', '/_sim/faults/drop-watches');
    expect(r.body.dropped).toBeGreaterThanOrEqual(1);
    await waitFor(() => w2.ended, 'dropped');
  });
});

describe('faults', () => {
  it('injects fixed statuses for chosen verbs and resources, and latency', async () => {
    await request(sim, 'POST', '/_sim/faults', { body: { rules: [{ verbs: ['list'], resources: ['configmaps'], status: 429, times: 1 }] } });
    const r = await request(sim, 'GET', '/api/v1/configmaps');
    expect(r.status).toBe(429);
    expect(r.body.reason).toBe('TooManyRequests');
    expect(r.headers['retry-after']).toBe('1');
    expect((await request(sim, 'GET', '/api/v1/configmaps')).status).toBe(200);
    expect((await request(sim, 'GET', '/api/v1/services')).status).toBe(200);

    sim.faults.addRule({ verbs: ['create'], status: 503 });
    expect((await request(sim, 'POST', '/api/v1/namespaces/demo/configmaps', { body: { metadata: { name: 'x503' } } })).status).toBe(503);
    sim.faults.clear();
    sim.faults.setLatency(300);
    const t0 = Date.now();
    await request(sim, 'GET', '/api/v1/namespaces/demo/services/kuard');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    sim.faults.clear();
  });

  it('refuses connections for a while, then serves again', async () => {
    await request(sim, 'POST', '/_sim/faults/refuse-connections', { body: { seconds: 1 } });
    await waitFor(async () => {
      try {
        await request(sim, 'GET', '/version');
        return false;
      } catch (e) {
        return (e as NodeJS.ErrnoException).code === 'ECONNREFUSED';
      }
    }, 'connection refused');
    const r = await waitFor(async () => (await request(sim, 'GET', '/version')).status === 200, 'server back');
    expect(r).toBe(true);
  });
});
