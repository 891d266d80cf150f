import type { V1IngressClass } from '@kubernetes/client-node';
import { detectCni, ingressControllers } from '@portico/kube';
import { type Sql, countKubeObjects, findKubeObjectBodies } from '@portico/db/sql';

interface WorkloadBody {
  spec?: { template?: { spec?: { containers?: { image?: string }[]; initContainers?: { image?: string }[] } } };
}

/** Facts shown on the cluster page, derived from the synced copy (no extra calls to the cluster). */
export async function computeFacts(sql: Sql, clusterId: string, known: { gitVersion?: string; groups: Set<string> }) {
  const [nodeCount, systemWorkloads, classes] = await Promise.all([
    countKubeObjects(sql, clusterId, 'nodes'),
    findKubeObjectBodies(sql, clusterId, { resources: ['daemonsets', 'deployments'], namespace: 'kube-system' }),
    findKubeObjectBodies(sql, clusterId, { resources: ['ingressclasses'] }),
  ]);
  const workloads = systemWorkloads.map((w) => {
    const pod = (w.body as WorkloadBody).spec?.template?.spec;
    const images = [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])].map((c) => c.image ?? '').filter(Boolean);
    return { namespace: w.namespace, name: w.name, images };
  });
  return {
    kubernetesVersion: known.gitVersion ?? null,
    nodeCount,
    cniPlugin: detectCni(workloads),
    ingressClasses: ingressControllers(classes.map((c) => c.body as V1IngressClass)).map((c) => ({ name: c.name, controller: c.controller, isDefault: c.isDefault })),
    gatewayApi: known.groups.has('gateway.networking.k8s.io'),
    certManager: known.groups.has('cert-manager.io'),
  };
}
