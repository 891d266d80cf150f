import type { KubernetesObject, V1Secret } from '@kubernetes/client-node';
import { type ResourceType, apiVersionOf, slimObject, tlsSecretCertificate } from '@portico/kube';
import type { KubeObjectRow } from '@portico/db/sql';

/** Any object as it comes off a list or watch: the sync reads only a few well-known fields. */
export type RawObject = KubernetesObject & { spec?: Record<string, unknown>; [key: string]: unknown };

function hostsOf(res: ResourceType, obj: RawObject): string[] {
  const spec = obj.spec ?? {};
  switch (res.key) {
    case 'ingresses': {
      const rules = (spec.rules as { host?: string }[] | undefined) ?? [];
      const tls = (spec.tls as { hosts?: string[] }[] | undefined) ?? [];
      return [...new Set([...rules.map((r) => r.host), ...tls.flatMap((t) => t.hosts ?? [])].filter((h): h is string => !!h))];
    }
    case 'httproutes':
      return ((spec.hostnames as string[] | undefined) ?? []).filter(Boolean);
    case 'certificates':
      return ((spec.dnsNames as string[] | undefined) ?? []).filter(Boolean);
    case 'gateways':
      return ((spec.listeners as { hostname?: string }[] | undefined) ?? []).map((l) => l.hostname).filter((h): h is string => !!h);
    default:
      return [];
  }
}

/** The "class" column: which controller class an object belongs to. */
function classOf(res: ResourceType, obj: RawObject): string | null {
  const spec = obj.spec ?? {};
  if (res.key === 'ingresses') return (spec.ingressClassName as string | undefined) ?? obj.metadata?.annotations?.['kubernetes.io/ingress.class'] ?? null;
  if (res.key === 'gateways') return (spec.gatewayClassName as string | undefined) ?? null;
  if (res.key === 'gatewayclasses') return (spec.controllerName as string | undefined) ?? null;
  return null;
}

/**
 * The row Portico stores for an object. For TLS Secrets the certificate is parsed from
 * `tls.crt` first, then the Secret is slimmed: its values (`tls.key` above all) never leave
 * this function.
 */
export function toRow(res: ResourceType, raw: RawObject): KubeObjectRow {
  const obj: RawObject = { ...raw, apiVersion: raw.apiVersion ?? apiVersionOf(res), kind: raw.kind ?? res.kind };
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
  const body: Record<string, unknown> = { ...(slimObject(obj, obj.kind) as object) };
  if (certificate) body.certificate = certificate;
  return {
    resource: res.key,
    apiVersion: obj.apiVersion!,
    kind: obj.kind!,
    namespace: obj.metadata?.namespace ?? '',
    name: obj.metadata?.name ?? '',
    uid: obj.metadata?.uid ?? '',
    resourceVersion: obj.metadata?.resourceVersion ?? '',
    labels: obj.metadata?.labels ?? {},
    body,
    serviceType: res.key === 'services' ? ((obj.spec?.type as string | undefined) ?? 'ClusterIP') : null,
    ingressClass: classOf(res, obj),
    hosts: res.key === 'secrets' ? ((certificate?.dnsNames as string[] | undefined) ?? []) : hostsOf(res, obj),
  };
}
