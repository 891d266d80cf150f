import type { Metadata } from 'next';
import { CHANGE_STATES, EDITABLE_KINDS, routes, type TChangeQuery } from '@portico/contracts';
import { apiGet } from '@/modules/api/lib/server-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { requireMe } from '@/modules/auth/lib/get-me';
import { ChangesTable } from '@/modules/changes/components/changes-table';
import { stateLabel } from '@/modules/changes/components/change-state-badge';
import { Alert } from '@/modules/ui/components/alert';
import { Button } from '@/modules/ui/components/button';
import { FilterSelect } from '@/modules/ui/components/filter-select';
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

  const filterForm = (
    <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter changes">
      <FilterSelect id="changes-cluster" label="Cluster" name="cluster" value={filters.clusterId} options={clusters.ok ? clusters.data.items.map((c) => [c.id, c.name]) : []} all="All clusters" />
      <FilterSelect id="changes-state" label="State" name="state" value={filters.state} options={CHANGE_STATES.map((s) => [s, stateLabel(s)])} all="All states" />
      <FilterSelect id="changes-author" label="Author" name="author" value={filters.authorId} options={authors} all="Everyone" />
      <FilterSelect id="changes-kind" label="Kind" name="kind" value={filters.kind} options={Object.keys(EDITABLE_KINDS).map((k) => [k, k])} all="All kinds" />
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
