import { describe, expect, it } from 'vitest';
import { httpRouteBackendRefs, httpRouteGateways, httpRouteHostnames, httpRouteParentRefs, httpRouteServices } from './httproute.js';

// After the Gateway API documentation's traffic-splitting example, with references the
// inventory must not follow (another group, another kind).
const route = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'store-route', namespace: 'shop' },
  spec: {
    parentRefs: [{ name: 'edge', namespace: 'infra', sectionName: 'http' }, { name: 'local-gw' }, { group: 'example.com', kind: 'Mesh', name: 'mesh' }],
    hostnames: ['store.example.com'],
    rules: [
      {
        backendRefs: [
          { name: 'store-v1', port: 8080, weight: 90 },
          { name: 'store-v2', port: 8080, weight: 10 },
        ],
      },
      {
        backendRefs: [
          { name: 'other', namespace: 'billing', port: 80 },
          { group: 'example.com', kind: 'Bucket', name: 'assets' },
        ],
      },
    ],
  },
};

describe('HTTPRoute readers', () => {
  it('read hostnames and references as written', () => {
    expect(httpRouteHostnames(route)).toEqual(['store.example.com']);
    expect(httpRouteParentRefs(route).map((p) => [p.name, p.namespace ?? null, p.sectionName ?? null])).toEqual([
      ['edge', 'infra', 'http'],
      ['local-gw', null, null],
      ['mesh', null, null],
    ]);
    expect(httpRouteBackendRefs(route).map((b) => [b.name, b.port ?? null, b.weight])).toEqual([
      ['store-v1', 8080, 90],
      ['store-v2', 8080, 10],
      ['other', 80, 1],
      ['assets', null, 1],
    ]);
  });

  it('follow only Gateway parents and core Service backends, in the route namespace unless named', () => {
    expect(httpRouteGateways(route)).toEqual([
      { namespace: 'infra', name: 'edge' },
      { namespace: 'shop', name: 'local-gw' },
    ]);
    expect(httpRouteServices(route)).toEqual([
      { namespace: 'shop', name: 'store-v1' },
      { namespace: 'shop', name: 'store-v2' },
      { namespace: 'billing', name: 'other' },
    ]);
    expect(httpRouteGateways(route, 'elsewhere')[1]).toEqual({ namespace: 'elsewhere', name: 'local-gw' });
  });

  it('read malformed fields as absent', () => {
    const bad = { metadata: 'x', spec: { hostnames: [1, '', 'a.example.com'], parentRefs: [null, { name: 3 }], rules: ['x', { backendRefs: [null, { name: 'svc', weight: 'w', port: '80' }] }] } };
    expect(httpRouteHostnames(bad)).toEqual(['a.example.com']);
    expect(httpRouteGateways(bad)).toEqual([]);
    expect(httpRouteServices(bad)).toEqual([{ namespace: '', name: 'svc' }]);
    expect(httpRouteBackendRefs(bad).map((b) => b.weight)).toEqual([1, 1]);
  });
});
