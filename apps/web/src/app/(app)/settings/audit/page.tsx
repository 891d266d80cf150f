import type { Metadata } from 'next';
import { AuditAction, routes } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { AuditTable } from '@/modules/audit/components/audit-table';
import { AdminRequired } from '@/modules/auth/components/admin-required';
import { requireMe } from '@/modules/auth/lib/get-me';
import { Alert } from '@/modules/ui/components/alert';
import { Button } from '@/modules/ui/components/button';
import { selectClass } from '@/modules/ui/components/field';
import { PageHeader } from '@/modules/ui/components/page-header';
import { Section } from '@/modules/ui/components/section';

export const metadata: Metadata = { title: 'Audit log' };

const actions: string[] = Object.values(AuditAction);

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requireMe();
  const header = <PageHeader title="Audit log" description={`Security-relevant events in ${me.organization.name}, newest first.`} />;
  if (me.organization.role !== 'admin') {
    return (
      <>
        {header}
        <AdminRequired organization={me.organization.name} what="its audit log" />
      </>
    );
  }

  const raw = (await searchParams).action;
  const action = typeof raw === 'string' && actions.includes(raw) ? raw : undefined;
  const events = await apiGet(routes.listAuditEvents, { query: { limit: 50, action } });

  const filter = (
    <form method="get" className="flex items-center gap-2">
      <label htmlFor="audit-action" className="text-sm text-zinc-600">
        Action
      </label>
      <select id="audit-action" name="action" defaultValue={action ?? ''} className={`${selectClass} h-8 w-56 py-1`}>
        <option value="">All actions</option>
        {actions.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
      <Button type="submit" size="sm">
        Filter
      </Button>
    </form>
  );

  return (
    <>
      {header}
      {events.ok ? (
        <Section id="events" title="Events" actions={filter}>
          <AuditTable key={action ?? 'all'} initial={events.data} action={action} />
        </Section>
      ) : events.status === 403 ? (
        <AdminRequired organization={me.organization.name} what="its audit log" />
      ) : (
        <Alert tone="error" title="Could not load the audit log">
          {problemMessage(events.problem)}
        </Alert>
      )}
    </>
  );
}
