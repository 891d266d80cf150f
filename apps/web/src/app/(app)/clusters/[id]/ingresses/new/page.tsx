import type { Metadata } from 'next';
import { requireMe } from '@/modules/auth/lib/get-me';
import { BackToCluster } from '@/modules/clusters/components/back-to-cluster';
import { getCluster } from '@/modules/clusters/lib/get-cluster';
import { IngressForm } from '@/modules/changes/components/ingress-form';
import { LoadError } from '@/modules/changes/components/load-error';
import { PageHeader } from '@/modules/ui/components/page-header';

export const metadata: Metadata = { title: 'New Ingress' };

/** Ingress & TLS: a new Ingress, previewed (diff, YAML, kubectl, warnings) before it is submitted. */
export default async function NewIngressPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const q = await searchParams;
  const [me, cluster] = await Promise.all([requireMe(), getCluster(id)]);
  if (!cluster.ok) return <LoadError title="New Ingress" what="the cluster" problem={cluster.problem} />;
  const namespace = typeof q.namespace === 'string' && q.namespace ? q.namespace : 'default';
  return (
    <>
      <BackToCluster id={id} name={cluster.data.name} />
      <PageHeader title="New Ingress" description={`Ingress & TLS in ${cluster.data.name}: hosts, paths, backends and certificates. Preview it before submitting.`} />
      <IngressForm clusterId={id} csrfToken={me.csrfToken} namespace={namespace} canSubmit={me.organization.role !== 'viewer'} />
    </>
  );
}
