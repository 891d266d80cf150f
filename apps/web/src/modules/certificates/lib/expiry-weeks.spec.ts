import { describe, expect, it } from 'vitest';
import { expiriesPerWeek } from './expiry-weeks';

const now = new Date('2026-06-01T00:00:00Z');
const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000).toISOString();

describe('expiriesPerWeek', () => {
  it('counts expiries per week over the next 90 days, leaving out expired, unknown and later ones', () => {
    const bars = expiriesPerWeek([inDays(0.5), inDays(6.9), inDays(7), inDays(89.9), inDays(90), inDays(91), inDays(-1), null], now);
    expect(bars).toHaveLength(13);
    expect(bars[0]).toEqual({ start: '2026-06-01', count: 2 });
    expect(bars[1]).toEqual({ start: '2026-06-08', count: 1 });
    expect(bars[12].count).toBe(2);
    expect(bars.reduce((n, b) => n + b.count, 0)).toBe(5);
  });
});
