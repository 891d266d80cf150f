import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { routes } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { requireMe } from '@/modules/auth/lib/get-me';
import { ChangeDetail } from '@/modules/changes/components/change-detail';
import { describeChange } from '@/modules/changes/lib/describe-change';
import { Alert } from '@/modules/ui/components/alert';
import { PageHeader } from '@/modules/ui/components/page-header';

export const metadata: Metadata = { title: 'Change' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ChangePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const [me, res] = await Promise.all([requireMe(), apiGet(routes.getChange, { params: { id } })]);
  if (!res.ok && res.status === 404) notFound();
  const back = (
    <p className="mb-2 text-sm">
      <Link href="/changes" className="text-zinc-500 hover:text-zinc-900 hover:underline">
        ← Changes
      </Link>
    </p>
  );
  if (!res.ok) {
    return (
      <>
        {back}
        <PageHeader title="Change" />
        <Alert tone="error" title="Could not load this change">
          {problemMessage(res.problem)}
        </Alert>
      </>
    );
  }
  return (
    <>
      {back}
      <PageHeader title={describeChange(res.data)} description={`in ${res.data.clusterName}`} />
      <ChangeDetail initial={res.data} me={{ userId: me.user.id, role: me.organization.role, csrfToken: me.csrfToken }} />
    </>
  );
}
