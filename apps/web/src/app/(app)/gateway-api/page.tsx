import type { Metadata } from 'next';
import { EmptyState } from '@/modules/ui/components/empty-state';
import { PageHeader } from '@/modules/ui/components/page-header';

export const metadata: Metadata = { title: 'Gateway API' };

export default function Page() {
  return (
    <>
      <PageHeader title="Gateway API" description="Gateways and routes on clusters that run the Kubernetes Gateway API." />
      <EmptyState
        icon="gateway"
        title="No Gateway API resources yet"
        source={
          <>
            Planned data source: the inventory read model, for clusters whose sync detects Gateway API (not in the API yet).
          </>
        }
      >
        <p>GatewayClasses, Gateways and HTTPRoutes will appear here for clusters where the Gateway API CRDs are installed, with each route's parents, hostnames, matches and backends, and whether the Gateway accepted it.</p>
        <p>You will also be able to convert an existing Ingress into an equivalent HTTPRoute, with a side-by-side preview.</p>
      </EmptyState>
    </>
  );
}
