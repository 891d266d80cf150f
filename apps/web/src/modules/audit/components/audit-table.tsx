'use client';

import { routes, type TAuditEventList } from '@portico/contracts';
import { useLoadMore } from '@/modules/api/lib/use-load-more';
import { Badge } from '@/modules/ui/components/badge';
import { LoadMore } from '@/modules/ui/components/load-more';
import { Table, Td, Th } from '@/modules/ui/components/table';
import { formatDateTime } from '@/modules/ui/lib/format';
import { actorLabel, targetLabel } from '../lib/describe-audit-event';

export function AuditTable({ initial, action }: { initial: TAuditEventList; action?: string }) {
  const list = useLoadMore({ initial, route: routes.listAuditEvents, query: { action } });

  if (list.items.length === 0) {
    return <p className="py-6 text-center text-sm text-zinc-500">{action ? `No “${action}” events yet.` : 'No events yet.'}</p>;
  }

  return (
    <>
      <Table label="Audit events">
        <thead>
          <tr>
            <Th>Time</Th>
            <Th>Action</Th>
            <Th>Outcome</Th>
            <Th>Actor</Th>
            <Th>Target</Th>
            <Th>IP</Th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((e) => {
            const details = Object.keys(e.details).length > 0 ? JSON.stringify(e.details, null, 2) : null;
            return (
              <tr key={e.id}>
                <Td className="whitespace-nowrap text-zinc-600 tabular-nums">
                  {/* The full timestamp (milliseconds, as stored) on hover. */}
                  <time dateTime={e.createdAt} title={e.createdAt}>
                    {formatDateTime(e.createdAt, { seconds: true })}
                  </time>
                </Td>
                <Td>
                  <code className="font-mono text-[13px] text-zinc-900">{e.action}</code>
                  {details && (
                    <details className="mt-1 text-xs text-zinc-500">
                      <summary className="cursor-pointer select-none hover:text-zinc-700">Details</summary>
                      <pre className="mt-1 max-w-md overflow-x-auto rounded bg-zinc-50 p-2 font-mono text-[11px] text-zinc-700">{details}</pre>
                    </details>
                  )}
                </Td>
                <Td>{e.outcome === 'success' ? <Badge tone="success">success</Badge> : <Badge tone="danger">failure</Badge>}</Td>
                <Td>{actorLabel(e.actor)}</Td>
                <Td title={e.targetId ?? undefined} className="text-zinc-600">
                  {targetLabel(e)}
                </Td>
                <Td className="font-mono text-xs text-zinc-600">{e.ip ?? '—'}</Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <LoadMore hasMore={!!list.nextCursor} loading={list.loading} error={list.error} onLoadMore={list.loadMore} shown={list.items.length} noun={['event', 'events']} />
    </>
  );
}
