/**
 * Facts about the certificate a TLS Secret serves: names, validity, issuer, key, and the chain
 * (`tls.crt`: leaf + intermediates; `ca.crt`: the CA, when the issuer provides it). `tls.key`
 * is never touched.
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets
 * @see ./x509.ts for why certificates are not read with `crypto.X509Certificate`
 */
import { type X509Fields, readX509 } from './x509.js';
import type { V1Secret } from '@kubernetes/client-node';

/** A certificate as Portico shows it: the reader's fields, names on one line, and the chain length. */
export interface ParsedCertificate extends Omit<X509Fields, 'subject' | 'issuer'> {
  /** One line, e.g. `O=Acme, CN=shop.example.com`. */
  subject: string;
  subjectCommonName?: string;
  issuer: string;
  issuerCommonName?: string;
  /** Certificates in the PEM bundle (leaf + intermediates). */
  chainLength: number;
}

export class CertificateParseError extends Error {
  override readonly name = 'CertificateParseError';
}

const PEM_BEGIN = '-----BEGIN CERTIFICATE-----';
const PEM_END = '-----END CERTIFICATE-----';
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Distinguished names come one attribute per line (as `X509Certificate` prints them); shown on one. */
const oneLine = (dn: string) => dn.split('\n').filter(Boolean).join(', ');
const commonName = (dn: string) =>
  dn
    .split('\n')
    .find((l) => l.startsWith('CN='))
    ?.slice(3);

/** Parses the first certificate of a PEM bundle (the leaf, by convention) and counts the chain. */
export function parseCertificatePem(pem: string): ParsedCertificate {
  const blocks: string[] = pem.match(PEM_BLOCK) ?? [];
  const first = blocks[0];
  if (first === undefined) throw new CertificateParseError('No PEM certificate found (expected "-----BEGIN CERTIFICATE-----").');
  let cert: X509Fields;
  try {
    cert = readX509(Buffer.from(first.slice(PEM_BEGIN.length, -PEM_END.length), 'base64'));
  } catch {
    throw new CertificateParseError('The first certificate of the PEM data could not be parsed.');
  }
  const subjectCommonName = commonName(cert.subject);
  const issuerCommonName = commonName(cert.issuer);
  return {
    subject: oneLine(cert.subject),
    ...(subjectCommonName ? { subjectCommonName } : {}),
    issuer: oneLine(cert.issuer),
    ...(issuerCommonName ? { issuerCommonName } : {}),
    dnsNames: cert.dnsNames,
    ipAddresses: cert.ipAddresses,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    serialNumber: cert.serialNumber,
    fingerprintSha256: cert.fingerprintSha256,
    isCa: cert.isCa,
    keyAlgorithm: cert.keyAlgorithm,
    keySize: cert.keySize,
    chainLength: blocks.length,
  };
}

/** One certificate of a Secret's bundle, as stored and shown (names on one line, dates ISO 8601). */
export interface ChainCertificate {
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  fingerprintSha256: string;
  serialNumber: string;
  isCa: boolean;
  keyAlgorithm: string;
  keySize: number | null;
  from: 'tls.crt' | 'ca.crt';
}

/** What the bundle says about the chain a server presents. */
export interface ChainFacts {
  /** `tls.crt`'s certificates in order (leaf first), then `ca.crt`'s. */
  chain: ChainCertificate[];
  /**
   * False when a client cannot build a path from the leaf: the leaf is not self-signed and
   * neither the rest of `tls.crt` nor `ca.crt` holds a certificate whose subject is the leaf's
   * issuer (the intermediate is missing). Kept this simple on purpose: signatures are not
   * checked, and a leaf issued directly by a public root counts as incomplete unless the root
   * is in the bundle (docs/certificates.md).
   */
  chainComplete: boolean;
  /** The earliest notAfter of `tls.crt`'s other certificates (the intermediates); null when there are none. */
  intermediateNotAfter: string | null;
}

/** The readable certificates of a PEM bundle, in order; an unreadable block is left out (the leaf's own parse reports a bad leaf). */
export function parseCertificateBlocks(pem: string): X509Fields[] {
  const out: X509Fields[] = [];
  for (const block of pem.match(PEM_BLOCK) ?? []) {
    try {
      out.push(readX509(Buffer.from(block.slice(PEM_BEGIN.length, -PEM_END.length), 'base64')));
    } catch {
      // Not a certificate: nothing a client could use either.
    }
  }
  return out;
}

const chainEntry = (c: X509Fields, from: ChainCertificate['from']): ChainCertificate => ({
  subject: oneLine(c.subject),
  issuer: oneLine(c.issuer),
  notBefore: c.notBefore.toISOString(),
  notAfter: c.notAfter.toISOString(),
  fingerprintSha256: c.fingerprintSha256,
  serialNumber: c.serialNumber,
  isCa: c.isCa,
  keyAlgorithm: c.keyAlgorithm,
  keySize: c.keySize,
  from,
});

/** The chain facts of `tls.crt`'s certificates (leaf first) and `ca.crt`'s. */
export function describeChain(tlsCrt: readonly X509Fields[], caCrt: readonly X509Fields[]): ChainFacts {
  const [leaf, ...rest] = tlsCrt;
  const intermediates = rest.map((c) => c.notAfter.getTime());
  const chainComplete = !leaf || leaf.issuer === leaf.subject || [...rest, ...caCrt].some((c) => c.subject === leaf.issuer);
  return {
    chain: [...tlsCrt.map((c) => chainEntry(c, 'tls.crt')), ...caCrt.map((c) => chainEntry(c, 'ca.crt'))],
    chainComplete,
    intermediateNotAfter: intermediates.length ? new Date(Math.min(...intermediates)).toISOString() : null,
  };
}

export type TlsSecretCertificate = { ok: true; certificate: ParsedCertificate; chain: ChainFacts } | { ok: false; reason: 'missing' | 'invalid'; message: string };

/** `ca.crt`'s certificates; unreadable ones count as absent (it is optional, and not what the server presents). */
const caCertificates = (encoded: string | undefined): X509Fields[] => (encoded ? parseCertificateBlocks(Buffer.from(encoded, 'base64').toString('utf8')) : []);

/**
 * The certificate of a `kubernetes.io/tls` Secret, from `data['tls.crt']` (and `ca.crt` for the
 * chain) only. Call it on the Secret as read from the API, before `slimObject` removes the data.
 */
export function tlsSecretCertificate(secret: V1Secret): TlsSecretCertificate {
  const encoded = secret.data?.['tls.crt'];
  if (!encoded) return { ok: false, reason: 'missing', message: 'The Secret has no tls.crt.' };
  try {
    const pem = Buffer.from(encoded, 'base64').toString('utf8');
    const certificate = parseCertificatePem(pem);
    return { ok: true, certificate, chain: describeChain(parseCertificateBlocks(pem), caCertificates(secret.data?.['ca.crt'])) };
  } catch (err) {
    return { ok: false, reason: 'invalid', message: err instanceof CertificateParseError ? `tls.crt: ${err.message}` : 'tls.crt could not be read.' };
  }
}
