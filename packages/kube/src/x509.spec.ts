import { X509Certificate } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DerError, readX509 } from './x509.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures');
/** Every certificate the tests have: simple, chained, CA, empty subject, escaped and multi-valued names, 22-byte serial, GeneralizedTime, IPv6. */
const certificates = readdirSync(dir)
  .filter((f) => f.endsWith('.pem'))
  .map((f) => {
    const pem = readFileSync(path.join(dir, f), 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)![0];
    return { file: f, pem, der: Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64') };
  });

/** Node's canonical IPv6 text, for comparing with `subjectAltName`'s expanded form. */
const canonicalIp = (ip: string) => (ip.includes(':') ? new URL(`https://[${ip}]/`).hostname.slice(1, -1) : ip);

describe('readX509', () => {
  it.each(certificates)('reads $file exactly as crypto.X509Certificate does', ({ pem, der }) => {
    const node = new X509Certificate(pem);
    const san = (node.subjectAltName ?? '').split(', ').filter(Boolean);
    expect(readX509(der)).toEqual({
      subject: node.subject ?? '',
      issuer: node.issuer ?? '',
      dnsNames: san.filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4)),
      ipAddresses: san.filter((s) => s.startsWith('IP Address:')).map((s) => canonicalIp(s.slice(11))),
      notBefore: new Date(node.validFrom),
      notAfter: new Date(node.validTo),
      serialNumber: node.serialNumber.toUpperCase(),
      fingerprintSha256: node.fingerprint256,
      isCa: node.ca,
    });
  });

  it('covers the awkward cases it claims to', () => {
    const odd = readX509(certificates.find((c) => c.file === 'odd-names.pem')!.der);
    expect(odd.subject).toContain('O=Acme\\, Inc. \\+ Friends');
    expect(odd.serialNumber).toBe('8FEEDFACE0000000000001');
    expect(odd.notAfter.getUTCFullYear()).toBeGreaterThan(2100); // GeneralizedTime
    expect(odd.ipAddresses).toEqual(['10.0.0.1', '2001:db8::1:0:0:1', '::1']);
    expect(readX509(certificates.find((c) => c.file === 'multi-valued.pem')!.der)).toMatchObject({ subject: 'O=Multi Valued + CN=Grüße aus Köln\nL=Zürich', serialNumber: '0', isCa: true });
  });

  it('refuses malformed input with a DerError, never reading out of bounds', () => {
    const { der } = certificates[0]!;
    for (const bad of [Buffer.alloc(0), Buffer.from([0x30]), Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]), der.subarray(0, der.length - 1), Buffer.concat([der, Buffer.from([0])]), Buffer.from('not a certificate')]) {
      expect(() => readX509(bad)).toThrow(DerError);
    }
    // Every truncation and every single-byte corruption either parses or throws DerError: nothing else.
    for (let i = 0; i < der.length; i += 7) {
      const corrupt = Buffer.from(der);
      corrupt[i] = corrupt[i]! ^ 0xff;
      try {
        readX509(corrupt);
      } catch (err) {
        expect(err).toBeInstanceOf(DerError);
      }
    }
  });
});
