import type { TServiceSummary } from '@portico/contracts';
import type { InventoryRow } from '@portico/db';
import { baseOf, bodyOf, placeKey } from './inventory-row.js';

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  nodePort?: number;
}

export interface ServiceContext {
  /** Endpoint counts per service (placeKey(cluster, ns, service)). */
  endpoints: Map<string, { ready: number; total: number }>;
  /** Pod-template labels of the workloads per place (placeKey(cluster, ns)). */
  templates: Map<string, Record<string, string>[]>;
}

export const selectorMatches = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);

/**
 * A Service as the inventory shows it.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#services
 */
export function toServiceSummary(row: InventoryRow, ctx: ServiceContext): TServiceSummary {
  const spec = (bodyOf(row).spec ?? {}) as { type?: string; clusterIP?: string; ports?: ServicePort[]; selector?: Record<string, string>; externalIPs?: string[]; externalName?: string };
  const status = (bodyOf(row).status ?? {}) as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
  const selector = spec.selector && Object.keys(spec.selector).length ? spec.selector : null;
  const endpoints = ctx.endpoints.get(placeKey(row.clusterId, row.namespace, row.name)) ?? { ready: 0, total: 0 };
  const templates = ctx.templates.get(placeKey(row.clusterId, row.namespace)) ?? [];
  return {
    ...baseOf(row),
    type: spec.type ?? 'ClusterIP',
    headless: spec.clusterIP === 'None',
    clusterIP: spec.clusterIP ?? null,
    ports: (spec.ports ?? []).map((p) => ({ name: p.name ?? null, port: p.port, targetPort: p.targetPort ?? null, protocol: p.protocol ?? 'TCP', nodePort: p.nodePort ?? null })),
    external: [
      ...(spec.externalIPs ?? []),
      ...(status.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter(Boolean),
      ...(spec.externalName ? [spec.externalName] : []),
    ],
    dnsName: `${row.name}.${row.namespace}.svc.cluster.local`,
    selector,
    endpoints,
    selectorMatchesPods: selector ? endpoints.total > 0 || templates.some((t) => selectorMatches(selector, t)) : null,
  };
}
