import type { TIngressSummary } from '@portico/contracts';
import type { InventoryRow } from '@portico/db';
import {
  type IngressServiceBackend,
  type ServicePortView,
  annotatedIssuer,
  hasServicePort,
  ingressAddresses,
  ingressDefaultBackend,
  ingressRules,
  ingressServiceNames,
  ingressTls,
} from '@portico/kube';
import { daysUntil, placeKey, summaryOf } from './inventory-row.js';

/** Services near the ingresses of a page: id and ports, by placeKey(cluster, ns, name). */
export type ServiceIndex = Map<string, { id: string; ports: ServicePortView[] }>;

/** TLS Secrets near the ingresses of a page: id and the certificate's expiry, by placeKey(cluster, ns, name). */
export type SecretIndex = Map<string, { id: string; notAfter: string | null }>;

function backendWarning(index: ServiceIndex, row: InventoryRow, backend: IngressServiceBackend): { serviceId: string | null; warning: string | null } {
  const name = backend.service;
  if (!name) return { serviceId: null, warning: 'No backend service' };
  const svc = index.get(placeKey(row.clusterId, row.namespace, name));
  if (!svc) return { serviceId: null, warning: `Service ${name} does not exist in ${row.namespace}` };
  return { serviceId: svc.id, warning: hasServicePort(svc.ports, backend.port) ? null : `Service ${name} has no port ${backend.port}` };
}

/**
 * An Ingress as the inventory shows it: its routing table with a warning on every path whose
 * backend Service or port is missing.
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/
 */
export function toIngressSummary(row: InventoryRow, services: ServiceIndex, secrets: SecretIndex = new Map(), now = Date.now()): TIngressSummary {
  const body = row.body;
  const issuer = annotatedIssuer(body);
  const rules = ingressRules(body).map((rule) => ({
    host: rule.host,
    paths: rule.paths.map((p) => ({
      path: p.path ?? '/',
      pathType: p.pathType ?? 'ImplementationSpecific',
      service: p.backend.service,
      port: p.backend.port,
      ...backendWarning(services, row, p.backend),
    })),
  }));
  const b = ingressDefaultBackend(body);
  if (b) rules.push({ host: null, paths: [{ path: '(default backend)', pathType: '-', service: b.service, port: b.port, ...backendWarning(services, row, b) }] });
  return summaryOf(row, {
    kind: 'Ingress' as const,
    className: row.ingressClass,
    hosts: row.hosts,
    rules,
    tls: ingressTls(body).map((t) => {
      const secret = t.secretName ? secrets.get(placeKey(row.clusterId, row.namespace, t.secretName)) : undefined;
      const notAfter = secret?.notAfter ?? null;
      return { ...t, secretId: secret?.id ?? null, notAfter, daysLeft: daysUntil(notAfter, now) };
    }),
    issuer: issuer ? `${issuer.kind}/${issuer.name}` : null,
    address: ingressAddresses(body),
  });
}

/** The Services and TLS Secrets an ingress names (for loading its neighbours). */
export const ingressNeighbours = (row: InventoryRow): { resource: string; name: string }[] => [
  ...ingressServiceNames(row.body).map((name) => ({ resource: 'services', name })),
  ...ingressTls(row.body).flatMap((t) => (t.secretName ? [{ resource: 'secrets', name: t.secretName }] : [])),
];
