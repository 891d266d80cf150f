import type { Metadata } from 'next';
import Link from 'next/link';
import { routes } from '@portico/contracts';
import { problemMessage } from '@/modules/api/lib/problem';
import { apiGet } from '@/modules/api/lib/server-api';
import { CertificateDetailView } from '@/modules/certificates/components/certificate-detail';
import { DaysLeft, StateBadges } from '@/modules/certificates/components/state-badges';
import { Alert } from '@/modules/ui/components/alert';
import { PageHeader } from '@/modules/ui/components/page-header';

const getCertificate = (id: string) => apiGet(routes.getCertificate, { params: { id } });

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const res = await getCertificate((await params).id);
  return { title: res.ok ? `Certificate ${res.data.secretName}` : 'Certificate' };
}

/** One certificate (issue 11): chain, SANs, where it is used, cert-manager's status and why it fails. */
export default async function CertificatePage({ params }: { params: Promise<{ id: string }> }) {
  const res = await getCertificate((await params).id);
  if (!res.ok) {
    return (
      <>
        <PageHeader title="Certificate" />
        <Alert tone="error" title="Could not load this certificate">
          {problemMessage(res.problem)}
        </Alert>
      </>
    );
  }
  const c = res.data;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/certificates?cluster=${c.clusterId}`} className="text-zinc-500 hover:text-zinc-900 hover:underline">
          ← Certificates in {c.clusterName}
        </Link>
      </p>
      <PageHeader
        title={c.secretName}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <DaysLeft daysLeft={c.daysLeft} level={c.level} />
            <StateBadges states={c.states} />
            <span>
              namespace <span className="font-medium text-zinc-800">{c.namespace}</span>
            </span>
            <span>
              cluster{' '}
              <Link href={`/clusters/${c.clusterId}`} className="font-medium text-zinc-800 hover:underline">
                {c.clusterName}
              </Link>
            </span>
            {c.owner && (
              <span>
                owner <span className="font-medium text-zinc-800">{c.owner}</span>
              </span>
            )}
          </span>
        }
      />
      <CertificateDetailView certificate={c} />
    </>
  );
}
