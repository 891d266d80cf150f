'use client';

import Link from 'next/link';
import type { TChange } from '@portico/contracts';
import { useFollowedChange } from '../lib/use-followed-change';
import { ChangeOutcome } from './change-outcome';
import { ChangeStateBadge } from './change-state-badge';

const STEPS = ['pending', 'applying', 'applied'] as const;

/** A submitted change followed live, from pending to applied or failed. */
export function ChangeProgress({ initial }: { initial: TChange }) {
  const { change, moving, error } = useFollowedChange(initial);
  const reached = STEPS.indexOf(change.state as (typeof STEPS)[number]);
  return (
    <section aria-labelledby="progress-title" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4" data-testid="change-progress">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="progress-title" className="text-[15px] font-semibold text-zinc-900">
          Change submitted
        </h2>
        <div aria-live="polite">
          <ChangeStateBadge state={change.state} />
        </div>
        <Link href={`/changes/${change.id}`} className="text-sm text-accent-700 hover:underline">
          Change page
        </Link>
      </div>
      {change.state === 'awaiting_approval' ? (
        <p className="text-sm text-zinc-600">This cluster requires approval: an admin other than you approves or rejects it on its change page.</p>
      ) : (
        <ol className="flex flex-wrap items-center gap-2 text-xs text-zinc-500" aria-label="Progress">
          {STEPS.map((s, i) => (
            <li key={s} className={i <= reached ? 'font-medium text-zinc-900' : undefined}>
              {i > 0 && <span aria-hidden="true">→ </span>}
              {s}
            </li>
          ))}
        </ol>
      )}
      {moving && <p className="text-xs text-zinc-500">Following the change…</p>}
      {error && <p className="text-xs text-red-700">Could not re-read the change: {error}</p>}
      <ChangeOutcome change={change} />
    </section>
  );
}
