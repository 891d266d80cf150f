'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { routes, type TChange, type TMigrationBatch } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';
import { ChangeStateBadge } from '@/modules/changes/components/change-state-badge';
import { useFollowedChange } from '@/modules/changes/lib/use-followed-change';
import { Section } from '@/modules/ui/components/section';

const STATUS_POLL_MS = 1000;
const STATUS_POLLS = 30;

interface ParentStatus {
  accepted: boolean | null;
  summary: string;
}

/** The route's status per parent, as the synced copy has it, re-read until a parent accepts it (or for ~30 s). */
function useRouteStatus(objectId: string | null): ParentStatus[] | null {
  const [status, setStatus] = useState<ParentStatus[] | null>(null);
  const [polls, setPolls] = useState(0);
  const accepted = status?.some((s) => s.accepted === true) ?? false;
  useEffect(() => {
    if (!objectId || accepted || polls >= STATUS_POLLS) return;
    const timer = window.setTimeout(() => {
      void apiCall(routes.getObject, { params: { id: objectId } }).then((res) => {
        const details = res.ok && 'details' in res.data.item ? res.data.item.details : {};
        setStatus(Array.isArray(details.parentStatus) ? (details.parentStatus as ParentStatus[]) : []);
        setPolls((n) => n + 1);
      });
    }, STATUS_POLL_MS);
    return () => window.clearTimeout(timer);
  }, [objectId, accepted, polls]);
  return status;
}

function BatchChange({ initial }: { initial: TChange }) {
  const { change } = useFollowedChange(initial);
  const isRoute = change.target.kind === 'HTTPRoute';
  const status = useRouteStatus(isRoute && change.state === 'applied' ? (change.result?.objectId ?? null) : null);
  return (
    <li className="space-y-1 px-5 py-3" data-testid="migration-change">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className="font-medium text-zinc-900">
          {change.target.kind} {change.target.namespace}/{change.target.name}
        </span>
        <span aria-live="polite">
          <ChangeStateBadge state={change.state} />
        </span>
        <Link href={`/changes/${change.id}`} className="text-accent-700 hover:underline">
          Change page
        </Link>
      </div>
      {change.error && <p className="text-sm text-red-700">{change.error.message}</p>}
      {isRoute && change.state === 'applied' && (
        <ul className="text-sm text-zinc-700" aria-live="polite" data-testid="route-status">
          {status === null ? <li>Waiting for the synced copy of the route…</li> : status.length === 0 ? <li>No Gateway has written a status for the route yet.</li> : null}
          {status?.map((s, i) => (
            <li key={i} className={s.accepted === false ? 'text-red-700' : undefined}>
              {s.summary}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The batch followed live: each change to applied, then each HTTPRoute until its Gateway accepts it. */
export function MigrationProgress({ batch, ingressId }: { batch: TMigrationBatch; ingressId: string }) {
  return (
    <Section id="migration-progress" title="Migration submitted" description="One change per object, applied by the worker; the Ingress stays until you delete it.">
      <ul className="divide-y divide-zinc-100">
        {batch.changes.map((c) => (
          <BatchChange key={c.id} initial={c} />
        ))}
      </ul>
      <p className="border-t border-zinc-100 px-5 py-3 text-sm text-zinc-600">
        Once the routes serve your traffic,{' '}
        <Link href={`/objects/${ingressId}/delete`} className="text-accent-700 underline hover:text-accent-800">
          delete the Ingress
        </Link>{' '}
        through the pipeline.
      </p>
    </Section>
  );
}
