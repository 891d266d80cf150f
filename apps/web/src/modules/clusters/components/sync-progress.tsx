import type { TCluster } from '@portico/contracts';
import { syncProgressOf } from '../lib/cluster-status';

/**
 * The initial sync as one bar (objects of every kind) with the per-kind counts one click away.
 * `active` = the sync is still running (the bar animates; finished ones show the totals).
 */
export function SyncProgress({ cluster, active }: { cluster: Pick<TCluster, 'name' | 'syncProgress'>; active: boolean }) {
  const p = syncProgressOf(cluster.syncProgress);
  if (p.kinds.length === 0) {
    return active ? <p className="text-xs text-zinc-500">Waiting for the worker to start the initial sync…</p> : null;
  }
  const label = `Initial sync of ${cluster.name}`;
  return (
    <div className="space-y-1.5">
      <div className="flex items-baseline justify-between gap-2 text-xs">
        <span className="font-medium text-zinc-700">{active ? 'Initial sync' : 'Initial sync complete'}</span>
        <span className="text-zinc-500 tabular-nums" data-testid="sync-count">
          {p.done} / {p.total} objects{active ? ` · ${p.percent}%` : ''}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={p.total}
        aria-valuenow={p.done}
        aria-valuetext={`${p.done} of ${p.total} objects`}
        className="h-1.5 overflow-hidden rounded-full bg-zinc-100"
      >
        <div
          className={active ? 'h-full rounded-full bg-accent-600 transition-[width] duration-500' : 'h-full rounded-full bg-emerald-500'}
          style={{ width: `${p.total > 0 ? (p.done / p.total) * 100 : 0}%` }}
        />
      </div>
      <details className="text-xs text-zinc-500">
        <summary className="cursor-pointer select-none hover:text-zinc-700">Per kind</summary>
        <ul className="mt-1.5 grid grid-cols-2 gap-x-4 gap-y-0.5 sm:grid-cols-3">
          {p.kinds.map((k) => (
            <li key={k.kind} className="flex justify-between gap-2 tabular-nums">
              <span className="truncate">{k.kind}</span>
              <span className={k.done < k.total ? 'text-accent-700' : 'text-zinc-600'}>
                {k.done}/{k.total}
              </span>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
