import { describe, expect, it } from 'vitest';
import { syncProgressOf, timeAgo } from './cluster-status';

describe('syncProgressOf', () => {
  it('sums the kinds', () => {
    const p = syncProgressOf({ services: { done: 5, total: 10 }, ingresses: { done: 5, total: 10 } });
    expect(p).toMatchObject({ done: 10, total: 20, percent: 50 });
    expect(p.kinds.map((k) => k.kind)).toEqual(['ingresses', 'services']);
  });
  it('is 0 % with nothing to do', () => {
    expect(syncProgressOf({}).percent).toBe(0);
  });
});

describe('timeAgo', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  it('prints short relative times', () => {
    expect(timeAgo(null, now)).toBe('never');
    expect(timeAgo('2026-11-25T11:59:50Z', now)).toBe('just now');
    expect(timeAgo('2026-11-25T11:58:00Z', now)).toBe('2 min ago');
    expect(timeAgo('2026-11-25T09:00:00Z', now)).toBe('3 h ago');
    expect(timeAgo('2026-11-20T12:00:00Z', now)).toBe('5 days ago');
  });
});
