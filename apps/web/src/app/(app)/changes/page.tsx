import type { Metadata } from 'next';
import { EmptyState } from '@/modules/ui/components/empty-state';
import { PageHeader } from '@/modules/ui/components/page-header';

export const metadata: Metadata = { title: 'Changes' };

export default function Page() {
  return (
    <>
      <PageHeader title="Changes" description="Every change Portico makes to your clusters, and its outcome." />
      <EmptyState icon="changes" title="No changes yet" source={<>Planned data source: the change request endpoints (not in the API yet). Until then, who did what in Portico is in the audit log.</>}>
        <p>
          Each change request — exposing a workload, editing an Ingress or route, deleting an object — will be listed with who asked for it, the target cluster, the rendered manifests, the diff
          against the live object and its status: pending, applying, applied, failed or cancelled.
        </p>
        <p>Changes are applied by the worker with Kubernetes server-side apply and retried safely if it fails.</p>
      </EmptyState>
    </>
  );
}
