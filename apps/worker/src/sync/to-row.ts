import type { KubernetesObject, V1Secret } from '@kubernetes/client-node';
import { REPLACEMENT_CHARACTER, type ResourceType, apiVersionOf, slimObject, storableText, tlsSecretCertificate, toStorable } from '@portico/kube';
import type { KubeObjectRow } from '@portico/db/sql';

/** Any object as it comes off a list or watch: the sync reads only a few well-known fields. */
export type RawObject = KubernetesObject & { spec?: Record<string, unknown>; [key: string]: unknown };

function hostsOf(res: ResourceType, obj: RawObject): string[] {
  const spec = isDict(obj.spec) ? obj.spec : {};
  switch (res.key) {
    case 'ingresses': {
      const rules = listOf(spec.rules).map((r) => (isDict(r) ? r.host : undefined));
      const tls = listOf(spec.tls).flatMap((t) => (isDict(t) ? listOf(t.hosts) : []));
      return [...new Set(strings([...rules, ...tls]))];
    }
    case 'httproutes':
      return strings(listOf(spec.hostnames));
    case 'certificates':
      return strings(listOf(spec.dnsNames));
    case 'gateways':
      return strings(listOf(spec.listeners).map((l) => (isDict(l) ? l.hostname : undefined)));
    default:
      return [];
  }
}

// A cluster's objects are data from outside: a field of the wrong type is ignored, never a crash.
const isDict = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strings = (values: unknown[]) => values.filter((h): h is string => typeof h === 'string' && h !== '');
const stringOr = <T,>(v: unknown, fallback: T) => (typeof v === 'string' ? v : fallback);

/** The "class" column: which controller class an object belongs to. */
function classOf(res: ResourceType, obj: RawObject): string | null {
  const spec = isDict(obj.spec) ? obj.spec : {};
  if (res.key === 'ingresses') return stringOr(spec.ingressClassName, null) ?? stringOr(obj.metadata?.annotations?.['kubernetes.io/ingress.class'], null);
  if (res.key === 'gateways') return stringOr(spec.gatewayClassName, null);
  if (res.key === 'gatewayclasses') return stringOr(spec.controllerName, null);
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
  let certificate: Record<string, unknown> | undefined;
  if (res.key === 'secrets') {
    const parsed = tlsSecretCertificate(obj as V1Secret);
    certificate = parsed.ok
      ? {
          subject: parsed.certificate.subject,
          issuer: parsed.certificate.issuer,
          dnsNames: parsed.certificate.dnsNames,
          notBefore: parsed.certificate.notBefore.toISOString(),
          notAfter: parsed.certificate.notAfter.toISOString(),
          serialNumber: parsed.certificate.serialNumber,
          fingerprintSha256: parsed.certificate.fingerprintSha256,
        }
      : { error: parsed.message };
  }
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
    serviceType: res.key === 'services' ? stringOr(isDict(obj.spec) ? obj.spec.type : undefined, 'ClusterIP') : null,
    ingressClass: classOf(res, obj),
    hosts: res.key === 'secrets' ? ((certificate?.dnsNames as string[] | undefined) ?? []) : hostsOf(res, obj),
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
