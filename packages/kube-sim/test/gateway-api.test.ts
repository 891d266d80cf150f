/** Gateway API in the simulator: route status per parent as an implementation writes it, attachedRoutes, ReferenceGrant, cert-manager's gateway-shim. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../src/index.js';
import { request, waitFor } from './helpers.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'course' });
});
afterAll(async () => {
  await sim?.close();
});

const G = '/apis/gateway.networking.k8s.io/v1';
const RG = '/apis/gateway.networking.k8s.io/v1beta1';
type Cond = { type: string; status: string; reason: string; message: string };
const causes = (body: Record<string, any>) => (body.details?.causes ?? []) as { field: string; message: string }[];

async function create(path: string, body: object) {
  const res = await request(sim, 'POST', path, { body });
  expect(res.status, res.text).toBe(201);
  await sim.settle();
}

async function routeConditions(ns: string, name: string): Promise<Record<string, string>[]> {
  await sim.settle();
  const r = (await request(sim, 'GET', `${G}/namespaces/${ns}/httproutes/${name}`)).body;
  return ((r.status?.parents ?? []) as { parentRef: { name: string; sectionName?: string }; conditions: Cond[] }[]).map((p) =>
    Object.fromEntries(p.conditions.map((c) => [c.type, `${c.status}/${c.reason}`])),
  );
}

async function attached(ns: string, gw: string): Promise<Record<string, number>> {
  await sim.settle();
  const g = (await request(sim, 'GET', `${G}/namespaces/${ns}/gateways/${gw}`)).body;
  return Object.fromEntries(((g.status?.listeners ?? []) as { name: string; attachedRoutes: number }[]).map((l) => [l.name, l.attachedRoutes]));
}

const route = (name: string, spec: Record<string, unknown>) => ({ metadata: { name }, spec: { rules: [{ backendRefs: [{ name: 'kuard', port: 80 }] }], ...spec } });

describe('the course scenario', () => {
  it('starts with a GatewayClass, a Gateway and an HTTPRoute to kuard, accepted and counted', async () => {
    expect(await routeConditions('demo', 'kuard')).toEqual([{ Accepted: 'True/Accepted', ResolvedRefs: 'True/ResolvedRefs' }]);
    expect(await attached('demo', 'web')).toEqual({ http: 1 });
  });
});

describe('HTTPRoute status per parent', () => {
  beforeAll(async () => {
    await request(sim, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'team-a', labels: { shared: 'yes' } } } });
    await request(sim, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'team-b' } } });
    await create(`${G}/gatewayclasses`, { metadata: { name: 'gw-test' }, spec: { controllerName: 'sim.portico.dev/gateway-controller' } });
    await create(`${G}/namespaces/demo/gateways`, {
      metadata: { name: 'edge' },
      spec: {
        gatewayClassName: 'gw-test',
        listeners: [
          { name: 'http', port: 80, protocol: 'HTTP', hostname: '*.example.com', allowedRoutes: { namespaces: { from: 'Same' } } },
          { name: 'shared', port: 8080, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { shared: 'yes' } } } } },
          { name: 'tcp', port: 9000, protocol: 'TCP' },
        ],
      },
    });
  });

  it('accepts a route whose hostname a listener covers, and counts it on that listener only', async () => {
    await create(`${G}/namespaces/demo/httproutes`, route('ok', { parentRefs: [{ name: 'edge', sectionName: 'http' }], hostnames: ['app.example.com'] }));
    expect(await routeConditions('demo', 'ok')).toEqual([{ Accepted: 'True/Accepted', ResolvedRefs: 'True/ResolvedRefs' }]);
    expect(await attached('demo', 'edge')).toEqual({ http: 1, shared: 0, tcp: 0 });
  });

  it('refuses a hostname no listener matches (NoMatchingListenerHostname)', async () => {
    await create(`${G}/namespaces/demo/httproutes`, route('other-host', { parentRefs: [{ name: 'edge', sectionName: 'http' }], hostnames: ['app.example.org'] }));
    expect(await routeConditions('demo', 'other-host')).toEqual([{ Accepted: 'False/NoMatchingListenerHostname', ResolvedRefs: 'True/ResolvedRefs' }]);
  });

  it('refuses a missing sectionName or Gateway (NoMatchingParent)', async () => {
    await create(`${G}/namespaces/demo/httproutes`, route('no-section', { parentRefs: [{ name: 'edge', sectionName: 'https' }, { name: 'nowhere' }] }));
    expect(await routeConditions('demo', 'no-section')).toEqual([
      { Accepted: 'False/NoMatchingParent', ResolvedRefs: 'True/ResolvedRefs' },
      { Accepted: 'False/NoMatchingParent', ResolvedRefs: 'True/ResolvedRefs' },
    ]);
  });

  it('refuses routes allowedRoutes does not admit: another namespace, a TCP listener (NotAllowedByListeners)', async () => {
    await create(`${G}/namespaces/team-b/httproutes`, route('from-b', { parentRefs: [{ name: 'edge', namespace: 'demo', sectionName: 'shared' }] }));
    expect(await routeConditions('team-b', 'from-b')).toEqual([{ Accepted: 'False/NotAllowedByListeners', ResolvedRefs: 'False/BackendNotFound' }]);
    await create(`${G}/namespaces/demo/httproutes`, route('to-tcp', { parentRefs: [{ name: 'edge', sectionName: 'tcp' }] }));
    expect((await routeConditions('demo', 'to-tcp'))[0].Accepted).toBe('False/NotAllowedByListeners');
    // Labelling the namespace lets the Selector listener admit it: status follows the namespace.
    const patched = await request(sim, 'PATCH', '/api/v1/namespaces/team-b', { body: { metadata: { labels: { shared: 'yes' } } }, contentType: 'application/merge-patch+json' });
    expect(patched.status).toBe(200);
    expect((await routeConditions('team-b', 'from-b'))[0].Accepted).toBe('True/Accepted');
    expect((await attached('demo', 'edge')).shared).toBe(1);
  });

  it('resolves backendRefs: missing Service, cross-namespace without and with a ReferenceGrant, invalid kind', async () => {
    await create(`${G}/namespaces/team-a/httproutes`, {
      metadata: { name: 'cross' },
      spec: { parentRefs: [{ name: 'edge', namespace: 'demo', sectionName: 'shared' }], rules: [{ backendRefs: [{ name: 'kuard', namespace: 'demo', port: 80 }] }] },
    });
    expect(await routeConditions('team-a', 'cross')).toEqual([{ Accepted: 'True/Accepted', ResolvedRefs: 'False/RefNotPermitted' }]);
    await create(`${RG}/namespaces/demo/referencegrants`, {
      metadata: { name: 'from-team-a' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'team-a' }], to: [{ group: '', kind: 'Service', name: 'kuard' }] },
    });
    expect(await routeConditions('team-a', 'cross')).toEqual([{ Accepted: 'True/Accepted', ResolvedRefs: 'True/ResolvedRefs' }]);
    await create(`${G}/namespaces/demo/httproutes`, {
      metadata: { name: 'missing' },
      spec: { parentRefs: [{ name: 'edge', sectionName: 'http' }], rules: [{ backendRefs: [{ name: 'ghost', port: 80 }] }] },
    });
    expect((await routeConditions('demo', 'missing'))[0].ResolvedRefs).toBe('False/BackendNotFound');
    // The Service appearing resolves it.
    await create('/api/v1/namespaces/demo/services', { metadata: { name: 'ghost' }, spec: { ports: [{ port: 80 }] } });
    expect((await routeConditions('demo', 'missing'))[0].ResolvedRefs).toBe('True/ResolvedRefs');
    await create(`${G}/namespaces/demo/httproutes`, {
      metadata: { name: 'bucket' },
      spec: { parentRefs: [{ name: 'edge', sectionName: 'http' }], rules: [{ backendRefs: [{ group: 'storage.example.com', kind: 'Bucket', name: 'b' }] }] },
    });
    expect((await routeConditions('demo', 'bucket'))[0].ResolvedRefs).toBe('False/InvalidKind');
  });

  it('keeps attachedRoutes current when a route stops matching or is deleted', async () => {
    const before = (await attached('demo', 'edge')).http;
    const moved = await request(sim, 'PATCH', `${G}/namespaces/demo/httproutes/ok`, { body: { spec: { hostnames: ['app.example.org'] } }, contentType: 'application/merge-patch+json' });
    expect(moved.status, moved.text).toBe(200);
    expect((await attached('demo', 'edge')).http).toBe(before - 1);
    expect((await routeConditions('demo', 'ok'))[0].Accepted).toBe('False/NoMatchingListenerHostname');
    expect((await request(sim, 'DELETE', `${G}/namespaces/demo/httproutes/missing`)).status).toBe(200);
    expect((await attached('demo', 'edge')).http).toBe(before - 2);
  });
});

describe('validation', () => {
  it('refuses a ReferenceGrant without from/to and filters the CRD rules refuse', async () => {
    const grant = await request(sim, 'POST', `${RG}/namespaces/demo/referencegrants`, { body: { metadata: { name: 'empty' }, spec: { from: [], to: [{ kind: 'Service' }] } } });
    expect(grant.status).toBe(422);
    expect(causes(grant.body).map((c) => c.field)).toEqual(expect.arrayContaining(['spec.from', 'spec.to[0].group']));
    const both = await request(sim, 'POST', `${G}/namespaces/demo/httproutes`, {
      body: route('both', {
        rules: [
          {
            filters: [
              { type: 'RequestRedirect', requestRedirect: { scheme: 'https' } },
              { type: 'URLRewrite', urlRewrite: { hostname: 'x.example.com' } },
            ],
            backendRefs: [{ name: 'kuard', port: 80 }],
          },
        ],
      }),
    });
    expect(both.status).toBe(422);
    expect(causes(both.body).map((c) => c.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both'),
        expect.stringContaining('RequestRedirect filter must not be used together with backendRefs'),
      ]),
    );
  });
});

describe("cert-manager's gateway-shim", () => {
  it('creates one Certificate per certificateRef Secret of an annotated Gateway, owned by it, and the listener resolves once issued', async () => {
    await create(`${G}/namespaces/demo/gateways`, {
      metadata: { name: 'tls-gw', annotations: { 'cert-manager.io/issuer': 'letsencrypt-prod' } },
      spec: {
        gatewayClassName: 'gw-test',
        listeners: [
          { name: 'https', port: 443, protocol: 'HTTPS', hostname: 'shop.example.com', tls: { certificateRefs: [{ name: 'shop-tls' }] } },
          { name: 'https-www', port: 443, protocol: 'HTTPS', hostname: 'www.shop.example.com', tls: { certificateRefs: [{ name: 'shop-tls' }] } },
          { name: 'http', port: 80, protocol: 'HTTP' },
        ],
      },
    });
    const cert = await waitFor(async () => {
      const c = await request(sim, 'GET', '/apis/cert-manager.io/v1/namespaces/demo/certificates/shop-tls');
      return c.status === 200 ? c.body : undefined;
    }, 'certificate');
    expect(cert.spec).toMatchObject({
      secretName: 'shop-tls',
      dnsNames: ['shop.example.com', 'www.shop.example.com'],
      issuerRef: { name: 'letsencrypt-prod', kind: 'Issuer', group: 'cert-manager.io' },
    });
    expect(cert.metadata.ownerReferences[0]).toMatchObject({ kind: 'Gateway', name: 'tls-gw' });
    const listener = await waitFor(async () => {
      await sim.settle();
      const g = (await request(sim, 'GET', `${G}/namespaces/demo/gateways/tls-gw`)).body;
      const l = (g.status?.listeners ?? []).find((x: { name: string }) => x.name === 'https');
      return l?.conditions.find((c: Cond) => c.type === 'ResolvedRefs')?.status === 'True' ? l : undefined;
    }, 'listener refs resolved once the Secret is issued');
    expect(listener.conditions.find((c: Cond) => c.type === 'Programmed').status).toBe('True');
  });
});
