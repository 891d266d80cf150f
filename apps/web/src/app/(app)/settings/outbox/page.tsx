import type { Metadata } from 'next';
import Link from 'next/link';
import { routes } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { AdminRequired } from '@/modules/auth/components/admin-required';
import { requireMe } from '@/modules/auth/lib/get-me';
import { DeliveryBadge } from '@/modules/notifications/components/delivery-badge';
import { Alert } from '@/modules/ui/components/alert';
import { EmptyState } from '@/modules/ui/components/empty-state';
import { PageHeader } from '@/modules/ui/components/page-header';
import { Section } from '@/modules/ui/components/section';
import { Table, Td, Th } from '@/modules/ui/components/table';
import { formatDateTime } from '@/modules/ui/lib/format';

export const metadata: Metadata = { title: 'Outbox' };

export default async function OutboxPage() {
  const me = await requireMe();
  const header = <PageHeader title="Outbox" description={`Every e-mail ${me.organization.name}'s alerts wrote, newest first, with its delivery state.`} />;
  if (me.organization.role !== 'admin') {
    return (
      <>
        {header}
        <AdminRequired organization={me.organization.name} what="its outbox" />
      </>
    );
  }
  const page = await apiGet(routes.listOutbox, { query: { limit: 100 } });
  return (
    <>
      {header}
      {!page.ok ? (
        <Alert tone="error" title="Could not load the outbox">
          {problemMessage(page.problem)}
        </Alert>
      ) : (
        <Section id="messages" title="Messages">
          {page.data.items.length === 0 ? (
            <EmptyState icon="audit" title="No e-mail yet">
              Alerts and test e-mails appear here as soon as they are written.
            </EmptyState>
          ) : (
            <Table label="Outbox" stackOnPhone>
              <thead>
                <tr>
                  <Th>Subject</Th>
                  <Th>To</Th>
                  <Th>State</Th>
                  <Th>Written</Th>
                </tr>
              </thead>
              <tbody>
                {page.data.items.map((m) => (
                  <tr key={m.id}>
                    <Td>
                      <Link href={`/settings/outbox/${m.id}`} className="font-medium text-accent-700 hover:underline">
                        {m.subject}
                      </Link>
                    </Td>
                    <Td label="To">{m.to.join(', ')}</Td>
                    <Td label="State">
                      <DeliveryBadge state={m.state} attempts={m.attempts} />
                    </Td>
                    <Td label="Written">{formatDateTime(m.createdAt)}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </Section>
      )}
    </>
  );
}
