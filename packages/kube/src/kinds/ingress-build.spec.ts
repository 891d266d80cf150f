import { describe, expect, it } from 'vitest';
import { ingressFormField, ingressManifest } from './ingress-build.js';

describe('ingressManifest', () => {
  it('renders backends by number and by name, TLS, the class and the issuer annotation beside the request’s own', () => {
    const ing = ingressManifest({
      type: 'ingress',
      namespace: 'demo',
      name: 'shop',
      ingressClassName: 'nginx',
      annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' },
      issuer: { kind: 'ClusterIssuer', name: 'letsencrypt-prod' },
      defaultBackend: { service: 'fallback', port: 'http' },
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
      rules: [
        {
          host: 'shop.example.com',
          paths: [
            { path: '/', pathType: 'Prefix', backend: { service: 'web', port: 80 } },
            { pathType: 'ImplementationSpecific', backend: { service: 'web', port: 'http' } },
          ],
        },
      ],
    });
    expect(ing).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'shop', namespace: 'demo', annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true', 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' } },
      spec: {
        ingressClassName: 'nginx',
        defaultBackend: { service: { name: 'fallback', port: { name: 'http' } } },
        tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
        rules: [
          {
            host: 'shop.example.com',
            http: {
              paths: [
                { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
                { pathType: 'ImplementationSpecific', backend: { service: { name: 'web', port: { name: 'http' } } } },
              ],
            },
          },
        ],
      },
    });
  });

  it('sends no empty fields (the apiserver drops them, and a diff would show noise)', () => {
    const ing = ingressManifest({ type: 'ingress', namespace: 'demo', name: 'd', labels: {}, rules: [], defaultBackend: { service: 'web', port: 80 }, tls: [] });
    expect(ing.metadata).toEqual({ name: 'd', namespace: 'demo' });
    expect(Object.keys(ing.spec!)).toEqual(['defaultBackend']);
  });
});

describe('ingressFormField', () => {
  it.each([
    ['spec.rules[0].host', 'change.rules.0.host'],
    ['spec.rules[2].http.paths[1].path', 'change.rules.2.paths.1.path'],
    ['spec.rules[0].http.paths', 'change.rules.0.paths'],
    ['spec.rules[0].http.paths[0].backend.service.name', 'change.rules.0.paths.0.backend.service'],
    ['spec.rules[0].http.paths[0].backend.service.port.number', 'change.rules.0.paths.0.backend.port'],
    ['spec.rules[0].http.paths[0].backend.service.port.name', 'change.rules.0.paths.0.backend.port'],
    ['spec.rules[0].http.paths[0].backend', 'change.rules.0.paths.0.backend'],
    ['spec.defaultBackend.service.name', 'change.defaultBackend.service'],
    ['spec.tls[1].hosts[0]', 'change.tls.1.hosts.0'],
    ['spec.tls[0].secretName', 'change.tls.0.secretName'],
    ['spec.ingressClassName', 'change.ingressClassName'],
    ['spec', 'change.rules'],
    ['annotations.kubernetes.io/ingress.class', 'change.annotations'],
    ['metadata.annotations', 'change.annotations'],
    ['metadata.name', 'change.name'],
    ['metadata.finalizers', 'change'],
  ])('%s → %s', (api, field) => {
    expect(ingressFormField(api)).toBe(field);
  });
});
