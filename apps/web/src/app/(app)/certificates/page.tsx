import type { Metadata } from 'next';
import { certificateColumns } from '@/modules/inventory/components/inventory-columns';
import { InventoryList } from '@/modules/inventory/components/inventory-list';
import { readListParams } from '@/modules/inventory/lib/inventory-query';
import { PageHeader } from '@/modules/ui/components/page-header';

export const metadata: Metadata = { title: 'Certificates' };

export default async function CertificatesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = readListParams('certificates', await searchParams);
  return (
    <>
      <PageHeader title="Certificates" description="TLS certificates found in kubernetes.io/tls Secrets: who they are for, who issued them and when they expire (amber under 30 days, red under 7)." />
      <InventoryList kind="certificates" params={params} basePath="/certificates" columns={certificateColumns()} noun={['certificate', 'certificates']} icon="certificates" />
    </>
  );
}
