import type { Metadata } from 'next';
import { serviceColumns } from '@/modules/inventory/components/inventory-columns';
import { InventoryList } from '@/modules/inventory/components/inventory-list';
import { readListParams } from '@/modules/inventory/lib/inventory-query';
import { PageHeader } from '@/modules/ui/components/page-header';
import { routes } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { requireMe } from '@/modules/auth/lib/get-me';
import { NewServiceLinks } from '@/modules/changes/components/new-service-links';

export const metadata: Metadata = { title: 'Services' };

export default async function ServicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = readListParams('services', await searchParams);
  const me = await requireMe();
  // Expose / New Service go into the cluster the list is filtered to, or the only one.
  const clusters = me.organization.role === 'viewer' || params.filters.cluster ? null : await apiGet(routes.listClusters);
  const clusterId = params.filters.cluster ?? (clusters?.ok && clusters.data.items.length === 1 ? clusters.data.items[0].id : null);
  return (
    <>
      <PageHeader
        title="Services"
        description="Every Service across your clusters: type, addresses, ports, node ports, ready endpoints and DNS name."
        actions={me.organization.role === 'viewer' ? undefined : <NewServiceLinks clusterId={clusterId} namespace={params.filters.namespace} />}
      />
      <InventoryList kind="services" params={params} basePath="/services" columns={serviceColumns()} noun={['Service', 'Services']} icon="services" />
    </>
  );
}
