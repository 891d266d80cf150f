/** The simulated cert-manager: real X.509 from the simulator's CA, renewals on the simulated clock. */
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type KubeObject, type Simulator } from '../src/index.js';
import { request, waitFor } from './helpers.js';

const HOUR = 3600_000;
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'course' });
});
afterAll(async () => {
  await sim?.close();
});

function tlsCert(secret: KubeObject | undefined): X509Certificate {
  const data = secret?.data as Record<string, string> | undefined;
  if (!data?.['tls.crt']) throw new Error('no tls.crt');
  return new X509Certificate(Buffer.from(data['tls.crt'], 'base64'));
}

interface CertStatus {
  conditions?: { type: string; status: string }[];
  notBefore?: string;
  notAfter?: string;
  renewalTime?: string;
  revision?: number;
}
const status = (ns: string, name: string) => sim.objects.get('cert-manager.io/v1', 'Certificate', ns, name)?.status as CertStatus | undefined;

describe('cert-manager', () => {
  it('issues the course Ingress certificate into its TLS Secret', async () => {
    await sim.settle();
    const cert = sim.objects.get('cert-manager.io/v1', 'Certificate', 'demo', 'quickstart-example-tls');
    expect(cert?.spec).toMatchObject({ secretName: 'quickstart-example-tls', dnsNames: ['example.example.com'], issuerRef: { name: 'letsencrypt-prod', kind: 'Issuer', group: 'cert-manager.io' } });
    expect(cert?.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Ingress', name: 'kuard' });
    const secret = sim.objects.get('v1', 'Secret', 'demo', 'quickstart-example-tls');
    expect(secret?.type).toBe('kubernetes.io/tls');
    // An ACME (Let's Encrypt) Secret has no ca.crt; tls.crt is leaf + intermediate, as Let's Encrypt serves it.
    expect(Object.keys(secret?.data as object).sort()).toEqual(['tls.crt', 'tls.key']);
    const x = tlsCert(secret);
    expect(x.subjectAltName).toBe('DNS:example.example.com');
    const [, intermediatePem] = Buffer.from((secret?.data as Record<string, string>)['tls.crt'], 'base64')
      .toString()
      .split(/(?<=-----END CERTIFICATE-----\n)/);
    const intermediate = new X509Certificate(intermediatePem);
    const root = new X509Certificate(sim.caPem);
    expect(x.checkIssued(intermediate) && x.verify(intermediate.publicKey)).toBe(true);
    expect(intermediate.ca && intermediate.checkIssued(root) && intermediate.verify(root.publicKey)).toBe(true);
    const validMs = Date.parse(x.validTo) - Date.parse(x.validFrom);
    expect(validMs).toBe(2160 * HOUR); // cert-manager's default duration
    const st = status('demo', 'quickstart-example-tls');
    expect(st?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(st?.revision).toBe(1);
    expect(Date.parse(st!.notAfter!) - Date.parse(st!.renewalTime!)).toBe(720 * HOUR); // renewBefore = duration / 3
    expect(Date.parse(st!.notBefore!)).toBe(Date.parse(x.validFrom));
    const issuer = sim.objects.get('cert-manager.io/v1', 'Issuer', 'demo', 'letsencrypt-prod')?.status as CertStatus;
    expect(issuer.conditions?.[0]).toMatchObject({ type: 'Ready', status: 'True' });
    const crs = sim.objects.list('cert-manager.io/v1', 'CertificateRequest', 'demo');
    expect(crs.map((c) => c.metadata.name)).toContain('quickstart-example-tls-1');
  });

  it('honours duration and renewBefore, and renews when the clock passes renewalTime', async () => {
    await request(sim, 'POST', '/apis/cert-manager.io/v1/namespaces/demo/certificates', {
      body: {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: { name: 'short' },
        spec: { secretName: 'short-tls', dnsNames: ['short.example.com', '*.short.example.com'], duration: '24h', renewBefore: '8h', issuerRef: { name: 'letsencrypt-prod' } },
      },
    });
    await waitFor(() => status('demo', 'short')?.revision === 1, 'first issuance');
    const first = tlsCert(sim.objects.get('v1', 'Secret', 'demo', 'short-tls'));
    expect(first.subjectAltName).toBe('DNS:short.example.com, DNS:*.short.example.com');
    expect(Date.parse(first.validTo) - Date.parse(first.validFrom)).toBe(24 * HOUR);
    const st = status('demo', 'short')!;
    expect(Date.parse(st.renewalTime!)).toBe(Date.parse(st.notAfter!) - 8 * HOUR);

    // Not yet due: nothing happens.
    sim.clock.advance(15 * HOUR);
    await sim.settle();
    expect(status('demo', 'short')?.revision).toBe(1);
    // Past renewalTime (16h after issuance): renewed with a new serial and notBefore.
    const res = await request(sim, 'POST', '/_sim/clock/advance', { body: { ms: 2 * HOUR } });
    expect(res.status).toBe(200);
    await waitFor(() => status('demo', 'short')?.revision === 2, 'renewal');
    const second = tlsCert(sim.objects.get('v1', 'Secret', 'demo', 'short-tls'));
    expect(second.serialNumber).not.toBe(first.serialNumber);
    expect(Date.parse(second.validFrom)).toBeGreaterThanOrEqual(Date.parse(first.validFrom) + 17 * HOUR);
    expect(sim.objects.list('cert-manager.io/v1', 'CertificateRequest', 'demo').map((c) => c.metadata.name)).toContain('short-2');
  });

  it('creates Certificates for Ingresses annotated with a ClusterIssuer, and reports a missing issuer', async () => {
    await request(sim, 'POST', '/apis/cert-manager.io/v1/clusterissuers', { body: { metadata: { name: 'selfsigned' }, spec: { selfSigned: {} } } });
    await request(sim, 'POST', '/apis/networking.k8s.io/v1/namespaces/demo/ingresses', {
      body: {
        metadata: { name: 'shop', annotations: { 'cert-manager.io/cluster-issuer': 'selfsigned' } },
        spec: {
          ingressClassName: 'nginx',
          tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
          rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'kuard', port: { number: 80 } } } }] } }],
        },
      },
    });
    await waitFor(() => status('demo', 'shop-tls')?.revision === 1, 'shop certificate');
    expect(sim.objects.get('cert-manager.io/v1', 'Certificate', 'demo', 'shop-tls')?.spec).toMatchObject({ issuerRef: { kind: 'ClusterIssuer', name: 'selfsigned' } });

    await request(sim, 'POST', '/apis/cert-manager.io/v1/namespaces/demo/certificates', {
      body: { metadata: { name: 'orphan' }, spec: { secretName: 'orphan-tls', dnsNames: ['o.example.com'], issuerRef: { name: 'missing' } } },
    });
    await waitFor(() => status('demo', 'orphan')?.conditions?.some((c) => c.type === 'Ready' && c.status === 'False'), 'not ready');
    expect(sim.objects.get('v1', 'Secret', 'demo', 'orphan-tls')).toBeUndefined();
  });

  it('stamps objects with the simulated clock', async () => {
    const target = new Date('2031-01-02T03:04:05Z');
    await request(sim, 'POST', '/_sim/clock/set', { body: { time: target.toISOString() } });
    const r = await request(sim, 'POST', '/api/v1/namespaces/demo/configmaps', { body: { metadata: { name: 'stamped' } } });
    expect(Date.parse(r.body.metadata.creationTimestamp) - target.getTime()).toBeLessThan(5000);
    expect(Date.parse(r.body.metadata.creationTimestamp) - target.getTime()).toBeGreaterThanOrEqual(0);
    const clock = await request(sim, 'GET', '/_sim/clock');
    expect(clock.body.now.startsWith('2031-01-02')).toBe(true);
  });
});
