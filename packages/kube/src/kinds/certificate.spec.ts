import { describe, expect, it } from 'vitest';
import { b64, fixtures } from '../../test/fixtures.js';
import { courseObject } from '../../test/course-objects.js';
import {
  annotatedIssuer,
  certificateDnsNames,
  certificateIssuerRef,
  certificateRequestFacts,
  certificateSecretName,
  gatewayListenerCertificates,
  issuerReadiness,
  managingCertificate,
  storedCertificateFacts,
  tlsCertificateFacts,
} from './certificate.js';

describe('cert-manager readers', () => {
  it('read the issuer the course Ingress kuard names; a ClusterIssuer wins', () => {
    expect(annotatedIssuer(courseObject('Ingress', 'kuard'))).toEqual({ kind: 'Issuer', name: 'letsencrypt-prod' });
    expect(annotatedIssuer({ metadata: { annotations: { 'cert-manager.io/issuer': 'a', 'cert-manager.io/cluster-issuer': 'b' } } })).toEqual({ kind: 'ClusterIssuer', name: 'b' });
    expect(annotatedIssuer(courseObject('Ingress', 'ingress-wildcard-host'))).toBeNull();
  });

  it('read a Certificate: names, Secret and issuer reference (kind defaults to Issuer)', () => {
    const cert = { metadata: { name: 'shop' }, spec: { secretName: 'shop-tls', dnsNames: ['shop.example.com', 'www.shop.example.com'], issuerRef: { name: 'letsencrypt-prod' } } };
    expect(certificateDnsNames(cert)).toEqual(['shop.example.com', 'www.shop.example.com']);
    expect(certificateSecretName(cert)).toBe('shop-tls');
    expect(certificateIssuerRef(cert)).toEqual({ kind: 'Issuer', name: 'letsencrypt-prod' });
    expect(managingCertificate({ metadata: { annotations: { 'cert-manager.io/certificate-name': 'shop' } } })).toBe('shop');
  });

  it('keep the facts of a TLS Secret certificate, and read them back as stored', () => {
    const facts = tlsCertificateFacts({ type: 'kubernetes.io/tls', data: { 'tls.crt': b64(fixtures.serverPem), 'tls.key': b64('not read') } });
    expect(facts).toMatchObject({ dnsNames: ['shop.example.com', '*.shop.example.com'], notAfter: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const stored = storedCertificateFacts({ certificate: JSON.parse(JSON.stringify(facts)) });
    expect(stored.dnsNames).toEqual(['shop.example.com', '*.shop.example.com']);
    expect(stored.subject).toEqual('subject' in facts ? facts.subject : undefined);
    expect(tlsCertificateFacts({ data: {} })).toEqual({ error: 'The Secret has no tls.crt.' });
  });

  it('read malformed fields as absent', () => {
    expect(certificateDnsNames({ spec: { dnsNames: 'x' } })).toEqual([]);
    expect(certificateIssuerRef({ spec: { issuerRef: { name: 5 } } })).toBeNull();
    expect(annotatedIssuer({ metadata: { annotations: { 'cert-manager.io/issuer': 1 } } })).toBeNull();
    expect(storedCertificateFacts({ certificate: { error: 'x' } })).toEqual({ subject: null, issuer: null, dnsNames: [], notBefore: null, notAfter: null });
    expect(storedCertificateFacts('x')).toEqual({ subject: null, issuer: null, dnsNames: [], notBefore: null, notAfter: null });
  });

  it('read a CertificateRequest: its Certificate, revision and state (Denied and InvalidRequest win over Ready)', () => {
    const cr = (conditions: unknown[], annotations: Record<string, string> = { 'cert-manager.io/certificate-name': 'web', 'cert-manager.io/certificate-revision': '3' }) => ({
      metadata: { annotations },
      status: { conditions },
    });
    expect(certificateRequestFacts(cr([{ type: 'Ready', status: 'True', reason: 'Issued', message: 'ok' }]))).toEqual({ certificateName: 'web', revision: 3, state: 'Issued', message: 'ok' });
    expect(
      certificateRequestFacts(
        cr([
          { type: 'Ready', status: 'False', reason: 'Pending', message: 'waiting' },
          { type: 'Denied', status: 'True', reason: 'Policy', message: 'no' },
        ]),
      ),
    ).toMatchObject({ state: 'Denied', message: 'no' });
    expect(certificateRequestFacts(cr([{ type: 'InvalidRequest', status: 'True', message: 'bad CSR' }]))).toMatchObject({ state: 'InvalidRequest', message: 'bad CSR' });
    expect(certificateRequestFacts(cr([], { 'cert-manager.io/certificate-revision': 'x' }))).toEqual({ certificateName: null, revision: null, state: null, message: null });
  });

  it("read an issuer's readiness (no condition yet: not ready) and the Secrets Gateway listeners terminate with", () => {
    expect(issuerReadiness({ status: { conditions: [{ type: 'Ready', status: 'True', message: 'Signing CA verified' }] } })).toEqual({ ready: true, message: 'Signing CA verified' });
    expect(issuerReadiness({})).toEqual({ ready: false, message: 'The issuer has no Ready condition yet.' });
    const gw = {
      metadata: { namespace: 'infra' },
      spec: {
        listeners: [
          { name: 'https', protocol: 'HTTPS', hostname: 'a.example.com', tls: { certificateRefs: [{ name: 'a-tls' }, { name: 'other', kind: 'ConfigMap' }] } },
          { name: 'passthrough', protocol: 'TLS', tls: { mode: 'Passthrough', certificateRefs: [{ name: 'p' }] } },
          { name: 'tls', protocol: 'TLS', tls: { certificateRefs: [{ name: 't', namespace: 'certs' }] } },
        ],
      },
    };
    expect(gatewayListenerCertificates(gw)).toEqual([
      { listener: 'https', hostname: 'a.example.com', namespace: 'infra', name: 'a-tls' },
      { listener: 'tls', hostname: null, namespace: 'certs', name: 't' },
    ]);
  });
});
