import type { Metadata } from 'next';
import { EXPOSE_SOURCE_KINDS, routes } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { requireMe } from '@/modules/auth/lib/get-me';
import { BackToCluster } from '@/modules/clusters/components/back-to-cluster';
import { getCluster } from '@/modules/clusters/lib/get-cluster';
import { ExposeForm, type ExposeSource } from '@/modules/changes/components/expose-form';
import { ExposeSourcePicker } from '@/modules/changes/components/expose-source-picker';
import { isWorkload } from '@/modules/inventory/components/workload-summary';
import { LoadError } from '@/modules/changes/components/load-error';
import { PageHeader } from '@/modules/ui/components/page-header';

export const metadata: Metadata = { title: 'Expose' };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v.trim() : '');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The workload's selector and container ports, from its object page's data, when the link says which object it is. */
async function workloadFacts(objectId: string): Promise<Pick<ExposeSource, 'selector' | 'containerPorts'>> {
  if (!UUID.test(objectId)) return {};
  const res = await apiGet(routes.getObject, { params: { id: objectId } });
  if (!res.ok || !isWorkload(res.data.item)) return {};
  const w = res.data.item;
  return { selector: w.selector.matchLabels, containerPorts: w.containers.flatMap((c) => c.ports.map((p) => ({ container: c.name, ...p }))) };
}

export default async function ExposePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const { id } = await params;
  const q = await searchParams;
  const me = await requireMe();
  const cluster = await getCluster(id);
  if (!cluster.ok) return <LoadError title="Expose" what="the cluster" problem={cluster.problem} />;
  const kind = (EXPOSE_SOURCE_KINDS as readonly string[]).includes(one(q.kind)) ? (one(q.kind) as ExposeSource['kind']) : null;
  const namespace = one(q.namespace);
  const name = one(q.name);
  const canSubmit = me.organization.role !== 'viewer';
  const back = <BackToCluster id={id} name={cluster.data.name} />;
  if (!kind || !namespace || !name) {
    return (
      <>
        {back}
        <PageHeader title="Expose a workload" description={`Create a Service for a Deployment, StatefulSet, DaemonSet, ReplicaSet, Pod or Service in ${cluster.data.name}, as kubectl expose does.`} />
        <ExposeSourcePicker action={`/clusters/${id}/expose`} kind={kind ?? 'Deployment'} namespace={namespace || 'default'} name={name} />
      </>
    );
  }
  const source: ExposeSource = { namespace, kind, name, ...(await workloadFacts(one(q.object))) };
  return (
    <>
      {back}
      <PageHeader
        title={`Expose ${name}`}
        description={
          <>
            A Service for {kind} <span className="font-medium text-zinc-800">{`${namespace}/${name}`}</span> in {cluster.data.name}, as <code className="text-[13px]">kubectl expose</code> creates it.
            Preview it before submitting.
          </>
        }
      />
      <ExposeForm clusterId={id} csrfToken={me.csrfToken} source={source} canSubmit={canSubmit} />
    </>
  );
}
