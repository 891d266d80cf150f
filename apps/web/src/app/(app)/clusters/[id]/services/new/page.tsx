import type { Metadata } from 'next';
import Link from 'next/link';
import { requireMe } from '@/modules/auth/lib/get-me';
import { BackToCluster } from '@/modules/clusters/components/back-to-cluster';
import { getCluster } from '@/modules/clusters/lib/get-cluster';
import { ExternalNameForm } from '@/modules/changes/components/external-name-form';
import { ServiceForm } from '@/modules/changes/components/service-form';
import { LoadError } from '@/modules/changes/components/load-error';
import { PageHeader } from '@/modules/ui/components/page-header';
import { cx } from '@/modules/ui/lib/cx';

export const metadata: Metadata = { title: 'New Service' };

export default async function NewServicePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const q = await searchParams;
  const [me, cluster] = await Promise.all([requireMe(), getCluster(id)]);
  if (!cluster.ok) return <LoadError title="New Service" what="the cluster" problem={cluster.problem} />;
  const externalName = q.type === 'externalName';
  const namespace = typeof q.namespace === 'string' && q.namespace ? q.namespace : 'default';
  const canSubmit = me.organization.role !== 'viewer';
  const tab = (on: boolean) => cx('rounded-md px-3 py-1.5 text-sm font-medium', on ? 'bg-accent-50 text-accent-800' : 'text-zinc-600 hover:bg-zinc-100');
  return (
    <>
      <BackToCluster id={id} name={cluster.data.name} />
      <PageHeader title={externalName ? 'New ExternalName Service' : 'New Service'} description={`In ${cluster.data.name}. Preview it before submitting.`} />
      <nav aria-label="Kind of Service" className="mb-5 flex gap-2">
        <Link href={`/clusters/${id}/services/new?namespace=${encodeURIComponent(namespace)}`} className={tab(!externalName)} aria-current={!externalName ? 'page' : undefined}>
          Selects pods
        </Link>
        <Link href={`/clusters/${id}/services/new?type=externalName&namespace=${encodeURIComponent(namespace)}`} className={tab(externalName)} aria-current={externalName ? 'page' : undefined}>
          ExternalName (DNS alias)
        </Link>
        <Link href={`/clusters/${id}/expose`} className={tab(false)}>
          Expose a workload
        </Link>
      </nav>
      {externalName ? (
        <ExternalNameForm clusterId={id} csrfToken={me.csrfToken} namespace={namespace} canSubmit={canSubmit} />
      ) : (
        <ServiceForm clusterId={id} csrfToken={me.csrfToken} namespace={namespace} canSubmit={canSubmit} />
      )}
    </>
  );
}
