import type { Metadata } from 'next';
import Link from 'next/link';
import { routes } from '@portico/contracts';
import { paramErrors, problemMessage } from '@/modules/api/lib/problem';
import { apiGet } from '@/modules/api/lib/server-api';
import { CertificateFilters } from '@/modules/certificates/components/certificate-filters';
import { CertificatesTable } from '@/modules/certificates/components/certificates-table';
import { ExpiryChart } from '@/modules/certificates/components/expiry-chart';
import { certificateApiQuery, certificateListHref, readCertificateParams } from '@/modules/certificates/lib/certificate-query';
import { CHART_DAYS, expiriesPerWeek } from '@/modules/certificates/lib/expiry-weeks';
import { Alert } from '@/modules/ui/components/alert';
import { PageLinks } from '@/modules/ui/components/page-links';
import { EmptyState } from '@/modules/ui/components/empty-state';
import { PageHeader } from '@/modules/ui/components/page-header';
import { Section } from '@/modules/ui/components/section';

export const metadata: Metadata = { title: 'Certificates' };

const PAGE_SIZE = 50;

/**
 * Every certificate of every cluster (issue 11): the worker's tracked certificates, by days
 * left, with their states in words, and the next 90 days of expiries per week. The chart reads
 * the same filtered list from its start (soonest first) until it passes 90 days; at most 1,000
 * certificates, beyond which it says "at least".
 */
export default async function CertificatesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = readCertificateParams(await searchParams);
  const [clusters, page, chart] = await Promise.all([apiGet(routes.listClusters), apiGet(routes.listCertificates, { query: certificateApiQuery(params, PAGE_SIZE) }), chartData(params)]);
  const clusterOptions = clusters.ok ? clusters.data.items.map((c) => ({ id: c.id, name: c.name })) : [];
  const errors = !page.ok && page.status === 400 ? paramErrors(page.problem) : {};
  const filtered = !!(params.cluster || params.namespace || params.state || params.owner || params.q);

  return (
    <>
      <PageHeader
        title="Certificates"
        description="Every certificate of every cluster: TLS Secrets, the cert-manager Certificates that keep them, and Secrets that Ingresses or Gateway listeners name. Soonest to expire first; what is wrong, in words."
      />
      {clusters.ok && clusters.data.items.length === 0 ? (
        <EmptyState icon="certificates" title="Register a cluster to see its certificates">
          <p>
            Go to{' '}
            <Link href="/clusters" className="font-medium text-accent-700 hover:underline">
              Clusters
            </Link>{' '}
            and register one; its certificates show up here after the first sync.
          </p>
        </EmptyState>
      ) : (
        <div className="space-y-6">
          {chart && (
            <Section id="expiries" title={`Expiring in the next ${CHART_DAYS} days`} description="Per week, for the filters below.">
              <ExpiryChart bars={chart.bars} truncated={chart.truncated} />
            </Section>
          )}
          <CertificateFilters params={params} clusters={clusterOptions} errors={errors} />
          {!page.ok ? (
            <Alert tone="error" title="Could not load the certificates">
              {Object.keys(errors).length ? 'Fix the filter marked above.' : problemMessage(page.problem)}
            </Alert>
          ) : page.data.items.length === 0 && !params.cursor ? (
            <EmptyState icon="certificates" title={filtered ? 'No certificates match these filters' : 'No certificates yet'}>
              <p>{filtered ? 'Loosen a filter, or clear them all.' : 'None of your clusters holds a TLS certificate, or the first sync has not finished.'}</p>
            </EmptyState>
          ) : (
            <div className="rounded-lg border border-zinc-200 bg-white px-5 shadow-xs">
              <CertificatesTable items={page.data.items} params={params} />
              <nav aria-label="Pages of certificates" className="flex flex-wrap items-center justify-between gap-3 py-3">
                <p aria-live="polite" className="text-xs text-zinc-500">
                  Showing {page.data.items.length} {page.data.items.length === 1 ? 'certificate' : 'certificates'}
                  {page.data.nextCursor ? ' — more on the next page' : ''}.
                </p>
                <PageLinks
                  first={params.cursor ? certificateListHref(params, { cursor: undefined }) : undefined}
                  next={page.data.nextCursor ? certificateListHref(params, { cursor: page.data.nextCursor }) : undefined}
                />
              </nav>
            </div>
          )}
        </div>
      )}
    </>
  );
}

/** The filtered list from its start, soonest first, until past 90 days (5 pages of 200 at most). */
async function chartData(params: ReturnType<typeof readCertificateParams>) {
  const now = new Date();
  const notAfters: (string | null)[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 5; i++) {
    const res = await apiGet(routes.listCertificates, { query: certificateApiQuery({ ...params, sort: 'daysLeft', cursor }, 200) });
    if (!res.ok) return null;
    notAfters.push(...res.data.items.map((c) => c.notAfter));
    const last = res.data.items.at(-1)?.daysLeft;
    cursor = res.data.nextCursor ?? undefined;
    if (!cursor || last === null || (last !== undefined && last > CHART_DAYS)) return { bars: expiriesPerWeek(notAfters, now), truncated: false };
  }
  return { bars: expiriesPerWeek(notAfters, now), truncated: true };
}
