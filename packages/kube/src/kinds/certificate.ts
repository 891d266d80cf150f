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
import { type ChainFacts, tlsSecretCertificate } from '../tls.js';
import { type Untrusted, annotationOf, dictOf, listOf, metadataOf, numberOr, specOf, statusOf, stringOr, strings } from './common.js';

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
 * worker (`tlsCertificateFacts`), read by the API (`storedCertificateFacts`) and the
 * tracked-certificate builder (`../certificates/`). Dates are ISO 8601. Never key material:
 * `keyAlgorithm`/`keySize` describe the public key of the certificate.
 */
export type TlsCertificateFacts =
  | ({
      subject: string;
      /** The subject's CN, when it has one. */
      commonName: string | null;
      issuer: string;
      /** The issuer's CN, when it has one. */
      issuerCommonName: string | null;
      dnsNames: string[];
      notBefore: string;
      notAfter: string;
      serialNumber: string;
      fingerprintSha256: string;
      keyAlgorithm: string;
      keySize: number | null;
    } & ChainFacts)
  | { error: string };

/**
 * The facts of a TLS Secret's certificate, from `data['tls.crt']` (and `ca.crt` for the chain)
 * only; call it before the Secret is slimmed. An unreadable certificate gives `{ error }` in
 * plain words.
 */
export function tlsCertificateFacts(secret: Untrusted<V1Secret>): TlsCertificateFacts {
  const parsed = tlsSecretCertificate({ data: dictOf(dictOf(secret).data) as V1Secret['data'] });
  if (!parsed.ok) return { error: parsed.message };
  const c = parsed.certificate;
  return {
    subject: c.subject,
    commonName: c.subjectCommonName ?? null,
    issuer: c.issuer,
    issuerCommonName: c.issuerCommonName ?? null,
    dnsNames: c.dnsNames,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    serialNumber: c.serialNumber,
    fingerprintSha256: c.fingerprintSha256,
    keyAlgorithm: c.keyAlgorithm,
    keySize: c.keySize,
    ...parsed.chain,
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

/** A `status.conditions[]` entry by type: status as a boolean (`True`), reason and message. */
export function conditionOf(obj: unknown, type: string): { status: boolean; reason: string | null; message: string | null } | null {
  const found = listOf(statusOf(obj).conditions)
    .map(dictOf)
    .find((c) => c.type === type);
  return found ? { status: found.status === 'True', reason: stringOr(found.reason, null), message: stringOr(found.message, null) } : null;
}

/**
 * What cert-manager reports of a Certificate: the Ready condition, the issued certificate's
 * validity, when it will renew, and the revision (+1 per issuance).
 * @see https://cert-manager.io/docs/reference/api-docs/#cert-manager.io/v1.CertificateStatus
 */
export function certificateStatus(certificate: Untrusted<Certificate>) {
  const status = statusOf(certificate);
  const ready = conditionOf(certificate, 'Ready');
  return {
    ready: ready ? ready.status : null,
    readyReason: ready?.reason ?? null,
    readyMessage: ready?.message ?? null,
    notBefore: stringOr(status.notBefore, null),
    notAfter: stringOr(status.notAfter, null),
    renewalTime: stringOr(status.renewalTime, null),
    revision: numberOr(status.revision, null),
  };
}

/** `spec.commonName` of a Certificate. */
export const certificateCommonName = (certificate: Untrusted<Certificate>): string | null => stringOr(specOf(certificate).commonName, null);

export const CERTIFICATE_REVISION_ANNOTATION = 'cert-manager.io/certificate-revision';

/**
 * A CertificateRequest: the Certificate and revision it was made for (cert-manager's
 * annotations), and its state: `Denied` or `InvalidRequest` when so conditioned, else the
 * Ready condition's reason (`Issued`, `Pending`, `Failed`).
 * @see https://cert-manager.io/docs/usage/certificaterequest/#conditions
 */
export function certificateRequestFacts(request: unknown): { certificateName: string | null; revision: number | null; state: string | null; message: string | null } {
  const revision = Number(annotationOf(request, CERTIFICATE_REVISION_ANNOTATION) ?? NaN);
  const denied = conditionOf(request, 'Denied');
  const invalid = conditionOf(request, 'InvalidRequest');
  const ready = conditionOf(request, 'Ready');
  const [state, message] = denied?.status
    ? ['Denied', denied.message]
    : invalid?.status
      ? ['InvalidRequest', invalid.message]
      : ready
        ? [ready.reason ?? (ready.status ? 'Issued' : 'Pending'), ready.message]
        : [null, null];
  return { certificateName: annotationOf(request, CERTIFICATE_NAME_ANNOTATION), revision: Number.isInteger(revision) ? revision : null, state, message };
}

/**
 * An Issuer's or ClusterIssuer's Ready condition (no condition yet: not ready, as cert-manager
 * treats it).
 * @see https://cert-manager.io/docs/concepts/issuer/
 */
export function issuerReadiness(issuer: unknown): { ready: boolean; message: string | null } {
  const ready = conditionOf(issuer, 'Ready');
  return { ready: ready?.status ?? false, message: ready?.message ?? (ready ? null : 'The issuer has no Ready condition yet.') };
}

/**
 * The TLS Secrets each Gateway listener terminates with (HTTPS, or TLS in Terminate mode), with
 * the listener's hostname: the names its certificate must cover.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#gatewaytlsconfig
 */
export function gatewayListenerCertificates(gateway: unknown): { listener: string; hostname: string | null; namespace: string; name: string }[] {
  const gatewayNamespace = stringOr(metadataOf(gateway).namespace, '');
  return listOf(specOf(gateway).listeners).flatMap((l) => {
    const listener = dictOf(l);
    const tls = dictOf(listener.tls);
    const terminates = listener.protocol === 'HTTPS' || (listener.protocol === 'TLS' && stringOr(tls.mode, 'Terminate') === 'Terminate');
    if (!terminates) return [];
    return listOf(tls.certificateRefs)
      .map(dictOf)
      .filter((r) => stringOr(r.group, '') === '' && stringOr(r.kind, 'Secret') === 'Secret' && typeof r.name === 'string' && r.name !== '')
      .map((r) => ({ listener: stringOr(listener.name, ''), hostname: stringOr(listener.hostname, null), namespace: stringOr(r.namespace, gatewayNamespace), name: r.name as string }));
  });
}
