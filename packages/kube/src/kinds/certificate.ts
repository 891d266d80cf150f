/**
 * Certificates: cert-manager's Certificate, the issuer annotations cert-manager reads on
 * Ingresses, and what Portico keeps of a `kubernetes.io/tls` Secret's certificate (parsed from
 * `tls.crt` only, in `../tls.ts`).
 * The coming Certificate/Issuer builders and validators live here too.
 * `@kubernetes/client-node` has no cert-manager models, so the type below is the v1 API's
 * fields Portico reads, as the reference names them.
 * @see https://cert-manager.io/docs/usage/certificate/
 * @see https://cert-manager.io/docs/reference/api-docs/#cert-manager.io/v1.Certificate
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets
 */
import type { KubernetesObject, V1Secret } from '@kubernetes/client-node';
import { tlsSecretCertificate } from '../tls.js';
import { type Untrusted, annotationOf, dictOf, listOf, specOf, stringOr, strings } from './common.js';

/** @see https://cert-manager.io/docs/reference/api-docs/#cert-manager.io/v1.CertificateSpec */
export interface Certificate extends KubernetesObject {
  spec?: { secretName: string; dnsNames?: string[]; commonName?: string; issuerRef: { name: string; kind?: string; group?: string } };
}

/**
 * Annotations cert-manager's ingress-shim reads to issue an Ingress's certificates, and the one
 * it writes on the Secrets it fills.
 * @see https://cert-manager.io/docs/usage/ingress/#supported-annotations
 * @see https://cert-manager.io/docs/reference/annotations/#cert-manageriocertificate-name
 */
export const CLUSTER_ISSUER_ANNOTATION = 'cert-manager.io/cluster-issuer';
export const ISSUER_ANNOTATION = 'cert-manager.io/issuer';
export const CERTIFICATE_NAME_ANNOTATION = 'cert-manager.io/certificate-name';

/** `spec.dnsNames` of a cert-manager Certificate, in order. */
export const certificateDnsNames = (certificate: Untrusted<Certificate>): string[] => strings(listOf(specOf(certificate).dnsNames));

/** `spec.secretName`: the TLS Secret cert-manager keeps the certificate in. */
export const certificateSecretName = (certificate: Untrusted<Certificate>): string | null => stringOr(specOf(certificate).secretName, null);

/** `spec.issuerRef`; `kind` defaults to `Issuer` (namespaced), as in cert-manager. */
export function certificateIssuerRef(certificate: Untrusted<Certificate>): { kind: string; name: string } | null {
  const ref = dictOf(specOf(certificate).issuerRef);
  return typeof ref.name === 'string' && ref.name ? { kind: stringOr(ref.kind, 'Issuer'), name: ref.name } : null;
}

/** The issuer an object's cert-manager annotations name (a ClusterIssuer wins over an Issuer), or null. */
export function annotatedIssuer(obj: Untrusted<KubernetesObject>): { kind: 'ClusterIssuer' | 'Issuer'; name: string } | null {
  const clusterIssuer = annotationOf(obj, CLUSTER_ISSUER_ANNOTATION);
  if (clusterIssuer) return { kind: 'ClusterIssuer', name: clusterIssuer };
  const issuer = annotationOf(obj, ISSUER_ANNOTATION);
  return issuer ? { kind: 'Issuer', name: issuer } : null;
}

/** The cert-manager Certificate that maintains a TLS Secret (its annotation), or null. */
export const managingCertificate = (secret: Untrusted<V1Secret>): string | null => annotationOf(secret, CERTIFICATE_NAME_ANNOTATION);

/**
 * What Portico stores of a TLS Secret's certificate, under `body.certificate`: written by the
 * worker (`tlsCertificateFacts`), read by the API (`storedCertificateFacts`). Dates are ISO 8601.
 */
export type TlsCertificateFacts = { subject: string; issuer: string; dnsNames: string[]; notBefore: string; notAfter: string; serialNumber: string; fingerprintSha256: string } | { error: string };

/**
 * The facts of a TLS Secret's certificate, from `data['tls.crt']` only; call it before the
 * Secret is slimmed. An unreadable certificate gives `{ error }` in plain words.
 */
export function tlsCertificateFacts(secret: Untrusted<V1Secret>): TlsCertificateFacts {
  const parsed = tlsSecretCertificate({ data: dictOf(dictOf(secret).data) as V1Secret['data'] });
  if (!parsed.ok) return { error: parsed.message };
  const c = parsed.certificate;
  return {
    subject: c.subject,
    issuer: c.issuer,
    dnsNames: c.dnsNames,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    serialNumber: c.serialNumber,
    fingerprintSha256: c.fingerprintSha256,
  };
}

/** The stored facts of a synced TLS Secret (`body.certificate`), each field null when absent. */
export function storedCertificateFacts(body: unknown): { subject: string | null; issuer: string | null; dnsNames: string[]; notBefore: string | null; notAfter: string | null } {
  const cert = dictOf(dictOf(body).certificate);
  return {
    subject: stringOr(cert.subject, null),
    issuer: stringOr(cert.issuer, null),
    dnsNames: strings(listOf(cert.dnsNames)),
    notBefore: stringOr(cert.notBefore, null),
    notAfter: stringOr(cert.notAfter, null),
  };
}
