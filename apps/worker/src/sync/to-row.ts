import type { KubernetesObject } from '@kubernetes/client-node';
import {
  REPLACEMENT_CHARACTER,
  type ResourceType,
  apiVersionOf,
  certificateDnsNames,
  gatewayClassController,
  gatewayClassNameOf,
  gatewayHosts,
  httpRouteHostnames,
  ingressClassOf,
  ingressHosts,
  isDict,
  serviceType,
  slimObject,
  storableText,
  stringOr,
  tlsCertificateFacts,
  toStorable,
} from '@portico/kube';
import type { KubeObjectRow } from '@portico/db/sql';

/** Any object as it comes off a list or watch: the sync reads only a few well-known fields. */
export type RawObject = KubernetesObject & { spec?: Record<string, unknown>; [key: string]: unknown };

/** The "hosts" column: the names an object serves traffic for (the kinds' own readers). */
function hostsOf(res: ResourceType, obj: RawObject): string[] {
  switch (res.key) {
    case 'ingresses':
      return ingressHosts(obj);
    case 'httproutes':
      return httpRouteHostnames(obj);
    case 'certificates':
      return certificateDnsNames(obj);
    case 'gateways':
      return gatewayHosts(obj);
    default:
      return [];
  }
}

/** The "class" column: which controller class an object belongs to. */
function classOf(res: ResourceType, obj: RawObject): string | null {
  if (res.key === 'ingresses') return ingressClassOf(obj);
  if (res.key === 'gateways') return gatewayClassNameOf(obj);
  if (res.key === 'gatewayclasses') return gatewayClassController(obj);
  return null;
}

/**
 * The row Portico stores for an object. For TLS Secrets the certificate is parsed from
 * `tls.crt` first, then the Secret is slimmed: its values (`tls.key` above all) never leave
 * this function.
 */
export function toRow(res: ResourceType, raw: RawObject): KubeObjectRow {
  // The kind is the one we asked for, whatever the object claims: a Secret calling itself a
  // ConfigMap must still lose its values in slimObject.
  const obj: RawObject = { ...raw, apiVersion: stringOr(raw.apiVersion, apiVersionOf(res)), kind: res.kind };
  const certificate = res.key === 'secrets' ? tlsCertificateFacts(obj) : undefined;
  const body: Record<string, unknown> = { ...(slimObject(obj, res.kind) as object) };
  if (certificate) body.certificate = certificate;
  const metadata = isDict(obj.metadata) ? obj.metadata : {};
  return {
    resource: res.key,
    apiVersion: obj.apiVersion!,
    kind: res.kind,
    namespace: stringOr(metadata.namespace, ''),
    name: stringOr(metadata.name, ''),
    uid: stringOr(metadata.uid, ''),
    resourceVersion: stringOr(metadata.resourceVersion, ''),
    labels: isDict(metadata.labels) ? (metadata.labels as Record<string, string>) : {},
    body,
    serviceType: res.key === 'services' ? serviceType(obj) : null,
    ingressClass: classOf(res, obj),
    hosts: certificate ? ('dnsNames' in certificate ? certificate.dnsNames : []) : hostsOf(res, obj),
  };
}

/** One object of a page, converted: a row to store (maybe with a warning), or a warning alone when it was skipped. */
export interface Conversion {
  namespace: string;
  name: string;
  row?: KubeObjectRow;
  /** Plain words for the cluster page; null when the object was stored as it came. */
  warning: string | null;
}

const MAX_WARNING_LENGTH = 300;
// storableText again: the cut may fall between the halves of a surrogate pair.
const shorten = (s: string) => (s.length > MAX_WARNING_LENGTH ? storableText(`${s.slice(0, MAX_WARNING_LENGTH - 1)}…`) : s);

/**
 * `toRow`, made safe for one hostile object: characters Postgres refuses (NUL, lone surrogates)
 * become U+FFFD, and an object that still cannot become a row (no name, nested too deep, a
 * field of an impossible type) is skipped. Either way it is named in a warning, and the rest of
 * its page is stored: one object must never stop a kind from syncing.
 */
export function convertObject(res: ResourceType, raw: unknown): Conversion {
  const meta = isDict(raw) && isDict(raw.metadata) ? raw.metadata : {};
  const namespace = storableText(stringOr(meta.namespace, ''));
  const name = storableText(stringOr(meta.name, ''));
  if (!isDict(raw) || typeof meta.name !== 'string' || meta.name === '') return { namespace, name, warning: 'skipped: the object has no name' };
  try {
    const { value: row, replacedAt } = toStorable(toRow(res, raw as RawObject));
    const notes: string[] = [];
    if (replacedAt.length) notes.push(`stored with characters Postgres cannot hold (NUL or unpaired surrogates) replaced by U+FFFD in ${replacedAt.map((p) => p.replace(/^body\./, '')).join(', ')}`);
    // The X.509 reader already replaced them: a DNS name (IA5String) has no other way to hold U+FFFD.
    const oddNames = res.key === 'secrets' ? row.hosts.filter((h) => h.includes(REPLACEMENT_CHARACTER)) : [];
    if (oddNames.length) notes.push(`the certificate's subjectAltName holds a NUL or another character no DNS name has (shown as U+FFFD): ${oddNames.join(', ')}`);
    return { namespace, name, row, warning: notes.length ? shorten(notes.join('; ')) : null };
  } catch (err) {
    return { namespace, name, warning: shorten(`skipped: ${(err as Error).message}`) };
  }
}
