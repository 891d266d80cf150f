import type { Metadata } from 'next';
import { EmptyState } from '@/modules/ui/components/empty-state';
import { PageHeader } from '@/modules/ui/components/page-header';

export const metadata: Metadata = { title: 'Clusters' };

export default function Page() {
  return (
    <>
      <PageHeader title="Clusters" description="The Kubernetes clusters Portico watches for this organization." />
      <EmptyState
        icon="clusters"
        title="No clusters connected yet"
        source={
          <>
            Planned data source: the cluster registry endpoints (<code className="font-mono">/api/v1/clusters</code>), which are not in the API yet.
          </>
        }
      >
        <p>Each cluster you connect will be listed here with its sync status (pending, syncing, ready, unreachable), Kubernetes version, CNI plugin, ingress controllers and classes, and whether Gateway API and cert-manager are installed.</p>
        <p>You will connect a cluster by giving Portico a kubeconfig; its credentials are stored encrypted and used only by the worker that syncs the cluster.</p>
      </EmptyState>
    </>
  );
}
