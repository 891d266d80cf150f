import { describe, expect, it } from 'vitest';
import { b64, fixtures } from '../../test/fixtures.js';
import { courseObject } from '../../test/course-objects.js';
import { annotatedIssuer, certificateDnsNames, certificateIssuerRef, certificateSecretName, managingCertificate, storedCertificateFacts, tlsCertificateFacts } from './certificate.js';

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
});
