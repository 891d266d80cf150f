'use client';

import Link from 'next/link';
import { routes, type TOutboxList, type TOutboxQuery } from '@portico/contracts';
import { useLoadMore } from '@/modules/api/lib/use-load-more';
import { LoadMore } from '@/modules/ui/components/load-more';
import { Table, Td, Th } from '@/modules/ui/components/table';
import { formatDateTime } from '@/modules/ui/lib/format';
import { DeliveryBadge } from './delivery-badge';

/** The outbox newest first, paged by cursor, optionally one delivery state only. */
export function OutboxTable({ initial, state }: { initial: TOutboxList; state?: TOutboxQuery['state'] }) {
  const list = useLoadMore({ initial, route: routes.listOutbox, query: { state, limit: 50 } });
  if (list.items.length === 0) return <p className="py-6 text-center text-sm text-zinc-500">No e-mail in this state.</p>;
  return (
    <>
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
          {list.items.map((m) => (
            <tr key={m.id} data-testid="outbox-row">
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
      <LoadMore hasMore={!!list.nextCursor} loading={list.loading} error={list.error} onLoadMore={list.loadMore} shown={list.items.length} noun={['e-mail', 'e-mails']} />
    </>
  );
}
