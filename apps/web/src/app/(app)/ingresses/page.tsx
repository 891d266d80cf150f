import type { Metadata } from 'next';
import { ingressColumns } from '@/modules/inventory/components/inventory-columns';
import { InventoryList } from '@/modules/inventory/components/inventory-list';
import { readListParams } from '@/modules/inventory/lib/inventory-query';
import { PageHeader } from '@/modules/ui/components/page-header';
import { routes } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { requireMe } from '@/modules/auth/lib/get-me';
import { NewIngressLink } from '@/modules/changes/components/new-ingress-link';

export const metadata: Metadata = { title: 'Ingress & TLS' };

export default async function IngressesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = readListParams('ingresses', await searchParams);
  const me = await requireMe();
  // New Ingress goes into the cluster the list is filtered to, or the only one.
  const clusters = me.organization.role === 'viewer' || params.filters.cluster ? null : await apiGet(routes.listClusters);
  const clusterId = params.filters.cluster ?? (clusters?.ok && clusters.data.items.length === 1 ? clusters.data.items[0].id : null);
  return (
    <>
      <PageHeader
        title="Ingress & TLS"
        description="HTTP routing into your clusters: each Ingress with its class, hosts, paths → backend Services (with warnings) and TLS."
        actions={me.organization.role === 'viewer' ? undefined : <NewIngressLink clusterId={clusterId} namespace={params.filters.namespace} />}
      />
      <InventoryList kind="ingresses" params={params} basePath="/ingresses" columns={ingressColumns()} noun={['Ingress', 'Ingresses']} icon="ingress" classLabel="Ingress class" />
    </>
  );
}
