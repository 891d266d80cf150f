/**
 * X.509 material: the simulator's root CA (it also signs the HTTPS serving certificate), an
 * intermediate CA that signs what cert-manager issues (so `tls.crt` carries leaf + intermediate
 * as cert-manager's CA issuer with a chain does), and leaf certificates. Certificates are built
 * as DER by hand (der.ts) and signed with node:crypto: ~0.1 ms each with an ECDSA P-256 key, so
 * the bulk generator can give every Secret its own key and certificate.
 * @see https://www.rfc-editor.org/rfc/rfc5280
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import * as der from './der.js';

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ed25519: '1.3.101.112',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectKeyId: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyId: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  ecPublicKey: '1.2.840.10045.2.1',
  extensionRequest: '1.2.840.113549.1.9.14',
};
const CURVE_OIDS: Record<string, string> = { 'P-256': '1.2.840.10045.3.1.7', 'P-384': '1.3.132.0.34', 'P-521': '1.3.132.0.35' };

/** cert-manager's `spec.privateKey`: algorithm, size and encoding. */
export interface KeySpec {
  algorithm: 'ECDSA' | 'RSA' | 'Ed25519';
  /** ECDSA: 256 (default), 384, 521; RSA: bits (default 2048). */
  size?: number;
  /** `PKCS1` (default: `EC PRIVATE KEY` / `RSA PRIVATE KEY`) or `PKCS8` (`PRIVATE KEY`). */
  encoding?: 'PKCS1' | 'PKCS8';
}

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface KeyPairPem {
  certPem: string;
  keyPem: string;
}

export interface CertificateAuthority extends KeyPairPem {
  /** `CN=…` */
  subject: string;
  /** DER of the subject Name, copied verbatim into the issuer field of what it signs. */
  subjectDer: Buffer;
  /** Subject key identifier, repeated as the authority key identifier of what it signs. */
  keyId: Buffer;
  privateKey: KeyObject;
  notAfter: Date;
}

const EC_CURVES: Record<number, string> = { 256: 'P-256', 384: 'P-384', 521: 'P-521' };
const generateKeyPairAsync = promisify(generateKeyPair);
/** RSA generation costs 0.1–2 s per key, so one key per size is made lazily and reused. */
const rsaKeys = new Map<number, Promise<KeyPair>>();
const rsaReady = new Map<number, KeyPair>();

/** A fresh key for ECDSA/Ed25519 (fast); a cached one per size for RSA. */
export async function keyPairFor(spec: KeySpec = { algorithm: 'ECDSA' }): Promise<KeyPair> {
  if (spec.algorithm === 'RSA') {
    const bits = spec.size ?? 2048;
    let p = rsaKeys.get(bits);
    if (!p) {
      p = generateKeyPairAsync('rsa', { modulusLength: bits }).then((k) => {
        rsaReady.set(bits, k);
        return k;
      });
      rsaKeys.set(bits, p);
    }
    return p;
  }
  return readyKeyPair(spec)!;
}

/** `keyPairFor` without waiting: undefined while an RSA key of that size is still being generated. */
export function readyKeyPair(spec: KeySpec = { algorithm: 'ECDSA' }): KeyPair | undefined {
  if (spec.algorithm === 'RSA') return rsaReady.get(spec.size ?? 2048);
  return spec.algorithm === 'Ed25519' ? generateKeyPairSync('ed25519') : ecKeyPair(spec.size);
}

/** pki.PrivateKeyMatchesSpec: which of the spec's algorithm and size `key` does not have. */
export function keyMismatch(spec: KeySpec, key: KeyObject): string[] {
  const types: Record<string, KeySpec['algorithm']> = { rsa: 'RSA', ec: 'ECDSA', ed25519: 'Ed25519' };
  if (types[key.asymmetricKeyType ?? ''] !== spec.algorithm) return ['spec.privateKey.algorithm'];
  if (spec.algorithm === 'Ed25519') return [];
  const details = key.asymmetricKeyDetails ?? {};
  const curves: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521 };
  const size = spec.algorithm === 'RSA' ? details.modulusLength : curves[details.namedCurve ?? ''];
  return size === (spec.size ?? (spec.algorithm === 'RSA' ? 2048 : 256)) ? [] : ['spec.privateKey.size'];
}

export function ecKeyPair(size = 256): KeyPair {
  const namedCurve = EC_CURVES[size];
  if (!namedCurve) throw new Error(`unsupported ECDSA key size ${size}`);
  return generateKeyPairSync('ec', { namedCurve });
}

/** PEM as cert-manager writes `tls.key`: PKCS#1/SEC1 by default, PKCS#8 on request (always for Ed25519). */
export function privateKeyPem(key: KeyObject, encoding: 'PKCS1' | 'PKCS8' = 'PKCS1'): string {
  const kind = key.asymmetricKeyType;
  if (encoding === 'PKCS8' || kind === 'ed25519') return key.export({ type: 'pkcs8', format: 'pem' }) as string;
  return key.export({ type: kind === 'rsa' ? 'pkcs1' : 'sec1', format: 'pem' }) as string;
}

/** 128 random bits as Go's crypto/rand serials, kept positive and minimal. */
function serial(): Buffer {
  const b = randomBytes(16);
  b[0] = (b[0] & 0x7f) | 0x40;
  return b;
}

/**
 * SubjectPublicKeyInfo DER. EC keys are assembled from their JWK point: node's `spki` export
 * costs ~0.12 ms against ~0.02 ms for the JWK, the largest share of a bulk certificate.
 */
function spkiOf(key: KeyObject): Buffer {
  if (key.asymmetricKeyType !== 'ec') return key.export({ type: 'spki', format: 'der' });
  const jwk = key.export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x ?? '', 'base64url'), Buffer.from(jwk.y ?? '', 'base64url')]);
  return der.seq(der.seq(der.oid(OID.ecPublicKey), der.oid(CURVE_OIDS[jwk.crv ?? ''])), der.bits(point));
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's bytes. */
function keyIdOf(spki: Buffer): Buffer {
  const [, bitString] = der.children(der.children(spki)[0].content);
  return createHash('sha1').update(bitString.content.subarray(1)).digest();
}

function name(commonName: string | undefined, organization?: string): Buffer {
  const rdns: Buffer[] = [];
  if (organization) rdns.push(der.set(der.seq(der.oid(OID.organization), der.utf8(organization))));
  if (commonName) rdns.push(der.set(der.seq(der.oid(OID.commonName), der.utf8(commonName))));
  return der.seq(...rdns);
}

const extension = (id: string, critical: boolean, value: Buffer) => der.seq(der.oid(id), ...(critical ? [der.bool(true)] : []), der.octets(value));

function ipBytes(ip: string): Buffer {
  if (ip.includes(':')) {
    const [head, tail = ''] = ip.split('::');
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const groups = ip.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
    return Buffer.from(groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
  }
  return Buffer.from(ip.split('.').map(Number));
}

export interface SubjectOptions {
  commonName?: string;
  organization?: string;
  dnsNames?: string[];
  ipAddresses?: string[];
  uris?: string[];
  /** A CA certificate (basicConstraints cA, keyCertSign), as cert-manager's `spec.isCA`. */
  isCA?: boolean;
  /** Extended key usage serverAuth (default true). */
  serverAuth?: boolean;
  clientAuth?: boolean;
}

export interface CertificateOptions extends SubjectOptions {
  notBefore: Date;
  notAfter: Date;
  /** The subject's key pair (default: a fresh ECDSA P-256 key). */
  keys?: KeyPair;
}

export interface IssuedCertificate extends KeyPairPem {
  /** Hex, as `openssl x509 -serial` prints it. */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  der: Buffer;
  privateKey: KeyObject;
}

/**
 * Builds and signs one certificate. `signer` undefined makes it self-signed (a root CA).
 */
/** Subject, SAN, key usage and basic constraints extensions, shared by certificates and requests. */
function subjectExtensions(opts: SubjectOptions): { subjectDer: Buffer; extensions: Buffer[] } {
  const subjectDer = name(opts.commonName, opts.organization);
  // Go's marshalSANs order: DNS names, IP addresses, URIs.
  const sans = [
    ...(opts.dnsNames ?? []).map((d) => der.implicit(2, Buffer.from(d, 'ascii'))),
    ...(opts.ipAddresses ?? []).map((ip) => der.implicit(7, ipBytes(ip))),
    ...(opts.uris ?? []).map((u) => der.implicit(6, Buffer.from(u, 'ascii'))),
  ];
  const eku = [...(opts.serverAuth !== false && !opts.isCA ? [OID.serverAuth] : []), ...(opts.clientAuth ? [OID.clientAuth] : [])];
  // KeyUsage bits: digitalSignature(0), keyEncipherment(2), keyCertSign(5), cRLSign(6).
  const extensions = [
    extension(OID.keyUsage, true, der.namedBits(opts.isCA ? [0, 5, 6] : [0, 2])),
    ...(eku.length ? [extension(OID.extKeyUsage, false, der.seq(...eku.map((o) => der.oid(o))))] : []),
    extension(OID.basicConstraints, true, opts.isCA ? der.seq(der.bool(true)) : der.seq()),
    ...(sans.length ? [extension(OID.subjectAltName, !opts.commonName && !opts.organization, der.seq(...sans))] : []),
  ];
  return { subjectDer, extensions };
}

/** What Go's x509 picks for a signing key: ECDSA → ecdsa-with-SHA256, RSA → sha256WithRSAEncryption (NULL parameters), Ed25519 → Ed25519. */
function sigAlgOf(key: KeyObject): Buffer {
  const kind = key.asymmetricKeyType;
  return kind === 'rsa' ? der.seq(der.oid(OID.sha256WithRsa), der.nullValue()) : kind === 'ed25519' ? der.seq(der.oid(OID.ed25519)) : der.seq(der.oid(OID.ecdsaWithSha256));
}

/** Ed25519 hashes internally (RFC 8410): node takes no digest for it. */
const signWith = (key: KeyObject, data: Buffer) => sign(key.asymmetricKeyType === 'ed25519' ? null : 'sha256', data, key);

/**
 * A PKCS#10 certificate request (RFC 2986) as cert-manager puts in a CertificateRequest's
 * `spec.request` (base64 of this PEM): subject, key, and the extensions in an extensionRequest.
 */
export function certificateRequestPem(opts: SubjectOptions, keys: KeyPair): string {
  const { subjectDer, extensions } = subjectExtensions(opts);
  const extensionRequest = der.seq(der.oid(OID.extensionRequest), der.set(der.seq(...extensions)));
  const info = der.seq(der.smallInt(0), subjectDer, spkiOf(keys.publicKey), der.explicit(0, extensionRequest));
  return der.pem(der.seq(info, sigAlgOf(keys.privateKey), der.bits(signWith(keys.privateKey, info))), 'CERTIFICATE REQUEST');
}

function buildCertificate(signer: CertificateAuthority | undefined, opts: CertificateOptions): { issued: IssuedCertificate; subjectDer: Buffer; keyId: Buffer } {
  const keys = opts.keys ?? ecKeyPair();
  const spki = spkiOf(keys.publicKey);
  const keyId = keyIdOf(spki);
  const { subjectDer, extensions: subjectExts } = subjectExtensions(opts);
  const extensions = [
    ...subjectExts,
    ...(opts.isCA ? [extension(OID.subjectKeyId, false, der.octets(keyId))] : []),
    extension(OID.authorityKeyId, false, der.seq(der.implicit(0, signer?.keyId ?? keyId))),
  ];
  const serialBytes = serial();
  const signingKey = signer?.privateKey ?? keys.privateKey;
  const sigAlg = sigAlgOf(signingKey);
  const tbs = der.seq(
    der.explicit(0, der.smallInt(2)),
    der.uint(serialBytes),
    sigAlg,
    signer?.subjectDer ?? subjectDer,
    der.seq(der.time(opts.notBefore), der.time(opts.notAfter)),
    subjectDer,
    spki,
    der.explicit(3, der.seq(...extensions)),
  );
  const signature = signWith(signingKey, tbs);
  const certDer = der.seq(tbs, sigAlg, der.bits(signature));
  return {
    issued: {
      serialNumber: serialBytes.toString('hex').toUpperCase(),
      notBefore: opts.notBefore,
      notAfter: opts.notAfter,
      der: certDer,
      certPem: der.pem(certDer, 'CERTIFICATE'),
      keyPem: privateKeyPem(keys.privateKey),
      privateKey: keys.privateKey,
    },
    subjectDer,
    keyId,
  };
}

function asAuthority(commonName: string, built: ReturnType<typeof buildCertificate>): CertificateAuthority {
  return { ...built.issued, subject: `CN=${commonName}`, subjectDer: built.subjectDer, keyId: built.keyId, notAfter: built.issued.notAfter };
}

/** A CA valid for 10 years from an hour before `now`: self-signed, or signed by `parent` (an intermediate). */
export function createCertificateAuthority(commonName = 'kube-sim-ca', now = new Date(), parent?: CertificateAuthority): CertificateAuthority {
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000 - 3600_000);
  const notAfter = new Date(notBefore.getTime() + 10 * 365 * 86400_000);
  return asAuthority(commonName, buildCertificate(parent, { commonName, notBefore, notAfter, isCA: true }));
}

/** Issues a certificate signed by `ca` (a fresh ECDSA P-256 key unless `opts.keys`). */
export function issueCertificate(ca: CertificateAuthority, opts: CertificateOptions): IssuedCertificate {
  return buildCertificate(ca, opts).issued;
}

/** A self-signed certificate, as cert-manager's SelfSigned issuer makes (a root when `opts.isCA`). */
export function selfSignedCertificate(opts: CertificateOptions): IssuedCertificate {
  return buildCertificate(undefined, opts).issued;
}

/**
 * A CA from a `kubernetes.io/tls` Secret's PEM (what cert-manager's CA issuer signs with): the
 * first certificate's subject and key identifier (its SKI extension, else computed), and the key.
 * Throws when the PEM does not hold a certificate and a matching private key.
 */
export function authorityFromPem(certPem: string, keyPem: string): CertificateAuthority {
  const [first] = der.pemBlocks(certPem);
  if (!first) throw new Error('no certificate');
  const privateKey = createPrivateKey(keyPem);
  const tbs = der.children(der.children(first)[0].content)[0].content;
  const fields = der.children(tbs).filter((f) => f.tag !== 0xa0); // skip the [0] version
  const [, , , validity, subject, spki] = fields;
  const publicSpki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  if (!publicSpki.equals(spki.raw)) throw new Error('private key does not match the certificate');
  const extensions = fields.find((f) => f.tag === 0xa3);
  const ski = extensions && der.children(der.children(extensions.content)[0].content).find((e) => der.children(e.content)[0].raw.equals(der.oid(OID.subjectKeyId)));
  const keyId = ski ? der.children(der.children(ski.content).at(-1)!.content)[0].content : keyIdOf(spki.raw);
  const notAfter = der.children(validity.content)[1];
  return { certPem, keyPem, subject: '', subjectDer: subject.raw, keyId: Buffer.from(keyId), privateKey, notAfter: parseTime(notAfter) };
}

/** Whether a DER certificate names itself as issuer (a root; cert-manager leaves roots out of `tls.crt`). */
export function isSelfSigned(certDer: Buffer): boolean {
  const fields = der.children(der.children(der.children(certDer)[0].content)[0].content).filter((f) => f.tag !== 0xa0);
  return fields[2].raw.equals(fields[4].raw);
}

function parseTime(t: der.Tlv): Date {
  const s = t.content.toString('ascii');
  const full = t.tag === 0x17 ? `${Number(s.slice(0, 2)) >= 50 ? '19' : '20'}${s}` : s;
  return new Date(`${full.slice(0, 4)}-${full.slice(4, 6)}-${full.slice(6, 8)}T${full.slice(8, 10)}:${full.slice(10, 12)}:${full.slice(12, 14)}Z`);
}

/** Root → intermediate: cert-manager's issuances are signed by the intermediate; `ca.crt` holds the root. */
export interface CaChain {
  root: CertificateAuthority;
  intermediate: CertificateAuthority;
}

export function createCaChain(now = new Date()): CaChain {
  const root = createCertificateAuthority('kube-sim-ca', now);
  return { root, intermediate: createCertificateAuthority('kube-sim-intermediate-ca', now, root) };
}
