import type { Metadata } from 'next';
import { CHANGE_STATES, EDITABLE_KINDS, routes, type TChangeQuery } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { requireMe } from '@/modules/auth/lib/get-me';
import { ChangesTable } from '@/modules/changes/components/changes-table';
import { stateLabel } from '@/modules/changes/components/change-state-badge';
import { Alert } from '@/modules/ui/components/alert';
import { Button } from '@/modules/ui/components/button';
import { selectClass } from '@/modules/ui/components/field';
import { PageHeader } from '@/modules/ui/components/page-header';
import { Section } from '@/modules/ui/components/section';

export const metadata: Metadata = { title: 'Changes' };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' && v ? v : undefined);
const pick = <T extends string>(v: string | undefined, allowed: readonly T[]) => (v && (allowed as readonly string[]).includes(v) ? (v as T) : undefined);

export default async function ChangesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const q = await searchParams;
  const me = await requireMe();
  const isAdmin = me.organization.role === 'admin';
  const [clusters, members] = await Promise.all([apiGet(routes.listClusters), isAdmin ? apiGet(routes.listMembers, { query: { limit: 100 } }) : null]);
  const clusterIds = clusters.ok ? clusters.data.items.map((c) => c.id) : [];
  const authors: [string, string][] = members?.ok ? members.data.items.map((m) => [m.id, m.email]) : [[me.user.id, `${me.user.email} (me)`]];
  const filters: Partial<TChangeQuery> = {
    clusterId: pick(one(q.cluster), clusterIds),
    state: pick(one(q.state), CHANGE_STATES),
    authorId: pick(
      one(q.author),
      authors.map(([id]) => id),
    ),
    kind: pick(one(q.kind), Object.keys(EDITABLE_KINDS) as (keyof typeof EDITABLE_KINDS)[]),
  };
  const changes = await apiGet(routes.listChanges, { query: { ...filters, limit: 50 } });

  const select = (id: string, label: string, name: string, value: string | undefined, options: [string, string][], all: string) => (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-zinc-600">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ''} className={`${selectClass} h-8 w-44 py-1`}>
        <option value="">{all}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
  const filterForm = (
    <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter changes">
      {select('changes-cluster', 'Cluster', 'cluster', filters.clusterId, clusters.ok ? clusters.data.items.map((c) => [c.id, c.name]) : [], 'All clusters')}
      {select(
        'changes-state',
        'State',
        'state',
        filters.state,
        CHANGE_STATES.map((s) => [s, stateLabel(s)]),
        'All states',
      )}
      {select('changes-author', 'Author', 'author', filters.authorId, authors, 'Everyone')}
      {select(
        'changes-kind',
        'Kind',
        'kind',
        filters.kind,
        Object.keys(EDITABLE_KINDS).map((k) => [k, k]),
        'All kinds',
      )}
      <Button type="submit" size="sm">
        Filter
      </Button>
    </form>
  );

  return (
    <>
      <PageHeader title="Changes" description="Every change Portico makes to your clusters: who asked, what, and how it ended. Changes are applied by the worker with server-side apply." />
      <Section id="changes" title="Changes" description="Newest first." actions={filterForm}>
        {changes.ok ? (
          <ChangesTable key={JSON.stringify(filters)} initial={changes.data} filters={filters} />
        ) : (
          <Alert tone="error" title="Could not load the changes">
            {problemMessage(changes.problem)}
          </Alert>
        )}
      </Section>
    </>
  );
}
