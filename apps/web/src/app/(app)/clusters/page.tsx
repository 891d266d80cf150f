import type { Metadata } from 'next';
import { routes } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { requireMe } from '@/modules/auth/lib/get-me';
import { ClusterCard } from '@/modules/clusters/components/cluster-card';
import { RegisterClusterPanel } from '@/modules/clusters/components/register-cluster-panel';
import { isInProgress } from '@/modules/clusters/lib/cluster-status';
import { Alert } from '@/modules/ui/components/alert';
import { AutoRefresh } from '@/modules/ui/components/auto-refresh';
import { EmptyState } from '@/modules/ui/components/empty-state';
import { PageHeader } from '@/modules/ui/components/page-header';

export const metadata: Metadata = { title: 'Clusters' };

export default async function ClustersPage() {
  const me = await requireMe();
  const isAdmin = me.organization.role === 'admin';
  const clusters = await apiGet(routes.listClusters);
  const header = <PageHeader title="Clusters" description="The Kubernetes clusters Portico watches for this organization, their sync status and what runs on them." />;

  if (!clusters.ok) {
    return (
      <>
        {header}
        <Alert tone="error" title="Could not load the clusters">
          {problemMessage(clusters.problem)}
        </Alert>
      </>
    );
  }

  const items = clusters.data.items;
  // One clock for the whole render, passed down so "2 min ago" is the same on server and client.
  // eslint-disable-next-line react-hooks/purity -- a server component rendered per request: one clock per render, on purpose.
  const now = Date.now();
  return (
    <>
      {header}
      <AutoRefresh active={items.some(isInProgress)} />
      <div className="space-y-6">
        {isAdmin && <RegisterClusterPanel csrfToken={me.csrfToken} startOpen={items.length === 0} />}
        {items.length === 0 ? (
          <EmptyState icon="clusters" title="No clusters connected yet">
            {isAdmin ? (
              <p>Register a cluster above with a kubeconfig or an API server URL and token. Portico checks the connection, then syncs its Services, Ingresses, Gateway API objects and certificates.</p>
            ) : (
              <p>Ask an admin of {me.organization.name} to register a cluster. Its Services, Ingresses, Gateway API objects and certificates will then show up here.</p>
            )}
          </EmptyState>
        ) : (
          <ul aria-label="Clusters" className="grid gap-4 lg:grid-cols-2">
            {items.map((c) => (
              <li key={c.id} className="flex">
                <div className="w-full">
                  <ClusterCard cluster={c} now={now} csrfToken={me.csrfToken} isAdmin={isAdmin} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
