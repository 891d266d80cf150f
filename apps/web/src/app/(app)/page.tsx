import type { Metadata } from 'next';
import Link from 'next/link';
import { routes } from '@portico/contracts';
import { problemMessage } from '@/modules/api/lib/problem';
import { apiGet } from '@/modules/api/lib/server-api';
import { OverviewPanel } from '@/modules/overview/components/overview-panel';
import { Alert } from '@/modules/ui/components/alert';
import { EmptyState } from '@/modules/ui/components/empty-state';
import { PageHeader } from '@/modules/ui/components/page-header';

export const metadata: Metadata = { title: 'Overview' };

/** The organization's landing page (issue 14): is anything wrong with how traffic reaches our workloads? */
export default async function OverviewPage() {
  const res = await apiGet(routes.getOverview);
  return (
    <>
      <PageHeader title="Overview" description="Every cluster of your organization: what there is, and what is wrong with how traffic reaches your workloads, most impact first." />
      {!res.ok ? (
        <Alert tone="error" title="Could not load the overview">
          {problemMessage(res.problem)}
        </Alert>
      ) : res.data.clusters.total === 0 ? (
        <EmptyState icon="clusters" title="Register a cluster to see its overview">
          <p>
            Go to{' '}
            <Link href="/clusters" className="font-medium text-accent-700 hover:underline">
              Clusters
            </Link>{' '}
            and register one; its Services, routes, certificates and problems show up here after the first sync.
          </p>
        </EmptyState>
      ) : (
        <OverviewPanel overview={res.data} />
      )}
    </>
  );
}
