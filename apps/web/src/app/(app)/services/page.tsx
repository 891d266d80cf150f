import type { Metadata } from 'next';
import { serviceColumns } from '@/modules/inventory/components/inventory-columns';
import { InventoryList } from '@/modules/inventory/components/inventory-list';
import { readListParams } from '@/modules/inventory/lib/inventory-query';
import { PageHeader } from '@/modules/ui/components/page-header';

export const metadata: Metadata = { title: 'Services' };

export default async function ServicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = readListParams('services', await searchParams);
  return (
    <>
      <PageHeader title="Services" description="Every Service across your clusters: type, addresses, ports, node ports, ready endpoints and DNS name." />
      <InventoryList kind="services" params={params} basePath="/services" columns={serviceColumns()} noun={['Service', 'Services']} icon="services" />
    </>
  );
}
