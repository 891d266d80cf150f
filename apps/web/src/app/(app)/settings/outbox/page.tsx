import type { Metadata } from 'next';
import { OUTBOX_STATES, routes } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { AdminRequired } from '@/modules/auth/components/admin-required';
import { requireMe } from '@/modules/auth/lib/get-me';
import { deliveryLabel } from '@/modules/notifications/components/delivery-badge';
import { OutboxTable } from '@/modules/notifications/components/outbox-table';
import { Alert } from '@/modules/ui/components/alert';
import { Button } from '@/modules/ui/components/button';
import { EmptyState } from '@/modules/ui/components/empty-state';
import { FilterSelect } from '@/modules/ui/components/filter-select';
import { PageHeader } from '@/modules/ui/components/page-header';
import { Section } from '@/modules/ui/components/section';

export const metadata: Metadata = { title: 'Outbox' };

type Search = Record<string, string | string[] | undefined>;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Search> }) {
  const q = await searchParams;
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
  const state = OUTBOX_STATES.find((s) => s === q.state);
  const page = await apiGet(routes.listOutbox, { query: { state, limit: 50 } });
  const filterForm = (
    <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter e-mails">
      <FilterSelect id="outbox-state" label="State" name="state" value={state} options={OUTBOX_STATES.map((s) => [s, deliveryLabel(s)])} all="All states" />
      <Button type="submit" size="sm">
        Filter
      </Button>
    </form>
  );
  return (
    <>
      {header}
      {!page.ok ? (
        <Alert tone="error" title="Could not load the outbox">
          {problemMessage(page.problem)}
        </Alert>
      ) : page.data.items.length === 0 && !state ? (
        <Section id="messages" title="Messages">
          <EmptyState icon="audit" title="No e-mail yet">
            Alerts and test e-mails appear here as soon as they are written.
          </EmptyState>
        </Section>
      ) : (
        <Section id="messages" title="Messages" actions={filterForm}>
          <OutboxTable key={state ?? 'all'} initial={page.data} state={state} />
        </Section>
      )}
    </>
  );
}
