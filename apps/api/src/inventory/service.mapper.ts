import type { TServiceSummary } from '@portico/contracts';
import type { InventoryRow } from '@portico/db';
import { isHeadless, serviceClusterIP, serviceDnsName, serviceExternalAddresses, servicePorts, serviceSelector, serviceType } from '@portico/kube';
import { summaryOf } from './inventory-row.js';

/**
 * A Service as the inventory shows it. Endpoint counts and the workload match come with the
 * row (computed in SQL, see `listInventory`).
 * A selector "matches pods" when endpoints exist or a workload's pod template carries it.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#services
 */
export function toServiceSummary(row: InventoryRow): TServiceSummary {
  const body = row.body;
  const selector = serviceSelector(body);
  const endpoints = row.endpoints ?? { ready: 0, total: 0 };
  return summaryOf(row, {
    kind: 'Service' as const,
    type: serviceType(body),
    headless: isHeadless(body),
    clusterIP: serviceClusterIP(body),
    ports: servicePorts(body),
    external: serviceExternalAddresses(body),
    dnsName: serviceDnsName(row.namespace, row.name),
    selector,
    endpoints,
    selectorMatchesPods: selector ? endpoints.total > 0 || row.selectorMatchesWorkload === true : null,
  });
}
