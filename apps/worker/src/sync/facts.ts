import type { V1IngressClass } from '@kubernetes/client-node';
import { CERT_MANAGER_GROUP, GATEWAY_API_GROUP, type Workload, containerImages, detectCni, ingressControllers } from '@portico/kube';
import { type Sql, countKubeObjects, findKubeObjectBodies } from '@portico/db/sql';

/** Facts shown on the cluster page, derived from the synced copy (no extra calls to the cluster). */
export async function computeFacts(sql: Sql, clusterId: string, known: { gitVersion?: string; groups: Set<string> }) {
  const [nodeCount, systemWorkloads, classes] = await Promise.all([
    countKubeObjects(sql, clusterId, 'nodes'),
    findKubeObjectBodies(sql, clusterId, { resources: ['daemonsets', 'deployments'], namespace: 'kube-system' }),
    findKubeObjectBodies(sql, clusterId, { resources: ['ingressclasses'] }),
  ]);
  const workloads = systemWorkloads.map((w) => ({ namespace: w.namespace, name: w.name, images: containerImages(w.body as Workload) }));
  return {
    kubernetesVersion: known.gitVersion ?? null,
    nodeCount,
    cniPlugin: detectCni(workloads),
    ingressClasses: ingressControllers(classes.map((c) => c.body as V1IngressClass)).map((c) => ({ name: c.name, controller: c.controller, isDefault: c.isDefault })),
    gatewayApi: known.groups.has(GATEWAY_API_GROUP),
    certManager: known.groups.has(CERT_MANAGER_GROUP),
  };
}
