/**
 * Just enough DER to read an X.509 certificate's names, validity, serial number, CA flag and key
 * algorithm/size.
 *
 * Why not `crypto.X509Certificate`: constructing one costs ≈ 150 µs in Node 20 (OpenSSL parses
 * and caches the whole certificate, key included), which made certificate reading the largest
 * CPU cost of a sync with thousands of TLS Secrets. This reader walks only the fields Portico
 * shows, in ≈ 10 µs, and refuses anything malformed. Its output matches `X509Certificate`'s
 * (the tests compare the two on every certificate they have).
 * @see https://www.rfc-editor.org/rfc/rfc5280#section-4.1
 * @see https://www.itu.int/rec/T-REC-X.690 (DER)
 */
import { createHash } from 'node:crypto';
import { storableText } from './storable.js';

export class DerError extends Error {
  override readonly name = 'DerError';
}

interface Node {
  tag: number;
  /** Offset of the first content byte. */
  start: number;
  /** Offset after the last content byte. */
  end: number;
}

/** Reads the TLV at `offset`, checking that it fits in `[offset, limit)`. */
function read(buf: Buffer, offset: number, limit: number): Node {
  if (offset + 2 > limit) throw new DerError('truncated');
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not used in certificates');
  let length = buf[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4 || start + bytes > limit) throw new DerError('bad length');
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + buf[start + i];
    start += bytes;
  }
  const end = start + length;
  if (end > limit) throw new DerError('truncated');
  return { tag, start, end };
}

/** The children of a constructed node. */
function children(buf: Buffer, node: Node): Node[] {
  const out: Node[] = [];
  for (let at = node.start; at < node.end;) {
    const child = read(buf, at, node.end);
    out.push(child);
    at = child.end;
  }
  return out;
}

function expect(node: Node | undefined, tag: number, what: string): Node {
  if (!node || node.tag !== tag) throw new DerError(`expected ${what}`);
  return node;
}

function oid(buf: Buffer, node: Node): string {
  const parts: number[] = [];
  let value = 0;
  for (let i = node.start; i < node.end; i++) {
    const b = buf[i];
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** OpenSSL's short names, which `X509Certificate#subject` prints; others print as dotted OIDs. */
const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.15': 'businessCategory',
  '2.5.4.17': 'postalCode',
  '2.5.4.42': 'GN',
  '2.5.4.43': 'initials',
  '2.5.4.44': 'generationQualifier',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.65': 'pseudonym',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/**
 * A name attribute's value. NUL and lone surrogates (a BMPString can hold one) become U+FFFD:
 * Postgres cannot store them, and a NUL inside a name is the classic way to make
 * `bank.example\0.evil.example` look like `bank.example`, so it must stay visible.
 */
function text(buf: Buffer, node: Node): string {
  switch (node.tag) {
    case 0x1e: // BMPString: UTF-16BE
      if ((node.end - node.start) % 2) throw new DerError('bad BMPString');
      return storableText(Buffer.from(buf.subarray(node.start, node.end)).swap16().toString('utf16le'));
    case 0x14: // T61String, in practice Latin-1
      return storableText(buf.toString('latin1', node.start, node.end));
    default: // UTF8String, PrintableString, IA5String, VisibleString…
      return storableText(buf.toString('utf8', node.start, node.end));
  }
}

/** RFC 2253 escaping, as OpenSSL applies it when printing names. */
function escapeDnValue(value: string): string {
  let out = value.replace(/[,+"\\<>;]/g, (c) => `\\${c}`);
  if (out.startsWith('#') || out.startsWith(' ')) out = `\\${out}`;
  if (out.endsWith(' ') && out.length > 1) out = `${out.slice(0, -1)}\\ `;
  return out;
}

/** A distinguished name as `X509Certificate` prints it: one `SN=value` per line, in DER order. */
function name(buf: Buffer, node: Node): string {
  const lines: string[] = [];
  for (const rdn of children(buf, expect(node, 0x30, 'Name'))) {
    const values = children(buf, expect(rdn, 0x31, 'RDN')).map((atv) => {
      const [type, value] = children(buf, expect(atv, 0x30, 'AttributeTypeAndValue'));
      const id = oid(buf, expect(type, 0x06, 'attribute type'));
      if (!value) throw new DerError('attribute without value');
      return `${SHORT_NAMES[id] ?? id}=${escapeDnValue(text(buf, value))}`;
    });
    lines.push(values.join(' + '));
  }
  return lines.join('\n');
}

function time(buf: Buffer, node: Node): Date {
  const s = buf.toString('latin1', node.start, node.end);
  const m = node.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s) : node.tag === 0x18 ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s) : null;
  if (!m) throw new DerError('bad time');
  let year = Number(m[1]);
  if (node.tag === 0x17) year += year < 50 ? 2000 : 1900; // RFC 5280 4.1.2.5.1
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

function ipAddress(bytes: Buffer): string {
  if (bytes.length === 4) return [...bytes].join('.');
  if (bytes.length !== 16) return '';
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
  // Compressed form: the longest run (≥ 2) of zero groups becomes "::".
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLength).join(':')}`;
}

export interface X509Fields {
  /** One attribute per line, like `X509Certificate#subject`; empty for an empty name. */
  subject: string;
  issuer: string;
  /** subjectAltName DNS names, wildcards as written (`*.example.com`). */
  dnsNames: string[];
  /** subjectAltName IP addresses: IPv4 dotted, IPv6 compressed lower-case. */
  ipAddresses: string[];
  notBefore: Date;
  notAfter: Date;
  /** Upper-case hex without leading zero bytes, as `openssl x509 -serial` prints it. */
  serialNumber: string;
  /** `AB:CD:…`, as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprintSha256: string;
  isCa: boolean;
  /** `RSA`, `ECDSA`, `Ed25519`, `Ed448`, `DSA`, or the algorithm's OID when it is none of these. */
  keyAlgorithm: string;
  /** RSA: modulus bits; ECDSA: the curve's size (256, 384, 521); EdDSA: 256/456; null when unknown. */
  keySize: number | null;
}

const OID_SUBJECT_ALT_NAME = '2.5.29.17';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';

const KEY_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.113549.1.1.10': 'RSA', // RSASSA-PSS keys are RSA keys
  '1.2.840.10045.2.1': 'ECDSA',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.2.840.10040.4.1': 'DSA',
};
/** Named curves by OID: P-256, P-384, P-521, secp256k1. @see https://www.rfc-editor.org/rfc/rfc5480#section-2.1.1.1 */
const CURVE_BITS: Record<string, number> = { '1.2.840.10045.3.1.7': 256, '1.3.132.0.34': 384, '1.3.132.0.35': 521, '1.3.132.0.10': 256 };

/** Bits of a DER INTEGER's magnitude (the RSA modulus), leading zero bytes and bits excluded. */
function integerBits(buf: Buffer, node: Node): number {
  let at = node.start;
  while (at < node.end && buf[at] === 0) at++;
  if (at === node.end) return 0;
  return (node.end - at - 1) * 8 + (32 - Math.clz32(buf[at]));
}

/**
 * The key's algorithm and size, from SubjectPublicKeyInfo: weak keys (RSA under 2048 bits) are
 * a state Portico reports.
 * @see https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.7
 * @see https://www.rfc-editor.org/rfc/rfc3279#section-2.3.1 (RSA), https://www.rfc-editor.org/rfc/rfc8410 (EdDSA)
 */
function publicKey(buf: Buffer, spki: Node): { keyAlgorithm: string; keySize: number | null } {
  const [algorithm, key] = children(buf, spki);
  const [id, params] = children(buf, expect(algorithm, 0x30, 'AlgorithmIdentifier'));
  const algorithmId = oid(buf, expect(id, 0x06, 'algorithm'));
  const keyAlgorithm = KEY_ALGORITHMS[algorithmId] ?? algorithmId;
  const bits = expect(key, 0x03, 'subjectPublicKey');
  switch (keyAlgorithm) {
    case 'RSA': {
      // BIT STRING: one byte of unused bits, then RSAPublicKey ::= SEQUENCE { modulus, publicExponent }.
      const rsa = expect(read(buf, bits.start + 1, bits.end), 0x30, 'RSAPublicKey');
      return { keyAlgorithm, keySize: integerBits(buf, expect(children(buf, rsa)[0], 0x02, 'modulus')) };
    }
    case 'ECDSA':
      return { keyAlgorithm, keySize: params?.tag === 0x06 ? (CURVE_BITS[oid(buf, params)] ?? null) : null };
    case 'Ed25519':
      return { keyAlgorithm, keySize: 256 };
    case 'Ed448':
      return { keyAlgorithm, keySize: 456 };
    default:
      return { keyAlgorithm, keySize: null };
  }
}

/** Reads a DER-encoded certificate. Throws `DerError` if it is not one. */
export function readX509(der: Buffer): X509Fields {
  const cert = expect(read(der, 0, der.length), 0x30, 'Certificate');
  if (cert.end !== der.length) throw new DerError('trailing data');
  const tbs = children(der, expect(children(der, cert)[0], 0x30, 'TBSCertificate'));
  let i = tbs[0]?.tag === 0xa0 ? 1 : 0; // [0] version
  const serial = expect(tbs[i++], 0x02, 'serialNumber');
  expect(tbs[i++], 0x30, 'signature');
  const issuer = name(der, tbs[i++]);
  const [notBefore, notAfter] = children(der, expect(tbs[i++], 0x30, 'Validity'));
  const subject = name(der, tbs[i++]);
  const key = publicKey(der, expect(tbs[i++], 0x30, 'SubjectPublicKeyInfo'));

  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  let isCa = false;
  const extensions = tbs.slice(i).find((n) => n.tag === 0xa3);
  if (extensions) {
    for (const ext of children(der, expect(children(der, extensions)[0], 0x30, 'Extensions'))) {
      const parts = children(der, expect(ext, 0x30, 'Extension'));
      const id = oid(der, expect(parts[0], 0x06, 'extnID'));
      const value = expect(parts.at(-1), 0x04, 'extnValue');
      const inner = read(der, value.start, value.end);
      if (id === OID_SUBJECT_ALT_NAME) {
        for (const general of children(der, expect(inner, 0x30, 'GeneralNames'))) {
          // IA5String; a NUL (the null-prefix attack on SAN matching) is shown as U+FFFD, never dropped.
          if (general.tag === 0x82) dnsNames.push(storableText(der.toString('latin1', general.start, general.end)));
          else if (general.tag === 0x87) ipAddresses.push(ipAddress(der.subarray(general.start, general.end)));
        }
      } else if (id === OID_BASIC_CONSTRAINTS) {
        const first = children(der, expect(inner, 0x30, 'BasicConstraints'))[0];
        isCa = first?.tag === 0x01 && der[first.start] !== 0;
      }
    }
  }

  let serialStart = serial.start;
  while (serialStart < serial.end && der[serialStart] === 0) serialStart++;
  const fingerprint = createHash('sha256').update(der).digest('hex').toUpperCase();
  return {
    subject,
    issuer,
    dnsNames,
    ipAddresses: ipAddresses.filter(Boolean),
    notBefore: time(der, expect(notBefore, notBefore?.tag === 0x18 ? 0x18 : 0x17, 'notBefore')),
    notAfter: time(der, expect(notAfter, notAfter?.tag === 0x18 ? 0x18 : 0x17, 'notAfter')),
    serialNumber: serialStart < serial.end ? der.toString('hex', serialStart, serial.end).toUpperCase() : '0',
    fingerprintSha256: fingerprint.replace(/(..)(?!$)/g, '$1:'),
    isCa,
    ...key,
  };
}
