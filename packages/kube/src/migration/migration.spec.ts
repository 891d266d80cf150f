import type { V1Ingress } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { courseObject } from '../../test/course-objects.js';
import { type MigrationTarget, type ServicePorts, convertIngresses, objectsToApply } from './convert.js';
import { trafficEquivalence } from './equivalence.js';
import type { GatewayObject } from './gateway-types.js';

const services: ServicePorts[] = ['service1', 'service2', 'service3', 'web', 'api', 'fallback', 'kuard'].map((name) => ({ name, ports: [{ name: 'http', port: 8080 }] }));
const newGateway: MigrationTarget = { name: 'web', namespace: 'demo', existing: null, gatewayClassName: 'sim' };

const ingress = (name: string, spec: V1Ingress['spec'], annotations: Record<string, string> = {}): V1Ingress => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, namespace: 'demo', annotations },
  spec,
});
const path = (p: string, service: string, pathType = 'Prefix', port: { number?: number; name?: string } = { number: 80 }) => ({ path: p, pathType, backend: { service: { name: service, port } } });
const nginx = (key: string, value: string) => ({ [`nginx.ingress.kubernetes.io/${key}`]: value });

function migrate(ingresses: V1Ingress[], target = newGateway) {
  const result = convertIngresses(ingresses, services, target);
  return { ...result, rows: trafficEquivalence(ingresses, services, result) };
}

describe('Ingress → Gateway API', () => {
  it('the course ingress-wildcard-host: one HTTP listener, one route per host, every path equal', () => {
    const m = migrate([courseObject('Ingress', 'ingress-wildcard-host')]);
    expect(m.gateway.spec.listeners).toEqual([{ name: 'http', port: 80, protocol: 'HTTP' }]);
    expect(m.addedListeners.map((l) => l.name)).toEqual(['http']);
    expect(m.httpRoutes.map((r) => [r.metadata.name, r.spec.hostnames, r.spec.parentRefs])).toEqual([
      ['ingress-wildcard-host-domain1-bar-com', ['domain1.bar.com'], [{ name: 'web', sectionName: 'http' }]],
      ['ingress-wildcard-host-domain2-foo-com', ['domain2.foo.com'], [{ name: 'web', sectionName: 'http' }]],
    ]);
    expect(m.httpRoutes[0].spec.rules).toEqual([
      { matches: [{ path: { type: 'PathPrefix', value: '/bar' } }], backendRefs: [{ name: 'service1', port: 80 }] },
      { matches: [{ path: { type: 'PathPrefix', value: '/foo' } }], backendRefs: [{ name: 'service2', port: 80 }] },
    ]);
    expect(m.notTranslated).toEqual([]);
    expect(m.rows.map((r) => [r.host, r.path, r.verdict])).toEqual([
      ['domain1.bar.com', '/bar', 'equal'],
      ['domain1.bar.com', '/foo', 'equal'],
      ['domain2.foo.com', '/', 'equal'],
    ]);
    expect(m.rows[0].probes).toEqual([
      { request: 'http://domain1.bar.com/bar', before: 'service1:80 /bar', after: 'service1:80 /bar' },
      { request: 'http://domain1.bar.com/bar/sub', before: 'service1:80 /bar/sub', after: 'service1:80 /bar/sub' },
    ]);
  });

  it('TLS: an HTTPS listener per TLS host with its Secret, HTTP redirected to HTTPS (ingress-nginx’s default), issuer annotation carried to the Gateway', () => {
    const m = migrate([courseObject('Ingress', 'kuard')]);
    expect(m.addedListeners).toEqual([
      { name: 'http', port: 80, protocol: 'HTTP' },
      {
        name: 'https-example-example-com',
        hostname: 'example.example.com',
        port: 443,
        protocol: 'HTTPS',
        tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'quickstart-example-tls' }] },
      },
    ]);
    expect(m.gateway.metadata.annotations).toEqual({ 'cert-manager.io/issuer': 'letsencrypt-prod' });
    const [https, http] = m.httpRoutes;
    expect(https.spec.parentRefs).toEqual([{ name: 'web', sectionName: 'https-example-example-com' }]);
    expect(https.spec.rules[0].backendRefs).toEqual([{ name: 'kuard', port: 80 }]);
    expect(http.metadata.name).toBe('kuard-example-example-com-http');
    expect(http.spec.rules[0].filters).toEqual([{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 308 } }]);
    expect(m.rows.map((r) => [r.scheme, r.verdict, r.probes[0].after])).toEqual([
      ['http', 'equal', '308 → https://example.example.com/'],
      ['https', 'equal', 'kuard:80 /'],
    ]);
    expect(m.notTranslated).toEqual([]);
  });

  it('ssl-redirect "false" serves both listeners from one route', () => {
    const m = migrate([
      ingress('shop', { tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], rules: [{ host: 'shop.example.com', http: { paths: [path('/', 'web')] } }] }, nginx('ssl-redirect', 'false')),
    ]);
    expect(m.httpRoutes).toHaveLength(1);
    expect(m.httpRoutes[0].spec.parentRefs.map((p) => p.sectionName)).toEqual(['http', 'https-shop-example-com']);
    expect(m.rows.every((r) => r.verdict === 'equal')).toBe(true);
  });

  it('multi-host with a wildcard host, named ports looked up on the Service, a default backend for unknown hosts and unmatched paths', () => {
    const m = migrate([
      ingress('multi', {
        defaultBackend: { service: { name: 'fallback', port: { name: 'http' } } },
        rules: [
          { host: '*.apps.example.com', http: { paths: [path('/', 'web', 'Prefix', { name: 'http' })] } },
          { host: 'api.example.com', http: { paths: [path('/v1', 'api', 'Exact'), path('/v2', 'api')] } },
        ],
      }),
    ]);
    expect(m.httpRoutes.map((r) => [r.metadata.name, r.spec.hostnames])).toEqual([
      ['multi-wildcard-apps-example-com', ['*.apps.example.com']],
      ['multi-api-example-com', ['api.example.com']],
      ['multi-any-host', undefined],
    ]);
    expect(m.httpRoutes[0].spec.rules[0].backendRefs).toEqual([{ name: 'web', port: 8080 }]);
    // The API host keeps its own fallback to the default backend, as ingress-nginx's server for it does.
    expect(m.httpRoutes[1].spec.rules.at(-1)).toEqual({ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'fallback', port: 8080 }] });
    expect(m.httpRoutes[2].spec.rules).toEqual([{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'fallback', port: 8080 }] }]);
    const v1 = m.rows.find((r) => r.path === '/v1')!;
    expect(v1.probes).toEqual([{ request: 'http://api.example.com/v1', before: 'api:80 /v1', after: 'api:80 /v1' }]);
    expect(m.rows.find((r) => r.host === '*.apps.example.com')!.probes[0]).toEqual({ request: 'http://a.apps.example.com/', before: 'web:8080 /', after: 'web:8080 /' });
    expect(m.rows.filter((r) => r.pathType === 'default backend').map((r) => [r.host, r.probes[0].after, r.verdict])).toEqual([
      ['*.apps.example.com', 'web:8080 /no-rule-matches-this', 'equal'],
      ['api.example.com', 'fallback:8080 /no-rule-matches-this', 'equal'],
      ['', 'fallback:8080 /', 'equal'],
    ]);
    expect(m.notTranslated).toEqual([]);
  });

  it('ImplementationSpecific becomes PathPrefix and the table says where ingress-nginx’s string prefix differed', () => {
    const m = migrate([ingress('legacy', { rules: [{ host: 'old.example.com', http: { paths: [path('/app', 'web', 'ImplementationSpecific')] } }] })]);
    expect(m.httpRoutes[0].spec.rules[0].matches).toEqual([{ path: { type: 'PathPrefix', value: '/app' } }]);
    const row = m.rows[0];
    expect(row.verdict).toBe('changed');
    expect(row.probes[2]).toEqual({ request: 'http://old.example.com/appx', before: 'web:80 /appx', after: '404' });
  });

  it('rewrite-target: the prefix-stripping idiom becomes ReplacePrefixMatch, a plain target ReplaceFullPath, other captures are listed', () => {
    const strip = migrate([
      ingress(
        'strip',
        { rules: [{ host: 'r.example.com', http: { paths: [path('/api(/|$)(.*)', 'api', 'ImplementationSpecific')] } }] },
        { ...nginx('rewrite-target', '/$2'), ...nginx('use-regex', 'true') },
      ),
    ]);
    expect(strip.httpRoutes[0].spec.rules[0]).toEqual({
      matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
      filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }],
      backendRefs: [{ name: 'api', port: 80 }],
    });
    expect(strip.rows[0].probes.slice(0, 2)).toEqual([
      { request: 'http://r.example.com/api', before: 'api:80 /', after: 'api:80 /' },
      { request: 'http://r.example.com/api/sub', before: 'api:80 /sub', after: 'api:80 /sub' },
    ]);

    const full = migrate([ingress('full', { rules: [{ host: 'f.example.com', http: { paths: [path('/old', 'web')] } }] }, nginx('rewrite-target', '/'))]);
    expect(full.httpRoutes[0].spec.rules[0].filters).toEqual([{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceFullPath', replaceFullPath: '/' } } }]);
    expect(full.rows[0].probes[1]).toEqual({ request: 'http://f.example.com/old/sub', before: 'web:80 /', after: 'web:80 /' });

    const other = migrate([ingress('other', { rules: [{ host: 'o.example.com', http: { paths: [path('/u/(\\d+)/(.*)', 'web', 'ImplementationSpecific')] } }] }, nginx('rewrite-target', '/users/$1'))]);
    expect(other.httpRoutes).toEqual([]);
    expect(other.notTranslated).toEqual([{ ingress: 'other', field: 'spec.rules[0].http.paths[0].path', reason: expect.stringMatching(/regular-expression path/) as string }]);
    expect(other.rows[0].verdict).toBe('lost');
  });

  it('permanent-redirect, temporal-redirect and app-root become RequestRedirect filters with the same status and location', () => {
    const m = migrate([
      ingress('moved', { rules: [{ host: 'old.example.com', http: { paths: [path('/', 'web')] } }] }, nginx('permanent-redirect', 'https://new.example.com/welcome')),
      ingress(
        'tmp',
        { rules: [{ host: 'tmp.example.com', http: { paths: [path('/', 'web')] } }] },
        { ...nginx('temporal-redirect', 'http://maint.example.com:8080/'), ...nginx('temporal-redirect-code', '307') },
      ),
      ingress('root', { rules: [{ host: 'app.example.com', http: { paths: [path('/', 'web')] } }] }, nginx('app-root', '/dashboard')),
    ]);
    const [moved, root, tmp] = m.httpRoutes;
    expect(moved.spec.rules[0].filters).toEqual([
      { type: 'RequestRedirect', requestRedirect: { scheme: 'https', hostname: 'new.example.com', path: { type: 'ReplaceFullPath', replaceFullPath: '/welcome' }, statusCode: 301 } },
    ]);
    expect(tmp.spec.rules[0].filters).toEqual([
      { type: 'RequestRedirect', requestRedirect: { scheme: 'http', hostname: 'maint.example.com', port: 8080, path: { type: 'ReplaceFullPath', replaceFullPath: '/' }, statusCode: 307 } },
    ]);
    expect(root.spec.rules[0]).toEqual({
      matches: [{ path: { type: 'Exact', value: '/' } }],
      filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: '/dashboard' }, statusCode: 302 } }],
    });
    expect(m.rows.map((r) => [r.ingress, r.pathType, r.verdict, r.probes[0].after])).toEqual([
      ['moved', 'Prefix', 'equal', '301 → https://new.example.com/welcome'],
      ['root', 'Prefix', 'equal', '302 → http://app.example.com/dashboard'],
      ['root', 'app-root', 'equal', '302 → http://app.example.com/dashboard'],
      ['tmp', 'Prefix', 'equal', '307 → http://maint.example.com:8080/'],
    ]);
  });

  it('lists what it does not translate: unsupported annotations, other tools’ annotations, a redirect with a query, a missing named port', () => {
    const m = migrate([
      ingress(
        'odd',
        { rules: [{ host: 'odd.example.com', http: { paths: [path('/', 'web'), path('/x', 'ghost', 'Prefix', { name: 'http' })] } }] },
        { ...nginx('enable-cors', 'true'), ...nginx('canary', 'true'), ...nginx('proxy-body-size', '8m'), ...nginx('whatever', '1'), 'external-dns.alpha.kubernetes.io/hostname': 'odd.example.com' },
      ),
      ingress('q', { rules: [{ host: 'q.example.com', http: { paths: [path('/', 'web')] } }] }, nginx('permanent-redirect', 'https://x.example.com/?a=1')),
    ]);
    expect(m.notTranslated.map((n) => [n.ingress, n.field])).toEqual([
      ['odd', 'metadata.annotations["nginx.ingress.kubernetes.io/enable-cors"]'],
      ['odd', 'metadata.annotations["nginx.ingress.kubernetes.io/canary"]'],
      ['odd', 'metadata.annotations["nginx.ingress.kubernetes.io/proxy-body-size"]'],
      ['odd', 'metadata.annotations["nginx.ingress.kubernetes.io/whatever"]'],
      ['odd', 'metadata.annotations["external-dns.alpha.kubernetes.io/hostname"]'],
      ['odd', 'spec.rules[0].http.paths[1].backend'],
      ['q', 'metadata.annotations["nginx.ingress.kubernetes.io/permanent-redirect"]'],
    ]);
    expect(m.notTranslated[1].reason).toMatch(/canary/);
    expect(m.notTranslated[5].reason).toBe('Service ghost does not exist, so its port http cannot be turned into a number');
    expect(m.notTranslated[6].reason).toMatch(/query/);
    // The untranslated backend's path now falls through to `/`: the table says so rather than hiding it.
    expect(m.rows.find((r) => r.path === '/x')).toMatchObject({ verdict: 'changed', probes: [{ before: 'ghost:http /x', after: 'web:80 /x' }, expect.anything()] });
  });

  it('an existing Gateway: reuses a listener that already serves the host, adds only what is missing, keeps the others', () => {
    const existing: GatewayObject = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'shared', namespace: 'infra' },
      spec: {
        gatewayClassName: 'envoy',
        listeners: [
          { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } },
          {
            name: 'https-wild',
            hostname: '*.example.com',
            port: 443,
            protocol: 'HTTPS',
            tls: { mode: 'Terminate', certificateRefs: [{ name: 'wild' }] },
            allowedRoutes: { namespaces: { from: 'All' } },
          },
        ],
      },
    };
    const m = migrate(
      [
        ingress('two', {
          tls: [
            { hosts: ['a.example.com'], secretName: 'a-tls' },
            { hosts: ['other.org'], secretName: 'org-tls' },
          ],
          rules: [
            { host: 'a.example.com', http: { paths: [path('/', 'web')] } },
            { host: 'other.org', http: { paths: [path('/', 'web')] } },
          ],
        }),
      ],
      { name: 'shared', namespace: 'infra', existing, gatewayClassName: 'ignored' },
    );
    expect(m.addedListeners).toEqual([
      {
        name: 'https-other-org',
        hostname: 'other.org',
        port: 443,
        protocol: 'HTTPS',
        tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'org-tls', namespace: 'demo' }] },
        allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': 'demo' } } } },
      },
    ]);
    expect(m.gateway.spec.gatewayClassName).toBe('envoy');
    expect(m.gateway.spec.listeners.map((l) => l.name)).toEqual(['http', 'https-wild', 'https-other-org']);
    expect(m.httpRoutes[0].spec.parentRefs).toEqual([{ name: 'shared', sectionName: 'https-wild', namespace: 'infra' }]);
    expect(m.rows.every((r) => r.verdict === 'equal')).toBe(true);
  });

  it('a listener that only admits its own namespace loses the traffic, and the table shows it', () => {
    const existing: GatewayObject = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'private', namespace: 'infra' },
      spec: { gatewayClassName: 'envoy', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
    };
    const m = migrate([ingress('p', { rules: [{ host: 'p.example.com', http: { paths: [path('/', 'web')] } }] })], { name: 'private', namespace: 'infra', existing, gatewayClassName: 'x' });
    expect(m.addedListeners).toEqual([]);
    // Nothing to add: the batch leaves the Gateway alone.
    expect(objectsToApply(m, { name: 'private', namespace: 'infra', existing, gatewayClassName: 'x' }).map((o) => o.kind)).toEqual(['HTTPRoute']);
    expect(m.rows[0]).toMatchObject({ verdict: 'lost', probes: [{ before: 'web:80 /', after: '404' }, expect.anything()] });
  });

  it('every Ingress of a class: hosts shared by two Ingresses merge into one route in ingress-nginx’s order (oldest first)', () => {
    const older = ingress('a-older', { rules: [{ host: 'm.example.com', http: { paths: [path('/one', 'web')] } }] });
    older.metadata!.creationTimestamp = new Date('2026-01-01T00:00:00Z');
    const newer = ingress('b-newer', { rules: [{ host: 'm.example.com', http: { paths: [path('/one', 'api'), path('/two', 'api')] } }] });
    newer.metadata!.creationTimestamp = new Date('2026-02-01T00:00:00Z');
    const m = migrate([newer, older]);
    expect(m.httpRoutes).toHaveLength(1);
    expect(m.httpRoutes[0].metadata).toMatchObject({ name: 'a-older-m-example-com', annotations: { 'portico.dev/migrated-from': 'a-older,b-newer' } });
    // The same path twice: ingress-nginx keeps the older Ingress's; Gateway API's tie-break (route, then rule order) gives the same.
    expect(m.rows.filter((r) => r.path === '/one').map((r) => [r.ingress, r.probes[0].before, r.probes[0].after])).toEqual([
      ['a-older', 'web:80 /one', 'web:80 /one'],
      ['b-newer', 'web:80 /one', 'web:80 /one'],
    ]);
  });

  it('splits a host with more than 16 paths over several routes (the CRD’s maxItems)', () => {
    const paths = Array.from({ length: 20 }, (_, i) => path(`/p${i}`, 'web'));
    const m = migrate([ingress('many', { rules: [{ host: 'many.example.com', http: { paths } }] })]);
    expect(m.httpRoutes.map((r) => [r.metadata.name, r.spec.rules.length])).toEqual([
      ['many-many-example-com', 16],
      ['many-many-example-com-2', 4],
    ]);
    expect(m.rows.every((r) => r.verdict === 'equal')).toBe(true);
  });
});
