/**
 * Facts about the certificate a TLS Secret serves: names, validity, issuer. Only `tls.crt` is
 * read; `tls.key` is never touched.
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
    chainLength: blocks.length,
  };
}

export type TlsSecretCertificate = { ok: true; certificate: ParsedCertificate } | { ok: false; reason: 'missing' | 'invalid'; message: string };

/**
 * The certificate of a `kubernetes.io/tls` Secret, from `data['tls.crt']` only. Call it on the
 * Secret as read from the API, before `slimObject` removes the data.
 */
export function tlsSecretCertificate(secret: V1Secret): TlsSecretCertificate {
  const encoded = secret.data?.['tls.crt'];
  if (!encoded) return { ok: false, reason: 'missing', message: 'The Secret has no tls.crt.' };
  try {
    return { ok: true, certificate: parseCertificatePem(Buffer.from(encoded, 'base64').toString('utf8')) };
  } catch (err) {
    return { ok: false, reason: 'invalid', message: err instanceof CertificateParseError ? `tls.crt: ${err.message}` : 'tls.crt could not be read.' };
  }
}
