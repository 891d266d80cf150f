import type { TChangeCertificates, TIngressOptions } from '@portico/contracts';
import { type Dict, dictOf, ingressClassController, isDefaultIngressClass, isDict, listOf, servicePorts, statusOf, storedCertificateFacts, stringOr } from '@portico/kube';

type Row = { name: string; body: Dict };
type ReadyState = { ready: boolean | null; reason: string | null; message: string | null };

/** cert-manager's Ready condition, as its controllers write it on Issuers, Certificates and CertificateRequests. */
export function readyStateOf(body: Dict): ReadyState {
  const c = listOf(statusOf(body).conditions).find((x) => isDict(x) && x.type === 'Ready');
  if (!isDict(c)) return { ready: null, reason: null, message: null };
  return { ready: c.status === 'True', reason: stringOr(c.reason, null), message: stringOr(c.message, null) };
}

/** A cluster-written timestamp as ISO 8601, or null when it is not one (the contract promises date-times). */
function isoOrNull(value: unknown): string | null {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

// Each mapper lists the response's fields one by one: a synced body never reaches a response whole.
export const toIngressClassOption = (row: Row): TIngressOptions['ingressClasses'][number] => ({
  name: row.name,
  controller: ingressClassController(row.body),
  isDefault: isDefaultIngressClass(row.body),
});

export const toServiceOption = (row: Row): TIngressOptions['services'][number] => ({
  name: row.name,
  ports: servicePorts(row.body).map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })),
});

export const toIssuerOption = (kind: 'Issuer' | 'ClusterIssuer', row: Row): TIngressOptions['issuers'][number] => ({ kind, name: row.name, ...readyStateOf(row.body) });

export function toTlsSecretOption(row: Row): TIngressOptions['tlsSecrets'][number] {
  const cert = storedCertificateFacts(row.body);
  const annotations = dictOf(dictOf(row.body.metadata).annotations);
  return { name: row.name, dnsNames: cert.dnsNames, notAfter: cert.notAfter, managedBy: stringOr(annotations['cert-manager.io/certificate-name'], null) };
}

export const toCertificateState = (row: Row): NonNullable<TChangeCertificates['items'][number]['certificate']> => ({
  name: row.name,
  dnsNames: listOf(dictOf(row.body.spec).dnsNames).filter((d): d is string => typeof d === 'string'),
  notAfter: isoOrNull(statusOf(row.body).notAfter),
  ...readyStateOf(row.body),
});
