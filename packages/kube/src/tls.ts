/**
 * Facts about the certificate a TLS Secret serves: names, validity, issuer. Only `tls.crt` is
 * read; `tls.key` is never touched.
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets
 * @see https://nodejs.org/api/crypto.html#class-x509certificate
 */
import { X509Certificate } from 'node:crypto';
import type { V1Secret } from '@kubernetes/client-node';

export interface ParsedCertificate {
  /** One line, e.g. `O=Acme, CN=shop.example.com`. */
  subject: string;
  subjectCommonName?: string;
  issuer: string;
  issuerCommonName?: string;
  /** subjectAltName DNS names, wildcards as written (`*.example.com`). */
  dnsNames: string[];
  /** subjectAltName IP addresses, IPv6 in compressed lower-case form. */
  ipAddresses: string[];
  notBefore: Date;
  notAfter: Date;
  /** Upper-case hex, as `openssl x509 -serial` prints it. */
  serialNumber: string;
  /** `AB:CD:…`, as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprintSha256: string;
  isCa: boolean;
  /** Certificates in the PEM bundle (leaf + intermediates). */
  chainLength: number;
}

export class CertificateParseError extends Error {
  override readonly name = 'CertificateParseError';
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Node prints distinguished names one attribute per line, and `undefined` for an empty one
 * (cert-manager leaves the subject empty unless `commonName` is set: names live in the SAN).
 */
const oneLine = (dn: string | undefined) => (dn ?? '').split('\n').filter(Boolean).join(', ');
const commonName = (dn: string | undefined) => (dn ?? '').split('\n').find((l) => l.startsWith('CN='))?.slice(3);

/** Canonical text of an IP: IPv6 compressed and lower-case (Node prints it expanded, upper-case). */
function canonicalIp(ip: string): string {
  if (!ip.includes(':')) return ip;
  try {
    return new URL(`https://[${ip}]/`).hostname.slice(1, -1);
  } catch {
    return ip.toLowerCase();
  }
}

/**
 * Splits Node's `subjectAltName` string (`DNS:a, DNS:b, IP Address:1.2.3.4`). Values containing
 * `,` or quotes are JSON-quoted by Node since v17.3, so quoted values are unquoted with JSON.parse.
 * @see https://nodejs.org/api/crypto.html#x509subjectaltname
 */
function parseSubjectAltName(san: string | undefined): { dnsNames: string[]; ipAddresses: string[] } {
  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  if (!san) return { dnsNames, ipAddresses };
  const entry = /([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/g;
  for (const m of san.matchAll(entry)) {
    const [, type, raw] = m;
    const value = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    if (type === 'DNS') dnsNames.push(value);
    else if (type === 'IP Address') ipAddresses.push(canonicalIp(value));
  }
  return { dnsNames, ipAddresses };
}

/** Parses the first certificate of a PEM bundle (the leaf, by convention) and counts the chain. */
export function parseCertificatePem(pem: string): ParsedCertificate {
  const blocks: string[] = pem.match(PEM_BLOCK) ?? [];
  const first = blocks[0];
  if (first === undefined) throw new CertificateParseError('No PEM certificate found (expected "-----BEGIN CERTIFICATE-----").');
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(first);
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
    ...parseSubjectAltName(cert.subjectAltName),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    serialNumber: cert.serialNumber.toUpperCase(),
    fingerprintSha256: cert.fingerprint256,
    isCa: cert.ca,
    chainLength: blocks.length,
  };
}

export type TlsSecretCertificate =
  | { ok: true; certificate: ParsedCertificate }
  | { ok: false; reason: 'missing' | 'invalid'; message: string };

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
