import type { TCluster } from '@portico/contracts';
import type { BadgeTone } from '@/modules/ui/components/badge';

type Status = TCluster['status'];

export const statusTone: Record<Status, BadgeTone> = {
  pending: 'neutral',
  syncing: 'accent',
  ready: 'success',
  unreachable: 'warning',
  error: 'danger',
};

/** Still on its way to `ready`: the Clusters page keeps polling while any cluster is. */
export function isInProgress(c: Pick<TCluster, 'status' | 'enabled'>): boolean {
  return c.enabled && (c.status === 'pending' || c.status === 'syncing');
}

export interface SyncProgress {
  done: number;
  total: number;
  /** 0–100, rounded down so 100 means every object of every kind is in. */
  percent: number;
  kinds: Array<{ kind: string; done: number; total: number }>;
}

/** The initial sync, summed over the kinds the worker lists. */
export function syncProgressOf(progress: TCluster['syncProgress']): SyncProgress {
  const kinds = Object.entries(progress)
    .map(([kind, p]) => ({ kind, done: Math.min(p.done, p.total), total: p.total }))
    .sort((a, b) => a.kind.localeCompare(b.kind));
  const done = kinds.reduce((n, k) => n + k.done, 0);
  const total = kinds.reduce((n, k) => n + k.total, 0);
  return { done, total, percent: total > 0 ? Math.floor((done / total) * 100) : 0, kinds };
}

/** "just now", "2 min ago", "3 h ago", "4 days ago"; `now` is passed in so server and browser agree. */
export function timeAgo(iso: string | null | undefined, now: number): string {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}
