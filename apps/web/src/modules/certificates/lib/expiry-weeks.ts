/** How far ahead the expiry chart looks. */
export const CHART_DAYS = 90;
const WEEK_MS = 7 * 86_400_000;

export interface WeekBar {
  /** The week's first day (UTC, ISO date). */
  start: string;
  count: number;
}

/**
 * Certificates expiring in each week from `now` over the next 90 days (13 bars; the last one
 * shorter). Expired ones and those further out are not counted.
 */
export function expiriesPerWeek(notAfters: readonly (string | null)[], now: Date): WeekBar[] {
  const weeks = Math.ceil(CHART_DAYS / 7);
  const bars: WeekBar[] = Array.from({ length: weeks }, (_, i) => ({ start: new Date(now.getTime() + i * WEEK_MS).toISOString().slice(0, 10), count: 0 }));
  const end = now.getTime() + CHART_DAYS * 86_400_000;
  for (const iso of notAfters) {
    const t = iso ? Date.parse(iso) : NaN;
    if (!(t > now.getTime() && t <= end)) continue;
    bars[Math.min(weeks - 1, Math.floor((t - now.getTime()) / WEEK_MS))].count++;
  }
  return bars;
}
