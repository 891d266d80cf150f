import type { Metadata } from 'next';
import { tlsSecretColumns } from '@/modules/inventory/components/inventory-columns';
import { InventoryList } from '@/modules/inventory/components/inventory-list';
import { readListParams } from '@/modules/inventory/lib/inventory-query';
import { PageHeader } from '@/modules/ui/components/page-header';

export const metadata: Metadata = { title: 'TLS Secrets' };

/** The synced kubernetes.io/tls Secrets, as objects; the fleet's certificates as data are on /certificates. */
export default async function TlsSecretsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = readListParams('tls-secrets', await searchParams);
  return (
    <>
      <PageHeader
        title="TLS Secrets"
        description="kubernetes.io/tls Secrets and the certificate each holds: who it is for, who issued it and when it expires (amber under 30 days, red under 7). States, chains and alerts are on the Certificates page."
      />
      <InventoryList kind="tls-secrets" params={params} basePath="/tls-secrets" columns={tlsSecretColumns()} noun={['TLS Secret', 'TLS Secrets']} icon="certificates" />
    </>
  );
}
