import { ZIngressRequest } from '@portico/contracts';
import { describe, expect, it } from 'vitest';
import { emptyIngressValues, ingressRequestOf, ingressValuesOf } from './ingress-values';

const kuard = {
  metadata: { name: 'kuard', annotations: { 'kubernetes.io/ingress.class': 'nginx', 'cert-manager.io/issuer': 'letsencrypt-prod' } },
  spec: {
    tls: [{ hosts: ['example.example.com'], secretName: 'quickstart-example-tls' }],
    rules: [{ host: 'example.example.com', http: { paths: [{ path: '/', pathType: 'Exact', backend: { service: { name: 'kuard', port: { number: 80 } } } }] } }],
  },
};

describe('ingress values', () => {
  it('an Ingress read into the form and sent back is the request that recreates it (the issuer annotation becomes the issuer choice)', () => {
    const values = ingressValuesOf(kuard);
    expect(values.tlsMode).toBe('issuer');
    expect(values.issuer).toBe('Issuer/letsencrypt-prod');
    const request = ingressRequestOf(values, 'demo');
    expect(request).toEqual({
      type: 'ingress',
      namespace: 'demo',
      name: 'kuard',
      annotations: { 'kubernetes.io/ingress.class': 'nginx' },
      rules: [{ host: 'example.example.com', paths: [{ path: '/', pathType: 'Exact', backend: { service: 'kuard', port: 80 } }] }],
      tls: [{ hosts: ['example.example.com'], secretName: 'quickstart-example-tls' }],
      issuer: { kind: 'Issuer', name: 'letsencrypt-prod' },
    });
    expect(ZIngressRequest.safeParse(request).success).toBe(true);
  });

  it('a port typed as a word goes as a port name, so the contract names the field when it is not one', () => {
    const v = emptyIngressValues();
    v.name = 'web';
    v.rules = [{ host: 'a.example.com', paths: [{ path: '/', pathType: 'Prefix', service: 'web', port: 'HTTP' }] }];
    const parsed = ZIngressRequest.safeParse(ingressRequestOf(v, 'demo'));
    expect(parsed.success).toBe(false);
    expect([...new Set(parsed.error?.issues.map((i) => i.path.join('.')))]).toEqual(['rules.0.paths.0.backend.port']);
  });

  it('no TLS block when TLS is off, even with entries typed earlier', () => {
    const v = { ...emptyIngressValues(), name: 'web', tls: [{ hosts: 'a.example.com', secretName: 'x' }] };
    expect(ingressRequestOf(v, 'demo').tls).toBeUndefined();
  });
});
