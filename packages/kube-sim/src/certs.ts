/**
 * X.509 material: the simulator's CA, its serving certificate, and leaf certificates that the
 * simulated cert-manager issues. ECDSA P-256 keeps generation in the low milliseconds.
 */
// @peculiar/x509 uses tsyringe, which needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import { webcrypto, randomBytes } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG: EcKeyGenParams & EcdsaParams = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

export interface KeyPairPem {
  certPem: string;
  keyPem: string;
}

export interface CertificateAuthority extends KeyPairPem {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
  subject: string;
}

async function keyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

function serial(): string {
  const b = randomBytes(16);
  b[0] &= 0x7f; // positive
  return b.toString('hex');
}

async function generateKeys(): Promise<CryptoKeyPair> {
  return await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
}

export async function createCertificateAuthority(commonName = 'kube-sim-ca', now = new Date()): Promise<CertificateAuthority> {
  const keys = await generateKeys();
  const subject = `CN=${commonName}`;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: subject,
    notBefore: new Date(now.getTime() - 3600_000),
    notAfter: new Date(now.getTime() + 10 * 365 * 86400_000),
    signingAlgorithm: ALG,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys, subject, certPem: cert.toString('pem'), keyPem: await keyPem(keys.privateKey) };
}

export interface LeafOptions {
  commonName?: string;
  dnsNames?: string[];
  ipAddresses?: string[];
  notBefore: Date;
  notAfter: Date;
  serverAuth?: boolean;
  clientAuth?: boolean;
}

export interface IssuedCertificate extends KeyPairPem {
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
}

/** Issues a leaf certificate signed by `ca` with a fresh key. */
export async function issueCertificate(ca: CertificateAuthority, opts: LeafOptions): Promise<IssuedCertificate> {
  const keys = await generateKeys();
  const names: x509.JsonGeneralName[] = [...(opts.dnsNames ?? []).map((v) => ({ type: 'dns' as const, value: v })), ...(opts.ipAddresses ?? []).map((v) => ({ type: 'ip' as const, value: v }))];
  const usages = [...(opts.serverAuth !== false ? [x509.ExtendedKeyUsage.serverAuth] : []), ...(opts.clientAuth ? [x509.ExtendedKeyUsage.clientAuth] : [])];
  const serialNumber = serial();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber,
    subject: opts.commonName ? `CN=${opts.commonName}` : '',
    issuer: ca.cert.subject,
    notBefore: opts.notBefore,
    notAfter: opts.notAfter,
    signingAlgorithm: ALG,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension(usages, false),
      ...(names.length ? [new x509.SubjectAlternativeNameExtension(names, !opts.commonName)] : []),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert, false),
    ],
  });
  return { serialNumber, notBefore: opts.notBefore, notAfter: opts.notAfter, certPem: cert.toString('pem'), keyPem: await keyPem(keys.privateKey) };
}
