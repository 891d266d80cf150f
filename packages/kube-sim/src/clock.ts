/**
 * Simulated clock. Object timestamps, certificate validity and renewals read it, so tests can
 * jump months ahead (`clock.advance(90 * DAY)`) without waiting. Listeners run after every move.
 */
export class SimClock {
  private offsetMs = 0;
  private frozenAt: number | undefined;
  private readonly listeners = new Set<(now: Date) => void>();

  constructor(opts: { start?: Date; frozen?: boolean } = {}) {
    const start = opts.start?.getTime() ?? Date.now();
    if (opts.frozen) this.frozenAt = start;
    else this.offsetMs = start - Date.now();
  }

  /** Current simulated time in ms since the epoch. */
  nowMs(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** RFC 3339 with second precision, as Kubernetes writes metav1.Time. */
  timestamp(): string {
    return rfc3339(this.nowMs());
  }

  advance(ms: number): Date {
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offsetMs += ms;
    this.emit();
    return this.now();
  }

  set(to: Date | string | number): Date {
    const t = new Date(to).getTime();
    if (Number.isNaN(t)) throw new Error(`invalid time: ${String(to)}`);
    if (this.frozenAt !== undefined) this.frozenAt = t;
    else this.offsetMs = t - Date.now();
    this.emit();
    return this.now();
  }

  onChange(fn: (now: Date) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    const now = this.now();
    for (const fn of this.listeners) fn(now);
  }
}

let lastSecond = NaN;
let lastText = '';
export function rfc3339(ms: number): string {
  const sec = Math.floor(ms / 1000);
  if (sec !== lastSecond) {
    lastSecond = sec;
    lastText = new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastText;
}
