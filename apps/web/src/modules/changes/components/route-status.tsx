'use client';

import { useEffect, useState } from 'react';
import { routes } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';
import { Badge } from '@/modules/ui/components/badge';
import { parentStatusOf, type RouteParentStatus } from '../lib/route-status';

/** The route's status per parent Gateway, in words (Accepted, references resolved, or why not). */
export function RouteStatusList({ status }: { status: RouteParentStatus[] }) {
  if (!status.length) return <p className="text-sm text-zinc-600">No Gateway has reported on this route yet.</p>;
  return (
    <ul className="space-y-1.5" data-testid="route-status">
      {status.map((s) => (
        <li key={`${s.gateway}/${s.sectionName ?? ''}`} className="flex flex-wrap items-center gap-2 text-sm text-zinc-800">
          {s.accepted === true && s.resolvedRefs !== false ? (
            <Badge tone="success">Accepted</Badge>
          ) : s.accepted === null ? (
            <Badge tone="neutral">Pending</Badge>
          ) : (
            <Badge tone="warning">{s.accepted ? 'Refs unresolved' : 'Not accepted'}</Badge>
          )}
          <span>{s.summary}</span>
        </li>
      ))}
    </ul>
  );
}

const POLL_MS = 1_000;
const MAX_POLLS = 120;

/** After an HTTPRoute change: waits for it to be applied and synced, then shows what each parent Gateway says until all have spoken. */
export function RouteStatusFollow({ changeId }: { changeId: string }) {
  const [status, setStatus] = useState<RouteParentStatus[] | null>(null);
  const [polls, setPolls] = useState(0);
  const settled = !!status?.length && status.every((s) => s.accepted !== null);
  useEffect(() => {
    if (settled || polls >= MAX_POLLS) return;
    const timer = window.setTimeout(
      () =>
        void (async () => {
          const change = await apiCall(routes.getChange, { params: { id: changeId } });
          const objectId = change.ok && change.data.state === 'applied' ? change.data.result?.objectId : null;
          if (objectId) {
            const obj = await apiCall(routes.getObject, { params: { id: objectId } });
            if (obj.ok && 'details' in obj.data.item) setStatus(parentStatusOf(obj.data.item.details));
          }
          setPolls((n) => n + 1);
        })(),
      polls === 0 ? 0 : POLL_MS,
    );
    return () => window.clearTimeout(timer);
  }, [changeId, polls, settled]);

  if (!status) return null;
  return (
    <section aria-labelledby="route-status-title" aria-live="polite" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
      <h2 id="route-status-title" className="text-[15px] font-semibold text-zinc-900">
        Route status
      </h2>
      <RouteStatusList status={status} />
    </section>
  );
}
