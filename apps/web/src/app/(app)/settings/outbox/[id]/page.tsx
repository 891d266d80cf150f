import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { routes } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { AdminRequired } from '@/modules/auth/components/admin-required';
import { requireMe } from '@/modules/auth/lib/get-me';
import { DeliveryBadge } from '@/modules/notifications/components/delivery-badge';
import { Alert } from '@/modules/ui/components/alert';
import { PageHeader } from '@/modules/ui/components/page-header';
import { Section } from '@/modules/ui/components/section';
import { Term } from '@/modules/ui/components/term';
import { formatDateTime } from '@/modules/ui/lib/format';

export const metadata: Metadata = { title: 'E-mail' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requireMe();
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  if (me.organization.role !== 'admin') return <AdminRequired organization={me.organization.name} what="its outbox" />;
  const res = await apiGet(routes.getOutboxMessage, { params: { id } });
  if (!res.ok && res.status === 404) notFound();
  if (!res.ok) {
    return (
      <Alert tone="error" title="Could not load the e-mail">
        {problemMessage(res.problem)}
      </Alert>
    );
  }
  const m = res.data;
  return (
    <>
      <PageHeader title={m.subject} description={`To ${m.to.join(', ')}`} />
      <div className="space-y-6">
        <Section id="delivery" title="Delivery">
          <dl className="grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
            <Term label="State">
              <DeliveryBadge state={m.state} attempts={m.attempts} />
            </Term>
            <Term label="Sent" className="text-zinc-900">
              {m.sentAt ? formatDateTime(m.sentAt, { seconds: true }) : 'not yet'}
            </Term>
            <Term label="Server's answer" className="font-mono text-[13px] break-all text-zinc-900">
              {m.serverResponse ?? m.lastError ?? '—'}
            </Term>
            <Term label="Message-ID" className="font-mono text-[13px] break-all text-zinc-900">
              {m.messageId}
            </Term>
          </dl>
        </Section>
        <Section id="rendered" title="As sent (HTML)">
          {/* The HTML holds values from clusters: an empty sandbox runs no script and reaches nothing. */}
          <iframe title={`E-mail: ${m.subject}`} sandbox="" srcDoc={m.html} className="h-[28rem] w-full rounded-md border border-zinc-200 bg-white" />
        </Section>
        <Section id="text" title="Plain text">
          <pre className="overflow-x-auto text-[13px] whitespace-pre-wrap text-zinc-800">{m.text}</pre>
        </Section>
      </div>
    </>
  );
}
