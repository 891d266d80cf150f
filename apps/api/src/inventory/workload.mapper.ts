import type { TWorkloadKind, TWorkloadSummary } from '@portico/contracts';
import type { InventoryRow, NeighbourRow } from '@portico/db';
import { podLabels, servicePorts, serviceType, workloadContainers, workloadLabelSelector, workloadReplicas } from '@portico/kube';
import { summaryOf } from './inventory-row.js';

/**
 * A Deployment, StatefulSet or DaemonSet as its page shows it, with the Services that select
 * its pods (loaded by the caller: same namespace, selector a subset of the pod labels).
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service
 */
export function toWorkloadSummary(row: InventoryRow & { kind: TWorkloadKind }, services: readonly NeighbourRow[]): TWorkloadSummary {
  const body = row.body;
  return summaryOf(row, {
    kind: row.kind,
    replicas: workloadReplicas(row.kind, body),
    selector: workloadLabelSelector(body),
    podLabels: podLabels(body),
    containers: workloadContainers(body),
    services: services.map((s) => ({ id: s.id, namespace: s.namespace, name: s.name, type: serviceType(s.body), ports: servicePorts(s.body) })),
  });
}
