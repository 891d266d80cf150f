import { X509Certificate } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DerError, type X509Fields, readX509 } from './x509.js';

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

/** Node's view of the public key, in readX509's words. */
function nodeKey(node: X509Certificate): { keyAlgorithm: string; keySize: number | null } {
  const details = node.publicKey.asymmetricKeyDetails ?? {};
  const curves: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521, secp256k1: 256 };
  switch (node.publicKey.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return { keyAlgorithm: 'RSA', keySize: details.modulusLength ?? null };
    case 'ec':
      return { keyAlgorithm: 'ECDSA', keySize: curves[details.namedCurve ?? ''] ?? null };
    case 'ed25519':
      return { keyAlgorithm: 'Ed25519', keySize: 256 };
    default:
      return { keyAlgorithm: String(node.publicKey.asymmetricKeyType), keySize: null };
  }
}

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
      ...nodeKey(node),
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
    const { der } = certificates[0];
    for (const bad of [
      Buffer.alloc(0),
      Buffer.from([0x30]),
      Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]),
      der.subarray(0, der.length - 1),
      Buffer.concat([der, Buffer.from([0])]),
      Buffer.from('not a certificate'),
    ]) {
      expect(() => readX509(bad)).toThrow(DerError);
    }
    // Every truncation and every single-byte corruption either parses or throws DerError: nothing else.
    for (let i = 0; i < der.length; i += 7) {
      const corrupt = Buffer.from(der);
      corrupt[i] = corrupt[i] ^ 0xff;
      try {
        readX509(corrupt);
      } catch (err) {
        expect(err).toBeInstanceOf(DerError);
      }
    }
  });

  describe('hostile certificates', () => {
    const srv = certificates.find((c) => c.file === 'srv.pem')!.der;
    /** NUL, or half a surrogate pair: what Postgres refuses in text and jsonb. */
    const REFUSED = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    const strings = (f: X509Fields) => [f.subject, f.issuer, f.serialNumber, f.fingerprintSha256, ...f.dnsNames, ...f.ipAddresses];
    /** Parses or throws DerError; whatever it returns, Postgres can store. */
    const checkOne = (der: Buffer) => {
      let fields: X509Fields;
      try {
        fields = readX509(der);
      } catch (err) {
        expect(err).toBeInstanceOf(DerError);
        return;
      }
      for (const s of strings(fields)) expect(s).not.toMatch(REFUSED);
      expect(Number.isNaN(fields.notBefore.getTime()) || Number.isNaN(fields.notAfter.getTime())).toBe(false);
    };
    /** `der` with the first occurrence of `from` overwritten by `to` (same length). */
    const patch = (der: Buffer, from: Buffer, to: Buffer) => {
      const at = der.indexOf(from);
      expect(at).toBeGreaterThan(-1);
      const out = Buffer.from(der);
      to.copy(out, at);
      return out;
    };

    it('shows a NUL in a subjectAltName as U+FFFD (the null-prefix trick stays visible)', () => {
      // [2] dNSName, length 16, "shop.example.com" → "shop\0example.com"
      const der = patch(srv, Buffer.from('\x82\x10shop.example.com', 'latin1'), Buffer.from('\x82\x10shop\0example.com', 'latin1'));
      expect(readX509(der).dnsNames).toEqual(['shop\uFFFDexample.com', '*.shop.example.com']);
    });

    it('replaces a lone surrogate in a BMPString name', () => {
      // The subject CN (UTF8String, 16 bytes) retagged as a BMPString whose first unit is a lone high surrogate.
      const cn = Buffer.from('\x0c\x10shop.example.com', 'latin1');
      const der = patch(srv, cn, Buffer.concat([Buffer.from([0x1e, 0x10, 0xd8, 0x00]), Buffer.from('\0a\0b\0c\0d\0e\0f\0g', 'latin1')]));
      const fields = readX509(der);
      expect(fields.subject).toMatch(/CN=\uFFFDabcdefg/);
    });

    it('never throws anything but DerError, never yields a string Postgres refuses: random bytes (property)', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => checkOne(Buffer.from(bytes))),
        { numRuns: 2000 },
      );
    });

    it('…nor for real certificates with bytes overwritten, inserted or cut (property)', () => {
      const edit = fc.record({
        cert: fc.integer({ min: 0, max: certificates.length - 1 }),
        edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'cut')), { minLength: 1, maxLength: 6 }),
      });
      fc.assert(
        fc.property(edit, ({ cert, edits }) => {
          let der = Buffer.from(certificates[cert].der);
          for (const [position, value, op] of edits) {
            const at = position % (der.length + 1);
            if (op === 'set' && at < der.length) der[at] = value;
            else if (op === 'insert') der = Buffer.concat([der.subarray(0, at), Buffer.from([value]), der.subarray(at)]);
            else der = der.subarray(0, at);
          }
          checkOne(der);
        }),
        { numRuns: 3000 },
      );
    });
  });
});
