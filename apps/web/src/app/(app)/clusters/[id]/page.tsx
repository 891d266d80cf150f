import type { Metadata } from 'next';
import Link from 'next/link';
import { problemMessage } from '@/modules/api/lib/problem';
import { requireMe } from '@/modules/auth/lib/get-me';
import { ClusterActions } from '@/modules/clusters/components/cluster-actions';
import { ClusterFacts } from '@/modules/clusters/components/cluster-facts';
import { ClusterStatusBadge } from '@/modules/clusters/components/cluster-status-badge';
import { SyncProgress } from '@/modules/clusters/components/sync-progress';
import { isInProgress, timeAgo } from '@/modules/clusters/lib/cluster-status';
import { getCluster } from '@/modules/clusters/lib/get-cluster';
import { RequireApprovalToggle } from '@/modules/changes/components/require-approval-toggle';
import { ClusterOverview } from '@/modules/overview/components/cluster-overview';
import { Alert } from '@/modules/ui/components/alert';
import { AutoRefresh } from '@/modules/ui/components/auto-refresh';
import { Icon, type IconName } from '@/modules/ui/components/icons';
import { PageHeader } from '@/modules/ui/components/page-header';
import { Section } from '@/modules/ui/components/section';
import { formatDateTime } from '@/modules/ui/lib/format';

type Props = { params: Promise<{ id: string }> };

/** The cluster's name as the title; an unknown id is "not found" here already, so the 404 page keeps its own title. */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const res = await getCluster((await params).id);
  return { title: res.ok ? res.data.name : 'Cluster' };
}

export default async function ClusterPage({ params }: Props) {
  const { id } = await params;
  const me = await requireMe();
  const res = await getCluster(id);
  if (!res.ok) {
    return (
      <>
        <PageHeader title="Cluster" />
        <Alert tone="error" title="Could not load the cluster">
          {problemMessage(res.problem)}
        </Alert>
      </>
    );
  }
  const c = res.data;
  // eslint-disable-next-line react-hooks/purity -- a server component rendered per request: one clock per render, on purpose.
  const now = Date.now();
  const inventory: Array<[string, string, IconName]> = [
    ['Services', `/services?cluster=${c.id}`, 'services'],
    ['Ingresses', `/ingresses?cluster=${c.id}`, 'ingress'],
    ['Gateway API', `/gateway-api?cluster=${c.id}`, 'gateway'],
    ['Certificates', `/certificates?cluster=${c.id}`, 'certificates'],
  ];

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/clusters" className="text-zinc-500 hover:text-zinc-900 hover:underline">
          ← Clusters
        </Link>
      </p>
      <PageHeader
        title={c.name}
        description={<span className="font-mono text-xs">{c.server}</span>}
        actions={me.organization.role === 'admin' ? <ClusterActions cluster={c} csrfToken={me.csrfToken} afterDelete="/clusters" /> : undefined}
      />
      <AutoRefresh active={isInProgress(c)} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Section id="status" title="Status">
          <div className="space-y-4">
            <div className="flex flex-wrap items-center gap-3">
              <ClusterStatusBadge cluster={c} />
              <span className="text-sm text-zinc-600" title={formatDateTime(c.lastSyncedAt)}>
                {c.lastSyncedAt ? `Last synced ${timeAgo(c.lastSyncedAt, now)}` : 'Not synced yet'}
              </span>
            </div>
            {c.statusReason && <p className="text-sm text-zinc-700">{c.statusReason}</p>}
            <SyncProgress cluster={c} active={isInProgress(c)} />
            {c.warnings.map((w) => (
              <Alert key={w} tone="warning">
                {w}
              </Alert>
            ))}
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
              <dt className="text-zinc-500">Credentials</dt>
              <dd className="text-zinc-800">{c.authKind === 'token' ? 'Bearer token' : 'Client certificate'}</dd>
              <dt className="text-zinc-500">TLS verification</dt>
              <dd className={c.insecureSkipTlsVerify ? 'font-medium text-amber-800' : 'text-zinc-800'}>{c.insecureSkipTlsVerify ? 'Off (insecure)' : 'On'}</dd>
              <dt className="text-zinc-500">Syncing</dt>
              <dd className="text-zinc-800">{c.enabled ? 'Enabled' : 'Disabled'}</dd>
              <dt className="text-zinc-500">Registered</dt>
              <dd className="text-zinc-800 tabular-nums">{formatDateTime(c.createdAt)}</dd>
              <dt className="text-zinc-500">Changes</dt>
              <dd className="text-zinc-800">{c.requireApproval ? 'Need an admin’s approval' : 'Applied when submitted'}</dd>
            </dl>
            {me.organization.role === 'admin' && <RequireApprovalToggle clusterId={c.id} initial={c.requireApproval} csrfToken={me.csrfToken} />}
          </div>
        </Section>
        <Section id="facts" title="Facts" description="What the worker found on the cluster.">
          {Object.keys(c.facts).length === 0 ? <p className="text-sm text-zinc-500">Nothing yet: the facts appear after the first sync.</p> : <ClusterFacts facts={c.facts} />}
        </Section>
        {c.syncWarnings.length > 0 && (
          <Section
            id="sync-warnings"
            title="Objects stored with changes"
            description="These objects held values Portico cannot store as they are. Each was stored with the offending characters replaced by �, or skipped; everything else is in sync."
            className="lg:col-span-2"
          >
            <ul className="divide-y divide-zinc-100 text-sm">
              {c.syncWarnings.map((w) => (
                <li key={`${w.kind}/${w.namespace}/${w.name}`} className="py-2">
                  <span className="font-medium text-zinc-800">
                    {w.kind} {w.namespace ? `${w.namespace}/` : ''}
                    {w.name || '(no name)'}
                  </span>
                  <span className="block break-words text-zinc-600">{w.message}</span>
                </li>
              ))}
            </ul>
          </Section>
        )}
        <Section id="inventory" title="Inventory" description={`What Portico synced from ${c.name}.`} className="lg:col-span-2">
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            {inventory.map(([label, href, icon]) => (
              <li key={href}>
                <Link href={href} className="flex items-center gap-2 rounded-md border border-zinc-200 px-3 py-2.5 text-sm font-medium text-zinc-800 hover:border-accent-300 hover:bg-accent-50/40">
                  <Icon name={icon} className="size-4 text-zinc-400" />
                  {label}
                </Link>
              </li>
            ))}
          </ul>
        </Section>
        <div className="lg:col-span-2">
          <ClusterOverview clusterId={c.id} />
        </div>
      </div>
    </>
  );
}
