import type { TIngressRequest } from '@portico/contracts';
import { describe, expect, it } from 'vitest';
import { type IngressFacts, ingressWarnings, sanCovers } from './ingress-warnings.js';

const request: TIngressRequest = {
  type: 'ingress',
  namespace: 'shop',
  name: 'web',
  ingressClassName: 'nginx',
  rules: [{ host: 'shop.example.com', paths: [{ path: '/api', pathType: 'Prefix', backend: { service: 'web', port: 80 } }] }],
};
const facts = (over: Partial<IngressFacts> = {}): IngressFacts => ({
  sameHosts: [],
  services: [{ kind: 'Service', namespace: 'shop', name: 'web', body: { spec: { ports: [{ port: 80 }] } } }],
  ingressClasses: [{ kind: 'IngressClass', namespace: '', name: 'nginx', body: { spec: { controller: 'k8s.io/ingress-nginx' } } }],
  classIngresses: [],
  workloads: [
    {
      kind: 'Deployment',
      namespace: 'ingress-nginx',
      name: 'ingress-nginx-controller',
      body: { spec: { template: { spec: { containers: [{ name: 'c', image: 'registry.k8s.io/ingress-nginx/controller:v1.12.0' }] } } } },
    },
  ],
  tlsSecrets: [],
  issuer: null,
  now: new Date('2026-11-30T00:00:00Z'),
  ...over,
});

describe('ingressWarnings', () => {
  it('none when the class runs (its controller image is deployed) and the backend exists', () => {
    expect(ingressWarnings(request, facts())).toEqual([]);
  });

  it('an HTTPRoute serving the same host and path (a rule without matches serves /)', () => {
    const route = { kind: 'HTTPRoute', namespace: 'shop', name: 'api', body: { spec: { hostnames: ['shop.example.com'], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/api' } }] }] } } };
    const other = { kind: 'HTTPRoute', namespace: 'shop', name: 'all', body: { spec: { hostnames: ['shop.example.com'], rules: [{}] } } };
    const warnings = ingressWarnings(request, facts({ sameHosts: [route, other] }));
    expect(warnings.map((w) => [w.code, w.message])).toEqual([['host_path_taken', 'shop.example.com/api is already served by HTTPRoute shop/api (Gateway API)']]);
  });

  it('an IngressClass with no controller image and no addressed Ingress is unserved', () => {
    expect(ingressWarnings(request, facts({ workloads: [] })).map((w) => w.code)).toEqual(['ingress_class_unserved']);
    const addressed = { kind: 'Ingress', namespace: 'x', name: 'y', body: { spec: { ingressClassName: 'nginx' }, status: { loadBalancer: { ingress: [{ ip: '10.0.0.1' }] } } } };
    expect(ingressWarnings(request, facts({ workloads: [], classIngresses: [addressed] }))).toEqual([]);
  });

  it('an expired certificate in the chosen Secret', () => {
    const secret = { kind: 'Secret', namespace: 'shop', name: 'shop-tls', body: { certificate: { dnsNames: ['*.example.com'], notAfter: '2026-11-01T00:00:00Z' } } };
    const warnings = ingressWarnings({ ...request, tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }] }, facts({ tlsSecrets: [secret] }));
    expect(warnings.map((w) => w.message)).toEqual(["Secret shop-tls's certificate has expired (SANs: *.example.com; expires 2026-11-01)"]);
  });
});

describe('sanCovers', () => {
  it.each([
    ['shop.example.com', 'shop.example.com', true],
    ['*.example.com', 'shop.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', '*.example.com', true],
    ['example.com', 'shop.example.com', false],
  ])('%s covers %s: %s', (san, host, covers) => {
    expect(sanCovers(san, host)).toBe(covers);
  });
});
