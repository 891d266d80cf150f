import { describe, expect, it } from 'vitest';
import { crossNamespaceRefs, inverseRelation, referencesOf } from './references.js';

const ingress = {
  resource: 'ingresses',
  namespace: 'demo',
  // The course's cert-manager Ingress: legacy class annotation, a TLS Secret, one backend.
  body: {
    metadata: { annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
    spec: {
      tls: [{ hosts: ['example.example.com'], secretName: 'quickstart-example-tls' }],
      rules: [{ http: { paths: [{ path: '/', backend: { service: { name: 'kuard', port: { number: 80 } } } }] } }],
    },
  },
};

describe('references between synced objects', () => {
  it('read an Ingress: its Services, its TLS Secrets and its class', () => {
    expect(referencesOf(ingress)).toEqual([
      { resource: 'services', kind: 'Service', namespace: 'demo', name: 'kuard', relation: 'backend' },
      { resource: 'secrets', kind: 'Secret', namespace: 'demo', name: 'quickstart-example-tls', relation: 'tls-secret' },
      { resource: 'ingressclasses', kind: 'IngressClass', namespace: '', name: 'nginx', relation: 'class' },
    ]);
  });

  it('read a cert-manager Certificate (issuer kind defaults to Issuer, namespaced) and a Secret it fills', () => {
    const certificate = { resource: 'certificates', namespace: 'demo', body: { spec: { secretName: 'tls', issuerRef: { name: 'letsencrypt-prod' } } } };
    expect(referencesOf(certificate).map((r) => `${r.relation} ${r.kind} ${r.namespace}/${r.name}`)).toEqual(['secret Secret demo/tls', 'issuer Issuer demo/letsencrypt-prod']);
    const secret = { resource: 'secrets', namespace: 'demo', body: { metadata: { annotations: { 'cert-manager.io/certificate-name': 'tls' } } } };
    expect(referencesOf(secret)).toEqual([{ resource: 'certificates', kind: 'Certificate', namespace: 'demo', name: 'tls', relation: 'certificate' }]);
  });

  it('see a relation from the other side only when a reference really names the object', () => {
    expect(inverseRelation(ingress, { resource: 'services', namespace: 'demo', name: 'kuard' })).toBe('routed-from');
    expect(inverseRelation(ingress, { resource: 'secrets', namespace: 'demo', name: 'quickstart-example-tls' })).toBe('tls-for');
    expect(inverseRelation(ingress, { resource: 'ingressclasses', namespace: '', name: 'nginx' })).toBe('class-of');
    // Same name, another namespace or kind: not related.
    expect(inverseRelation(ingress, { resource: 'services', namespace: 'other', name: 'kuard' })).toBeNull();
    expect(inverseRelation(ingress, { resource: 'gateways', namespace: 'demo', name: 'kuard' })).toBeNull();
  });

  it("read a ReferenceGrant's named Services and Secrets, and the references of a route or Gateway that need one", () => {
    const grant = {
      resource: 'referencegrants',
      namespace: 'demo',
      body: {
        spec: {
          to: [
            { group: '', kind: 'Service', name: 'kuard' },
            { group: '', kind: 'Secret' },
            { group: 'x.io', kind: 'Service', name: 'y' },
          ],
        },
      },
    };
    expect(referencesOf(grant)).toEqual([{ resource: 'services', kind: 'Service', namespace: 'demo', name: 'kuard', relation: 'grants' }]);
    expect(inverseRelation(grant, { resource: 'services', namespace: 'demo', name: 'kuard' })).toBe('granted-by');

    const route = {
      resource: 'httproutes',
      namespace: 'shop',
      body: { spec: { parentRefs: [{ name: 'edge', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'web' }, { name: 'kuard', namespace: 'demo' }] }] } },
    };
    expect(crossNamespaceRefs(route)).toEqual([
      { from: { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }, to: { group: '', kind: 'Service', namespace: 'demo', name: 'kuard' } },
    ]);
    expect(crossNamespaceRefs(ingress)).toEqual([]);
  });
});
