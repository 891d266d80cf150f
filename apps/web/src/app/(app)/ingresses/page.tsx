import type { Metadata } from 'next';
import { ingressColumns } from '@/modules/inventory/components/inventory-columns';
import { InventoryList } from '@/modules/inventory/components/inventory-list';
import { readListParams } from '@/modules/inventory/lib/inventory-query';
import { PageHeader } from '@/modules/ui/components/page-header';

export const metadata: Metadata = { title: 'Ingress & TLS' };

export default async function IngressesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = readListParams('ingresses', await searchParams);
  return (
    <>
      <PageHeader title="Ingress & TLS" description="HTTP routing into your clusters: each Ingress with its class, hosts, paths → backend Services (with warnings) and TLS." />
      <InventoryList kind="ingresses" params={params} basePath="/ingresses" columns={ingressColumns()} noun={['Ingress', 'Ingresses']} icon="ingress" classLabel="Ingress class" />
    </>
  );
}
