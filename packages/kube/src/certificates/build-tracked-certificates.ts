/**
 * Certificates as data (issue 11): one cluster's tracked certificates, built from its synced
 * objects. Pure: the worker reads the objects, calls this, and replaces the cluster's rows.
 * One certificate per (namespace, Secret name): the TLS Secret's certificate when it exists,
 * joined with the cert-manager Certificate whose `spec.secretName` it is (and that Certificate's
 * latest CertificateRequest and issuer), and with the Ingress TLS entries and Gateway listeners
 * that name the Secret. docs/certificates.md explains every state.
 * @see https://cert-manager.io/docs/usage/certificate/
 */
import type { TCertificateChainEntry, TCertificateProblem, TrackedCertificateFacts, TrackedCertificateUse } from '@portico/contracts';
import {
  type TlsCertificateFacts,
  certificateCommonName,
  certificateDnsNames,
  certificateIssuerRef,
  certificateRequestFacts,
  certificateSecretName,
  certificateStatus,
  gatewayListenerCertificates,
  issuerReadiness,
} from '../kinds/certificate.js';
import { dictOf, isDict, metadataOf, specOf } from '../kinds/common.js';
import { ingressTls } from '../kinds/ingress.js';
import { hostCovered } from './host-coverage.js';

/** The label naming who owns an object (or, on a Namespace, everything in it). */
export const OWNER_LABEL = 'portico.dev/owner';

/** An RSA key under this many bits is weak (NIST SP 800-131A disallows them since 2013). */
export const MIN_RSA_BITS = 2048;

/** The kinds the builder reads; a sync change to any of them rebuilds the cluster's certificates. */
export const CERTIFICATE_SOURCE_RESOURCES = ['namespaces', 'secrets', 'certificates', 'certificaterequests', 'issuers', 'clusterissuers', 'ingresses', 'gateways'] as const;

/** A synced object as stored ("KubeObject"): the resource key, its place, labels and slimmed body. */
export interface CertificateSourceObject {
  resource: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  body: Record<string, unknown>;
}

const keyOf = (namespace: string, name: string) => `${namespace}/${name}`;

/** The stored certificate facts of a TLS Secret (`body.certificate`, see `tlsCertificateFacts`). */
function secretFacts(body: unknown): Exclude<TlsCertificateFacts, { error: string }> | { error: string } | null {
  const cert = dictOf(body).certificate;
  if (!isDict(cert)) return null;
  if (typeof cert.error === 'string') return { error: cert.error };
  return typeof cert.notAfter === 'string' ? (cert as unknown as Exclude<TlsCertificateFacts, { error: string }>) : null;
}

/** The latest CertificateRequest per Certificate (by revision annotation). */
function latestRequests(requests: CertificateSourceObject[]) {
  const latest = new Map<string, ReturnType<typeof certificateRequestFacts>>();
  for (const r of requests) {
    const facts = certificateRequestFacts(r.body);
    if (!facts.certificateName) continue;
    const key = keyOf(r.namespace, facts.certificateName);
    const seen = latest.get(key);
    if (!seen || (facts.revision ?? -1) > (seen.revision ?? -1)) latest.set(key, facts);
  }
  return latest;
}

/** Who uses which Secret: Ingress TLS entries and Gateway listeners, keyed by the Secret's namespace/name. */
function usesBySecret(ingresses: CertificateSourceObject[], gateways: CertificateSourceObject[]) {
  const uses = new Map<string, TrackedCertificateUse[]>();
  const add = (namespace: string, secret: string, use: TrackedCertificateUse) => {
    const key = keyOf(namespace, secret);
    uses.set(key, [...(uses.get(key) ?? []), use]);
  };
  for (const ing of ingresses) {
    for (const tls of ingressTls(ing.body)) {
      if (tls.secretName) add(ing.namespace, tls.secretName, { kind: 'Ingress', namespace: ing.namespace, name: ing.name, listener: null, hosts: tls.hosts.map((h) => h.toLowerCase()) });
    }
  }
  for (const gw of gateways) {
    for (const ref of gatewayListenerCertificates({ ...dictOf(gw.body), metadata: { ...metadataOf(gw.body), namespace: gw.namespace } })) {
      add(ref.namespace, ref.name, { kind: 'Gateway', namespace: gw.namespace, name: gw.name, listener: ref.listener, hosts: ref.hostname ? [ref.hostname.toLowerCase()] : [] });
    }
  }
  return uses;
}

const seconds = (from: string | null, to: string | null) => (from && to ? Math.round((Date.parse(to) - Date.parse(from)) / 1000) : null);
const unique = (xs: string[]) => [...new Set(xs)];

/** Builds the tracked certificates of one cluster from its synced objects, sorted by namespace and Secret name. */
export function buildTrackedCertificates(objects: Iterable<CertificateSourceObject>): TrackedCertificateFacts[] {
  const by: Record<string, CertificateSourceObject[]> = Object.fromEntries(CERTIFICATE_SOURCE_RESOURCES.map((r) => [r, []]));
  for (const o of objects) by[o.resource]?.push(o);

  const namespaceOwner = new Map(by.namespaces.map((n) => [n.name, n.labels[OWNER_LABEL] ?? null]));
  const secrets = new Map(by.secrets.map((s) => [keyOf(s.namespace, s.name), s]));
  const certificates = new Map<string, CertificateSourceObject>();
  for (const c of by.certificates) {
    const secretName = certificateSecretName(c.body);
    if (secretName) certificates.set(keyOf(c.namespace, secretName), c);
  }
  const issuers = new Map([...by.issuers.map((i) => [`Issuer/${i.namespace}/${i.name}`, i] as const), ...by.clusterissuers.map((i) => [`ClusterIssuer//${i.name}`, i] as const)]);
  const requests = latestRequests(by.certificaterequests);
  const uses = usesBySecret(by.ingresses, by.gateways);

  const keys = unique([...secrets.keys(), ...certificates.keys(), ...uses.keys()]).sort();
  return keys.map((key) => {
    const slash = key.indexOf('/');
    const namespace = key.slice(0, slash);
    const secretName = key.slice(slash + 1);
    const secret = secrets.get(key);
    const certificate = certificates.get(key);
    const usedBy = uses.get(key) ?? [];
    const facts = secret ? secretFacts(secret.body) : null;
    const leaf = facts && !('error' in facts) ? facts : null;
    const status = certificate ? certificateStatus(certificate.body) : null;
    const issuerRef = certificate ? certificateIssuerRef(certificate.body) : null;
    const issuerGroup = certificate ? dictOf(specOf(certificate.body).issuerRef).group : undefined;
    // External issuers (another API group) are not synced: their readiness is unknown, not "not ready".
    const ownIssuer = issuerRef && (issuerGroup === undefined || issuerGroup === '' || issuerGroup === 'cert-manager.io');
    const issuer = ownIssuer ? issuers.get(issuerRef.kind === 'ClusterIssuer' ? `ClusterIssuer//${issuerRef.name}` : `Issuer/${namespace}/${issuerRef.name}`) : undefined;
    const issuerState = ownIssuer ? (issuer ? issuerReadiness(issuer.body) : { ready: false, message: `${issuerRef.kind} "${issuerRef.name}" does not exist.` }) : null;
    const request = certificate ? requests.get(keyOf(namespace, certificate.name)) : undefined;

    const notBefore = leaf?.notBefore ?? status?.notBefore ?? null;
    const notAfter = leaf?.notAfter ?? status?.notAfter ?? null;
    const dnsNames = leaf?.dnsNames ?? (certificate ? certificateDnsNames(certificate.body) : []);
    const hosts = unique(usedBy.flatMap((u) => u.hosts)).sort();
    // Coverage is judged against a certificate that exists; a missing one is its own state.
    const uncoveredHosts = leaf ? hosts.filter((h) => !hostCovered(h, leaf.dnsNames)) : [];
    const chain = (leaf?.chain ?? []) as TCertificateChainEntry[];
    const chainComplete = leaf && typeof leaf.chainComplete === 'boolean' ? leaf.chainComplete : null;
    const intermediateNotAfter = leaf?.intermediateNotAfter ?? null;

    const problems: TCertificateProblem[] = [];
    if (status?.ready === false) problems.push('not-ready');
    if (issuerState && !issuerState.ready) problems.push('issuer-not-ready');
    if (uncoveredHosts.length) problems.push('hosts-not-covered');
    if (!secret && usedBy.length) problems.push('secret-missing');
    if (leaf?.keyAlgorithm === 'RSA' && leaf.keySize !== null && leaf.keySize < MIN_RSA_BITS) problems.push('weak-key');
    if (chainComplete === false) problems.push('chain-incomplete');
    if (intermediateNotAfter && notAfter && Date.parse(intermediateNotAfter) < Date.parse(notAfter)) problems.push('intermediate-expires-first');

    return {
      namespace,
      secretName,
      source: certificate ? 'cert-manager' : secret ? 'secret' : 'reference',
      secretExists: !!secret,
      certManagerName: certificate?.name ?? null,
      subject: leaf?.subject ?? null,
      commonName: leaf ? (leaf.commonName ?? null) : certificate ? certificateCommonName(certificate.body) : null,
      issuerName: leaf?.issuerCommonName ?? null,
      dnsNames,
      notBefore,
      notAfter,
      lifetimeSeconds: seconds(notBefore, notAfter),
      fingerprintSha256: leaf?.fingerprintSha256 ?? null,
      serialNumber: leaf?.serialNumber ?? null,
      keyAlgorithm: leaf?.keyAlgorithm ?? null,
      keySize: leaf?.keySize ?? null,
      chain,
      chainComplete,
      intermediateNotAfter,
      issuerRefKind: issuerRef?.kind ?? null,
      issuerRefName: issuerRef?.name ?? null,
      issuerReady: issuerState?.ready ?? null,
      issuerMessage: issuerState?.message ?? null,
      ready: status?.ready ?? null,
      readyReason: status?.readyReason ?? null,
      readyMessage: status?.readyMessage ?? null,
      renewalTime: status?.renewalTime ?? null,
      revision: status?.revision ?? null,
      requestState: request?.state ?? null,
      requestMessage: request?.message ?? null,
      usedBy,
      hosts,
      uncoveredHosts,
      owner: secret?.labels[OWNER_LABEL] ?? certificate?.labels[OWNER_LABEL] ?? namespaceOwner.get(namespace) ?? null,
      problems,
      parseError: facts && 'error' in facts ? facts.error : null,
    };
  });
}
