import type { TServiceSummary } from '@portico/contracts';
import type { InventoryRow } from '@portico/db';
import { bodyOf, summaryOf } from './inventory-row.js';

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  nodePort?: number;
}

/**
 * A Service as the inventory shows it. Endpoint counts and the workload match come with the
 * row (computed in SQL, see `listInventory`).
 * A selector "matches pods" when endpoints exist or a workload's pod template carries it.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#services
 */
export function toServiceSummary(row: InventoryRow): TServiceSummary {
  const spec = (bodyOf(row).spec ?? {}) as { type?: string; clusterIP?: string; ports?: ServicePort[]; selector?: Record<string, string>; externalIPs?: string[]; externalName?: string };
  const status = (bodyOf(row).status ?? {}) as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
  const selector = spec.selector && Object.keys(spec.selector).length ? spec.selector : null;
  const endpoints = row.endpoints ?? { ready: 0, total: 0 };
  return summaryOf(row, {
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
    selectorMatchesPods: selector ? endpoints.total > 0 || row.selectorMatchesWorkload === true : null,
  });
}
