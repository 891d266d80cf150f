import Link from 'next/link';
import type { TCluster } from '@portico/contracts';
import { Icon } from '@/modules/ui/components/icons';
import { formatDateTime } from '@/modules/ui/lib/format';
import { isInProgress, timeAgo } from '../lib/cluster-status';
import { ClusterActions } from './cluster-actions';
import { ClusterFacts } from './cluster-facts';
import { ClusterStatusBadge } from './cluster-status-badge';
import { SyncProgress } from './sync-progress';

/** One cluster on the Clusters page: identity, status, sync progress, facts, warnings. */
export function ClusterCard({ cluster, now, csrfToken, isAdmin }: { cluster: TCluster; now: number; csrfToken?: string; isAdmin: boolean }) {
  const active = isInProgress(cluster);
  const titleId = `cluster-${cluster.id}-title`;
  return (
    <article aria-labelledby={titleId} data-cluster={cluster.name} className="flex flex-col rounded-lg border border-zinc-200 bg-white shadow-xs">
      <div className="flex items-start justify-between gap-3 border-b border-zinc-100 px-5 py-4">
        <div className="min-w-0">
          <h2 id={titleId} className="text-[15px] font-semibold text-zinc-900">
            <Link href={`/clusters/${cluster.id}`} className="hover:underline focus-visible:outline-2 focus-visible:outline-accent-600">
              {cluster.name}
            </Link>
          </h2>
          <p className="mt-0.5 truncate font-mono text-xs text-zinc-500" title={cluster.server}>
            {cluster.server}
          </p>
        </div>
        <div className="shrink-0 text-right">
          <ClusterStatusBadge cluster={cluster} />
          <p className="mt-1 text-xs text-zinc-500" title={cluster.lastSyncedAt ? formatDateTime(cluster.lastSyncedAt) : undefined}>
            {cluster.lastSyncedAt ? `Synced ${timeAgo(cluster.lastSyncedAt, now)}` : 'Not synced yet'}
          </p>
        </div>
      </div>
      <div className="flex-1 space-y-4 px-5 py-4">
        {cluster.statusReason && (
          <p className={cluster.status === 'error' || cluster.status === 'unreachable' ? 'text-sm text-red-700' : 'text-sm text-zinc-600'} data-testid="status-reason">
            {cluster.statusReason}
          </p>
        )}
        <SyncProgress cluster={cluster} active={active} />
        {cluster.warnings.map((w) => (
          <p key={w} className="flex items-start gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900">
            <Icon name="warning" className="mt-px size-3.5 shrink-0" />
            {w}
          </p>
        ))}
        {cluster.insecureSkipTlsVerify && cluster.warnings.length === 0 && (
          <p className="flex items-start gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900">
            <Icon name="warning" className="mt-px size-3.5 shrink-0" />
            TLS verification is off for this cluster: Portico cannot tell its API server from an impostor.
          </p>
        )}
        {Object.keys(cluster.facts).length === 0 ? (
          <p className="text-sm text-zinc-500">Kubernetes version, nodes, CNI, ingress classes and add-ons appear after the first sync.</p>
        ) : (
          <ClusterFacts facts={cluster.facts} />
        )}
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2 border-t border-zinc-100 px-5 py-3">
        <nav aria-label={`Inventory of ${cluster.name}`} className="flex flex-wrap gap-x-3 gap-y-1 text-[13px]">
          <Link className="text-accent-700 hover:underline" href={`/services?cluster=${cluster.id}`}>
            Services
          </Link>
          <Link className="text-accent-700 hover:underline" href={`/ingresses?cluster=${cluster.id}`}>
            Ingresses
          </Link>
          <Link className="text-accent-700 hover:underline" href={`/gateway-api?cluster=${cluster.id}`}>
            Gateway API
          </Link>
          <Link className="text-accent-700 hover:underline" href={`/certificates?cluster=${cluster.id}`}>
            Certificates
          </Link>
        </nav>
        {isAdmin && <ClusterActions cluster={cluster} csrfToken={csrfToken} />}
      </div>
    </article>
  );
}
