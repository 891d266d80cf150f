import type { V1IngressClass } from '@kubernetes/client-node';
import { detectCni, ingressControllers } from '@portico/kube';
import type { Db } from '@portico/db';

interface WorkloadBody {
  spec?: { template?: { spec?: { containers?: { image?: string }[]; initContainers?: { image?: string }[] } } };
}

/** Facts shown on the cluster page, derived from the synced copy (no extra calls to the cluster). */
export async function computeFacts(db: Db, clusterId: string, known: { gitVersion?: string; groups: Set<string> }) {
  const [nodeCount, systemWorkloads, classes] = await Promise.all([
    db.kubeObject.count({ where: { clusterId, resource: 'nodes' } }),
    db.kubeObject.findMany({ where: { clusterId, namespace: 'kube-system', resource: { in: ['daemonsets', 'deployments'] } }, select: { namespace: true, name: true, body: true } }),
    db.kubeObject.findMany({ where: { clusterId, resource: 'ingressclasses' }, select: { body: true } }),
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
