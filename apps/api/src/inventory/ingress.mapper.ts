import type { TIngressSummary } from '@portico/contracts';
import type { InventoryRow } from '@portico/db';
import { bodyOf, placeKey, summaryOf } from './inventory-row.js';

interface Backend {
  service?: { name?: string; port?: { number?: number; name?: string } };
}
interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: Backend;
  rules?: { host?: string; http?: { paths?: { path?: string; pathType?: string; backend?: Backend }[] } }[];
  tls?: { hosts?: string[]; secretName?: string }[];
}

/** Services near the ingresses of a page: id and port numbers/names, by placeKey(cluster, ns, name). */
export type ServiceIndex = Map<string, { id: string; ports: { port: number; name?: string }[] }>;

function backendWarning(index: ServiceIndex, row: InventoryRow, backend: Backend | undefined): { serviceId: string | null; warning: string | null } {
  const name = backend?.service?.name;
  if (!name) return { serviceId: null, warning: 'No backend service' };
  const svc = index.get(placeKey(row.clusterId, row.namespace, name));
  if (!svc) return { serviceId: null, warning: `Service ${name} does not exist in ${row.namespace}` };
  const port = backend.service?.port;
  const ok = port?.number !== undefined ? svc.ports.some((p) => p.port === port.number) : port?.name !== undefined ? svc.ports.some((p) => p.name === port.name) : true;
  return { serviceId: svc.id, warning: ok ? null : `Service ${name} has no port ${port?.number ?? port?.name}` };
}

/**
 * An Ingress as the inventory shows it: its routing table with a warning on every path whose
 * backend Service or port is missing.
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/
 */
export function toIngressSummary(row: InventoryRow, services: ServiceIndex): TIngressSummary {
  const body = bodyOf(row);
  const spec = (body.spec ?? {}) as IngressSpec;
  const annotations = body.metadata?.annotations ?? {};
  const issuer = annotations['cert-manager.io/cluster-issuer']
    ? `ClusterIssuer/${annotations['cert-manager.io/cluster-issuer']}`
    : annotations['cert-manager.io/issuer']
      ? `Issuer/${annotations['cert-manager.io/issuer']}`
      : null;
  const rules = (spec.rules ?? []).map((rule) => ({
    host: rule.host ?? null,
    paths: (rule.http?.paths ?? []).map((p) => ({
      path: p.path ?? '/',
      pathType: p.pathType ?? 'ImplementationSpecific',
      service: p.backend?.service?.name ?? null,
      port: p.backend?.service?.port?.number ?? p.backend?.service?.port?.name ?? null,
      ...backendWarning(services, row, p.backend),
    })),
  }));
  if (spec.defaultBackend) {
    const b = spec.defaultBackend;
    rules.push({ host: null, paths: [{ path: '(default backend)', pathType: '-', service: b.service?.name ?? null, port: b.service?.port?.number ?? b.service?.port?.name ?? null, ...backendWarning(services, row, b) }] });
  }
  const lb = ((body.status as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } | undefined)?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter(Boolean);
  return summaryOf(row, {
    className: row.ingressClass,
    hosts: row.hosts,
    rules,
    tls: (spec.tls ?? []).map((t) => ({ hosts: t.hosts ?? [], secretName: t.secretName ?? null })),
    issuer,
    address: lb,
  });
}

/** Service names an ingress refers to (for loading its neighbours). */
export function ingressBackends(row: InventoryRow): string[] {
  const spec = (bodyOf(row).spec ?? {}) as IngressSpec;
  const names = (spec.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend?.service?.name));
  names.push(spec.defaultBackend?.service?.name);
  return [...new Set(names.filter((n): n is string => !!n))];
}
