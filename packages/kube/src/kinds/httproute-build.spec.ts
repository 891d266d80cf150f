import { describe, expect, it } from 'vitest';
import { hostnamesMeet } from '../changes/gateway-warnings.js';
import { backendGrantRequest, gatewayApiFields, gatewayListenersManifest, httpRouteManifest } from './httproute-build.js';

describe('httpRouteManifest', () => {
  it('spells the API’s defaults out and nests each filter’s settings under its type', () => {
    const m = httpRouteManifest({
      type: 'httpRoute',
      namespace: 'shop',
      name: 'r',
      parentRefs: [{ name: 'web', sectionName: 'https' }],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/v1' } }],
          filters: [{ type: 'URLRewrite', path: { type: 'ReplacePrefixMatch', value: '/v2' } }],
          backendRefs: [{ name: 'api', port: 80, weight: 90 }],
        },
        { filters: [{ type: 'RequestRedirect', scheme: 'https', statusCode: 301 }] },
      ],
    });
    expect(m.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'web', sectionName: 'https' }]);
    expect(m.spec.rules[0].filters).toEqual([{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } }]);
    expect(m.spec.rules[0].backendRefs).toEqual([{ group: '', kind: 'Service', name: 'api', port: 80, weight: 90 }]);
    expect(m.spec.rules[1]).toEqual({ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] });
    expect(m.spec).not.toHaveProperty('hostnames');
  });

  it('puts a Gateway’s TLS and cert-manager issuer where the API and cert-manager read them', () => {
    const gw = gatewayListenersManifest(
      {
        type: 'gatewayListeners',
        namespace: 'shop',
        name: 'web',
        listeners: [{ name: 'https', protocol: 'HTTPS', port: 443, hostname: 'a.example.com', certificateRefs: [{ name: 'a-tls' }], allowedRoutes: { from: 'Selector', selector: { team: 'a' } } }],
        certManager: { issuer: 'le', kind: 'ClusterIssuer' },
      },
      'eg',
    );
    expect(gw.metadata?.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'le' });
    expect(gw.spec).toEqual({
      gatewayClassName: 'eg',
      listeners: [
        {
          name: 'https',
          protocol: 'HTTPS',
          port: 443,
          hostname: 'a.example.com',
          tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: 'a-tls' }] },
          allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'a' } } } },
        },
      ],
    });
  });

  it('names the ReferenceGrant after what it grants', () => {
    expect(backendGrantRequest('shop', 'infra', 'db')).toMatchObject({ namespace: 'infra', name: 'httproutes-from-shop-to-db', to: [{ group: '', kind: 'Service', name: 'db' }] });
  });
});

describe('gatewayApiFields', () => {
  it.each([
    ['spec.hostnames[0]', 'change.hostnames.0'],
    ['spec.rules[0].matches[1].path', 'change.rules.0.matches.1.path'],
    ['spec.rules[2].filters[0].requestRedirect.statusCode', 'change.rules.2.filters.0.statusCode'],
    ['spec.rules[0].filters[1].urlRewrite.hostname', 'change.rules.0.filters.1.hostname'],
    ['spec.listeners[1].tls', 'change.listeners.1.certificateRefs'],
    ['spec.listeners[1].tls.certificateRefs[0].name', 'change.listeners.1.certificateRefs'],
    ['spec.listeners[0].allowedRoutes.namespaces.from', 'change.listeners.0.allowedRoutes.from'],
    ['metadata.name', 'change.name'],
    ['metadata.annotations', 'change'],
    ['<nil>', 'change'],
  ])('%s → %s', (api, request) => {
    expect(gatewayApiFields(api)).toBe(request);
  });
});

describe('hostnamesMeet (Gateway API hostname intersection)', () => {
  it.each([
    ['a.example.com', 'a.example.com', true],
    ['a.example.com', 'b.example.com', false],
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'a.b.example.com', true],
    ['*.example.com', 'example.com', false],
    ['a.example.com', '*.example.com', true],
    ['*.example.com', '*.b.example.com', true],
    ['*.a.example.com', '*.b.example.com', false],
    [null, 'a.example.org', true],
    ['a.example.com', undefined, true],
  ])('%s ∩ %s = %s', (a, b, meet) => {
    expect(hostnamesMeet(a, b)).toBe(meet);
  });
});
