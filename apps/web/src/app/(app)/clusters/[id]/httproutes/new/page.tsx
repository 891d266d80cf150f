import type { Metadata } from 'next';
import { routes, type TGenericSummary } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { requireMe } from '@/modules/auth/lib/get-me';
import { BackToCluster } from '@/modules/clusters/components/back-to-cluster';
import { getCluster } from '@/modules/clusters/lib/get-cluster';
import { HttpRouteForm } from '@/modules/changes/components/httproute-form';
import { LoadError } from '@/modules/changes/components/load-error';
import { gatewayChoicesOf } from '@/modules/changes/lib/gateway-choices';
import { PageHeader } from '@/modules/ui/components/page-header';

export const metadata: Metadata = { title: 'New HTTPRoute' };

/** The HTTPRoute editor (Gateway API): parents from the cluster's Gateways and their listeners. */
export default async function NewHttpRoutePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const q = await searchParams;
  const [me, cluster, gateways] = await Promise.all([requireMe(), getCluster(id), apiGet(routes.listGateways, { query: { cluster: id, limit: 100 } })]);
  if (!cluster.ok) return <LoadError title="New HTTPRoute" what="the cluster" problem={cluster.problem} />;
  const namespace = typeof q.namespace === 'string' && q.namespace ? q.namespace : 'default';
  return (
    <>
      <BackToCluster id={id} name={cluster.data.name} />
      <PageHeader title="New HTTPRoute" description={`Gateway API, in ${cluster.data.name}. Preview it before submitting.`} />
      <HttpRouteForm
        clusterId={id}
        csrfToken={me.csrfToken}
        namespace={namespace}
        gateways={gateways.ok ? gatewayChoicesOf((gateways.data as { items: TGenericSummary[] }).items) : []}
        canSubmit={me.organization.role !== 'viewer'}
      />
    </>
  );
}
