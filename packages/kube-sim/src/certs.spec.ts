/** Hand-built DER certificates, checked by node:crypto's parser (OpenSSL underneath). */
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authorityFromPem, createCaChain, ecKeyPair, isSelfSigned, issueCertificate, selfSignedCertificate } from './certs.js';
import { parseAgo } from './scenario-history.js';

const { root, intermediate } = createCaChain(new Date('2026-01-01T00:00:00Z'));

describe('certificates', () => {
  it('encodes validity as UTCTime before 2050 and GeneralizedTime from 2050 (RFC 5280 §4.1.2.5)', () => {
    const c = issueCertificate(intermediate, { dnsNames: ['t.example.com'], notBefore: new Date('2049-12-31T23:59:59Z'), notAfter: new Date('2051-06-01T12:00:00Z') });
    const x = new X509Certificate(c.certPem);
    expect(Date.parse(x.validFrom)).toBe(Date.parse('2049-12-31T23:59:59Z'));
    expect(Date.parse(x.validTo)).toBe(Date.parse('2051-06-01T12:00:00Z'));
    expect(x.serialNumber).toBe(c.serialNumber);
  });

  it('writes subject, SANs (DNS, IPv4, IPv6, URI) and key usages that a parser reads back', () => {
    const c = issueCertificate(intermediate, {
      commonName: 'svc.example.com',
      dnsNames: ['svc.example.com', '*.svc.example.com'],
      ipAddresses: ['10.0.0.7', 'fd00::1'],
      uris: ['spiffe://cluster.local/ns/a/sa/b'],
      notBefore: new Date(),
      notAfter: new Date(Date.now() + 86400_000),
      clientAuth: true,
    });
    const x = new X509Certificate(c.certPem);
    expect(x.subject).toBe('CN=svc.example.com');
    expect(x.subjectAltName).toBe('DNS:svc.example.com, DNS:*.svc.example.com, IP Address:10.0.0.7, IP Address:FD00:0:0:0:0:0:0:1, URI:spiffe://cluster.local/ns/a/sa/b');
    expect(x.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    expect(x.ca).toBe(false);
    expect(x.checkIssued(new X509Certificate(intermediate.certPem))).toBe(true);
  });

  it('reads a CA back from its PEM and signs with it; refuses a key that is not the certificate’s', () => {
    const ca = authorityFromPem(intermediate.certPem, intermediate.keyPem);
    expect(ca.keyId.equals(intermediate.keyId)).toBe(true);
    expect(ca.subjectDer.equals(intermediate.subjectDer)).toBe(true);
    const leaf = new X509Certificate(issueCertificate(ca, { dnsNames: ['x.example.com'], notBefore: new Date(), notAfter: new Date(Date.now() + 86400_000) }).certPem);
    expect(leaf.verify(new X509Certificate(intermediate.certPem).publicKey)).toBe(true);
    const otherKey = ecKeyPair().privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(() => authorityFromPem(intermediate.certPem, otherKey)).toThrow('private key does not match the certificate');
  });

  it('tells a self-signed root from what it signs', () => {
    const self = selfSignedCertificate({ commonName: 'me', isCA: true, notBefore: new Date(), notAfter: new Date(Date.now() + 86400_000) });
    const der = (pem: string) => new X509Certificate(pem).raw;
    expect([isSelfSigned(der(root.certPem)), isSelfSigned(der(intermediate.certPem)), isSelfSigned(der(self.certPem))]).toEqual([true, false, true]);
  });
});

describe('scenario history durations', () => {
  it('reads days, hours, minutes and seconds, and refuses anything else', () => {
    expect(parseAgo('80d')).toBe(80 * 86400_000);
    expect(parseAgo('1d12h30m5s')).toBe(86400_000 + 12 * 3600_000 + 30 * 60_000 + 5000);
    expect(() => parseAgo('80 days')).toThrow('invalid duration "80 days"');
    expect(() => parseAgo('')).toThrow('invalid duration');
  });
});
