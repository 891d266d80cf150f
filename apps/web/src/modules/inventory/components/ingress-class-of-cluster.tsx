import { routes } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { IngressClassCell } from './cells';

/**
 * An Ingress's class on its own page, named as the Ingress list names it: the cluster's
 * IngressClasses (its default one) come from the cluster's facts.
 */
export async function IngressClassOfCluster({ className, clusterId }: { className: string | null; clusterId: string }) {
  const cluster = className ? null : await apiGet(routes.getCluster, { params: { id: clusterId } });
  return <IngressClassCell className={className} classes={cluster?.ok ? cluster.data.facts.ingressClasses : undefined} />;
}
