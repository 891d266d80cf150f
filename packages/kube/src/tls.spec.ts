import type { V1Secret } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { b64, fixtures } from '../test/fixtures.js';
import { CertificateParseError, parseCertificatePem, tlsSecretCertificate } from './tls.js';

describe('parseCertificatePem', () => {
  it('reads names, validity and fingerprint of a server certificate', () => {
    const cert = parseCertificatePem(fixtures.serverPem);
    expect(cert).toMatchObject({
      subject: 'O=Portico Test, CN=shop.example.com',
      subjectCommonName: 'shop.example.com',
      issuer: 'CN=portico-test-ca',
      issuerCommonName: 'portico-test-ca',
      dnsNames: ['shop.example.com', '*.shop.example.com'],
      ipAddresses: ['203.0.113.7', '2001:db8::7'],
      serialNumber: '0A1B2C',
      fingerprintSha256: '6C:A0:6C:AA:2C:E9:BA:A5:05:5A:7B:EC:E0:E0:C9:D2:F2:BC:B7:DD:4E:C2:38:05:4F:74:61:A5:0E:14:8A:E5',
      isCa: false,
      chainLength: 1,
    });
    expect(cert.notBefore.toISOString()).toBe('2026-11-25T20:32:52.000Z');
    expect(cert.notAfter.toISOString()).toBe('2029-02-27T20:32:52.000Z');
  });

  it('reads the leaf of a chain and counts the chain', () => {
    const cert = parseCertificatePem(fixtures.chainPem);
    expect(cert.subjectCommonName).toBe('shop.example.com');
    expect(cert.chainLength).toBe(2);
  });

  it('handles a CA without subjectAltName', () => {
    expect(parseCertificatePem(fixtures.caPem)).toMatchObject({ dnsNames: [], ipAddresses: [], isCa: true });
  });

  it('handles an empty subject (cert-manager without commonName)', () => {
    const cert = parseCertificatePem(fixtures.noSubjectPem);
    expect(cert).toMatchObject({ subject: '', dnsNames: ['example.example.com'], issuerCommonName: 'portico-test-ca' });
    expect(cert.subjectCommonName).toBeUndefined();
  });

  it('refuses what is not a certificate', () => {
    expect(() => parseCertificatePem('hello')).toThrow(CertificateParseError);
    expect(() => parseCertificatePem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toThrow(CertificateParseError);
  });
});

describe('tlsSecretCertificate', () => {
  it('reads tls.crt and never looks at tls.key', () => {
    const data: Record<string, string> = { 'tls.crt': b64(fixtures.chainPem) };
    Object.defineProperty(data, 'tls.key', {
      enumerable: true,
      get() {
        throw new Error('tls.key must not be read');
      },
    });
    const secret: V1Secret = { metadata: { name: 'shop-tls' }, type: 'kubernetes.io/tls', data };
    const result = tlsSecretCertificate(secret);
    expect(result.ok && result.certificate.dnsNames).toEqual(['shop.example.com', '*.shop.example.com']);
  });

  it('reports a missing or broken tls.crt', () => {
    expect(tlsSecretCertificate({ metadata: { name: 'x' } })).toMatchObject({ ok: false, reason: 'missing' });
    expect(tlsSecretCertificate({ metadata: { name: 'x' }, data: { 'tls.crt': b64('garbage') } })).toMatchObject({ ok: false, reason: 'invalid' });
  });
});
