'use client';

import Link from 'next/link';
import { routes, type TChangeList, type TChangeQuery } from '@portico/contracts';
import { useLoadMore } from '@/modules/api/lib/use-load-more';
import { LoadMore } from '@/modules/ui/components/load-more';
import { Table, Td, Th } from '@/modules/ui/components/table';
import { formatDateTime } from '@/modules/ui/lib/format';
import { ChangeStateBadge } from './change-state-badge';
import { describeChange } from '../lib/describe-change';

type Filters = Partial<Pick<TChangeQuery, 'clusterId' | 'state' | 'authorId' | 'kind'>>;

/** Changes newest first, paged by cursor. */
export function ChangesTable({ initial, filters }: { initial: TChangeList; filters: Filters }) {
  const list = useLoadMore({ initial, route: routes.listChanges, query: { ...filters, limit: 50 } });
  if (list.items.length === 0) return <p className="py-6 text-center text-sm text-zinc-500">No changes match.</p>;
  return (
    <>
      <Table label="Changes" stackOnPhone>
        <thead>
          <tr>
            <Th>Change</Th>
            <Th>State</Th>
            <Th>Cluster</Th>
            <Th>Author</Th>
            <Th>Submitted</Th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((c) => (
            <tr key={c.id} data-testid="change-row">
              <Td>
                <Link href={`/changes/${c.id}`} className="font-medium text-zinc-900 hover:text-accent-700 hover:underline">
                  {describeChange(c)}
                </Link>
                {c.reason && <span className="block text-xs text-zinc-500">{c.reason}</span>}
              </Td>
              <Td label="State">
                <ChangeStateBadge state={c.state} />
              </Td>
              <Td label="Cluster">
                <Link href={`/clusters/${c.clusterId}`} className="hover:underline">
                  {c.clusterName}
                </Link>
              </Td>
              <Td label="Author">{c.author.email ?? (c.author.tokenId ? 'API token' : '—')}</Td>
              <Td label="Submitted" className="whitespace-nowrap text-zinc-600 tabular-nums">
                <time dateTime={c.createdAt}>{formatDateTime(c.createdAt, { seconds: true })}</time>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <LoadMore hasMore={!!list.nextCursor} loading={list.loading} error={list.error} onLoadMore={list.loadMore} shown={list.items.length} noun={['change', 'changes']} />
    </>
  );
}
