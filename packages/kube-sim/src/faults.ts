/**
 * Fault injection for callers' resilience tests: latency, errors for chosen verbs/resources,
 * dropped watches, a forced 410 on the next watch, and refused connections for a while.
 */
import type { Verb } from './auth.js';
import { ApiError } from './status.js';

export interface FaultRule {
  /** Verbs the rule applies to (default: all). */
  verbs?: Verb[];
  /** Resource plurals, e.g. `services` (default: all). */
  resources?: string[];
  /** HTTP status to answer, e.g. 500, 503, 429 (default 500). */
  status?: number;
  /** Probability 0..1 that a matching request fails (default 1). */
  errorRate?: number;
  /** Extra latency for matching requests. */
  latencyMs?: number;
  /** How many times the rule fires before it is removed (default: unlimited). */
  times?: number;
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  410: 'Expired',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

export interface FaultHooks {
  dropWatches(): number;
  openWatches(): number;
  refuseConnections(ms: number): Promise<void>;
}

export class Faults {
  /** Latency added to every API request. */
  latencyMs = 0;
  private rules: FaultRule[] = [];
  private expireNext = 0;
  private hooks: FaultHooks | undefined;

  /** @internal wired by the server */
  attach(hooks: FaultHooks): void {
    this.hooks = hooks;
  }

  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  addRule(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  /** Removes every rule and the latency. */
  clear(): void {
    this.rules = [];
    this.latencyMs = 0;
    this.expireNext = 0;
  }

  /** Ends every open watch stream now (clients see the stream close and reconnect). */
  dropWatches(): number {
    return this.hooks?.dropWatches() ?? 0;
  }

  /** Number of watch streams open right now (handy to know a client is watching). */
  openWatches(): number {
    return this.hooks?.openWatches() ?? 0;
  }

  /** The next `count` watch requests get a 410 Gone ERROR event, forcing a relist. */
  expireNextWatch(count = 1): void {
    this.expireNext += count;
  }

  /** Closes the listening socket (and open connections), reopening it after `seconds`. */
  async refuseConnections(seconds: number): Promise<void> {
    await this.hooks?.refuseConnections(seconds * 1000);
  }

  /** @internal */
  takeExpire(): boolean {
    if (this.expireNext <= 0) return false;
    this.expireNext--;
    return true;
  }

  /** @internal latency to add and an error to answer, for one request. */
  evaluate(verb: Verb, plural: string): { latencyMs: number; error?: ApiError } {
    let latencyMs = this.latencyMs;
    let error: ApiError | undefined;
    for (const r of [...this.rules]) {
      if (r.verbs && !r.verbs.includes(verb)) continue;
      if (r.resources && !r.resources.includes(plural)) continue;
      latencyMs += r.latencyMs ?? 0;
      const fails = r.status !== undefined || r.errorRate !== undefined;
      if (!error && fails && Math.random() < (r.errorRate ?? 1)) {
        const code = r.status ?? 500;
        error = new ApiError(code, REASONS[code] ?? 'InternalError', `injected fault: ${code} for ${verb} ${plural}`, code === 429 ? { retryAfterSeconds: 1 } : undefined);
        if (r.times !== undefined && --r.times <= 0) this.rules = this.rules.filter((x) => x !== r);
      }
    }
    return { latencyMs, error };
  }
}
