import type { Metadata } from 'next';
import { EmptyState } from '@/modules/ui/components/empty-state';
import { PageHeader } from '@/modules/ui/components/page-header';

export const metadata: Metadata = { title: 'Services' };

export default function Page() {
  return (
    <>
      <PageHeader title="Services" description="Every Service across your clusters, and how to expose a workload." />
      <EmptyState
        icon="services"
        title="Services will appear once a cluster is synced"
        source={
          <>
            Planned data source: the inventory read model the worker keeps in sync with each cluster, served under <code className="font-mono">/api/v1</code> (not in the API yet).
          </>
        }
      >
        <p>This list will show every Service — ClusterIP, NodePort, LoadBalancer, ExternalName and headless — with its selector, ports, ready endpoints and external addresses, filterable by cluster, namespace and type.</p>
        <p>From here you will expose a Deployment as a Service, with a preview of the manifest and its diff before anything is applied.</p>
      </EmptyState>
    </>
  );
}
