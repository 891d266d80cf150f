import type { Metadata } from 'next';
import { EmptyState } from '@/modules/ui/components/empty-state';
import { PageHeader } from '@/modules/ui/components/page-header';

export const metadata: Metadata = { title: 'Ingress & TLS' };

export default function Page() {
  return (
    <>
      <PageHeader title="Ingress & TLS" description="HTTP routing into your clusters through Ingress controllers, and the certificates that secure it." />
      <EmptyState
        icon="ingress"
        title="No Ingresses to show yet"
        source={
          <>
            Planned data source: the inventory read model (Ingresses and IngressClasses synced by the worker) and change requests for edits; neither is in the API yet.
          </>
        }
      >
        <p>Ingress objects will be listed with their class, hosts, paths, backend Services and TLS Secrets, with warnings for rules that point at Services or ports that do not exist.</p>
        <p>You will create and edit Ingresses with a form and turn on HTTPS through a cert-manager issuer in one step.</p>
      </EmptyState>
    </>
  );
}
