import { describe, expect, it } from 'vitest';
import { apiVersionOf, collectionPath, listPath, qualifiedName, RESOURCE_KEYS, RESOURCE_LIST, RESOURCES, resourcesFor, watchPath, watchQuery } from './resources.js';

describe('resource catalogue', () => {
  it('keys match their entries and every entry links its docs', () => {
    for (const key of RESOURCE_KEYS) {
      expect(RESOURCES[key].key).toBe(key);
      expect(RESOURCES[key].plural).toBe(key);
      expect(RESOURCES[key].docs).toMatch(/^https:\/\//);
    }
    expect(RESOURCE_LIST).toHaveLength(19);
  });

  it('has the API versions Portico reads', () => {
    expect(apiVersionOf(RESOURCES.endpointslices)).toBe('discovery.k8s.io/v1');
    expect(apiVersionOf(RESOURCES.services)).toBe('v1');
    expect(apiVersionOf(RESOURCES.httproutes)).toBe('gateway.networking.k8s.io/v1');
    expect(RESOURCES.referencegrants).toMatchObject({ version: 'v1beta1', namespaced: true, optional: 'gateway-api' });
    expect(apiVersionOf(RESOURCES.clusterissuers)).toBe('cert-manager.io/v1');
    expect(RESOURCES.ingressclasses.namespaced).toBe(false);
    expect(RESOURCES.gatewayclasses).toMatchObject({ namespaced: false, optional: 'gateway-api' });
  });

  it('filters optional features', () => {
    expect(resourcesFor({ hasGatewayApi: false, hasCertManager: false }).map((r) => r.key)).not.toContain('gateways');
    expect(resourcesFor({ hasGatewayApi: true, hasCertManager: false }).map((r) => r.key)).toContain('httproutes');
    expect(resourcesFor({ hasGatewayApi: true, hasCertManager: false }).map((r) => r.key)).not.toContain('certificates');
    expect(resourcesFor({ hasGatewayApi: true, hasCertManager: true })).toHaveLength(19);
  });

  it('names resources like RBAC does', () => {
    expect(qualifiedName(RESOURCES.services)).toBe('services');
    expect(qualifiedName(RESOURCES.gateways)).toBe('gateways.gateway.networking.k8s.io');
  });
});

describe('paths', () => {
  it('builds collection paths for core, grouped, namespaced and cluster-scoped kinds', () => {
    expect(collectionPath(RESOURCES.services)).toBe('/api/v1/services');
    expect(collectionPath(RESOURCES.services, 'shop')).toBe('/api/v1/namespaces/shop/services');
    expect(collectionPath(RESOURCES.deployments, 'shop')).toBe('/apis/apps/v1/namespaces/shop/deployments');
    expect(collectionPath(RESOURCES.nodes)).toBe('/api/v1/nodes');
    expect(() => collectionPath(RESOURCES.nodes, 'shop')).toThrow(/cluster-scoped/);
  });

  it('pages lists and keeps the TLS-only selector on Secrets', () => {
    expect(listPath(RESOURCES.services, { limit: 500 })).toBe('/api/v1/services?limit=500');
    expect(listPath(RESOURCES.ingresses, { namespace: 'web', limit: 100, continue: 'eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ==', resourceVersion: '0' })).toBe(
      '/apis/networking.k8s.io/v1/namespaces/web/ingresses?limit=100&continue=eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ%3D%3D&resourceVersion=0',
    );
    expect(listPath(RESOURCES.secrets, { limit: 1 })).toBe('/api/v1/secrets?fieldSelector=type%3Dkubernetes.io%2Ftls&limit=1');
  });

  it('builds watch paths and queries with bookmarks', () => {
    expect(watchPath(RESOURCES.gateways, { resourceVersion: '1234' })).toBe('/apis/gateway.networking.k8s.io/v1/gateways?watch=1&allowWatchBookmarks=true&resourceVersion=1234');
    expect(watchPath(RESOURCES.secrets, { namespace: 'shop', allowWatchBookmarks: false, timeoutSeconds: 300 })).toBe(
      '/api/v1/namespaces/shop/secrets?watch=1&fieldSelector=type%3Dkubernetes.io%2Ftls&allowWatchBookmarks=false&timeoutSeconds=300',
    );
    expect(watchQuery(RESOURCES.secrets, { resourceVersion: '7' })).toEqual({ fieldSelector: 'type=kubernetes.io/tls', allowWatchBookmarks: true, resourceVersion: '7' });
  });
});
