/**
 * Fault injection for callers' resilience tests: latency, errors for chosen verbs/resources,
 * dropped watches, a forced 410 on the next watch, refused connections for a while — and a
 * hostile server: bodies of any size and watch floods, generated on the fly (never held in
 * memory) and written only as fast as the client reads.
 */
import type { ServerResponse } from 'node:http';
import type { Verb } from './auth.js';
import type { ResourceType } from './resources.js';
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

/** Answers a GET of `target` with a JSON body of `megabytes` MB (a padding string inside a valid document). */
export interface OversizeRule {
  /** `/version`, `/api`, `/apis`, or a resource plural (its list), e.g. `services`. */
  target: string;
  megabytes: number;
  /** How many answers the rule shapes before it is removed (default: unlimited). */
  times?: number;
}

/** Watches of these resources send events of made-up objects as fast as the socket takes them. */
export interface FloodRule {
  /** Resource plurals (default: all). */
  resources?: string[];
  /** Stop after this many events per watch (default: until the client goes). */
  events?: number;
  /**
   * Cycle through this many object names: ADDED once each, then MODIFIED over and over (a
   * controller hot-looping). Default: every event ADDs a new object.
   */
  names?: number;
  /** Bytes of annotation padding per object (default 0). */
  padBytes?: number;
}

export interface FaultHooks {
  dropWatches(): number;
  openWatches(): number;
  refuseConnections(ms: number): Promise<void>;
}

export class Faults {
  /** Latency added to every API request. */
  latencyMs = 0;
  private rules: FaultRule[] = [];
  private oversize: OversizeRule[] = [];
  private floods: FloodRule[] = [];
  private flooded = 0;
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

  /** GETs of `target` answer `megabytes` MB: an oversized `/version` or list page. */
  oversizeBody(rule: OversizeRule): void {
    this.oversize.push({ ...rule });
  }

  /** Watches (of `resources`) flood: ADDED events of made-up objects, as fast as the client reads. */
  floodWatches(rule: FloodRule = {}): void {
    this.floods.push({ ...rule });
  }

  /** Events written by flooding watches so far (to know a flood is really going on). */
  floodEventsSent(): number {
    return this.flooded;
  }

  /** Removes every rule, hostile ones included, and the latency. Open flooding watches end. */
  clear(): void {
    this.rules = [];
    this.oversize = [];
    this.floods = [];
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

  /** @internal Streams an oversized body when a rule targets `target`; false when none does. */
  serveOversized(target: string, res: ServerResponse): boolean {
    const rule = this.oversize.find((r) => r.target === target);
    if (!rule) return false;
    if (rule.times !== undefined && --rule.times <= 0) this.oversize = this.oversize.filter((r) => r !== rule);
    streamPadded(
      res,
      Math.round(rule.megabytes * 1024 * 1024),
      target.startsWith('/') ? '{"major":"1","minor":"31","gitVersion":"v1.31.0","padding":"' : `{"kind":"List","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[],"padding":"`,
    );
    return true;
  }

  /** @internal Floods a watch of `rt` when a rule says so; false when none does. */
  serveFlood(rt: ResourceType, res: ServerResponse): boolean {
    const rule = this.floods.find((r) => !r.resources || r.resources.includes(rt.plural));
    if (!rule) return false;
    flood(
      res,
      rt,
      rule,
      () => !this.floods.includes(rule),
      (n) => (this.flooded += n),
    );
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

/** Writes `head`, `bytes` of padding and the closing `"}`, one reused 1 MB block at a time, waiting for `drain`. */
function streamPadded(res: ServerResponse, bytes: number, head: string): void {
  const block = Buffer.alloc(1024 * 1024, 'x');
  let left = bytes;
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.write(head);
  const push = () => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= block.length ? block : block.subarray(0, left);
      left -= piece.length;
      if (!res.write(piece)) return void res.once('drain', push);
    }
    if (!res.destroyed) res.end('"}');
  };
  push();
}

/** Events of made-up objects (`flood-N`), 256 per write, as fast as the socket drains. */
function flood(res: ServerResponse, rt: ResourceType, rule: FloodRule, cleared: () => boolean, sent: (n: number) => void): void {
  const apiVersion = rt.group ? `${rt.group}/${rt.version}` : rt.version;
  const namespace = rt.namespaced ? '"namespace":"flood",' : '';
  const padding = rule.padBytes ? `"annotations":{"pad":"${'x'.repeat(rule.padBytes)}"},` : '';
  const events = rule.events ?? Number.POSITIVE_INFINITY;
  const names = rule.names ?? Number.POSITIVE_INFINITY;
  let n = 0;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  const push = () => {
    while (n < events && !res.destroyed && !cleared()) {
      const lines: string[] = [];
      for (const end = Math.min(n + 256, events); n < end; n++) {
        const id = n % names;
        const type = n < names ? 'ADDED' : 'MODIFIED';
        lines.push(
          `{"type":"${type}","object":{"apiVersion":"${apiVersion}","kind":"${rt.kind}","metadata":{"name":"flood-${id}",${namespace}${padding}"uid":"00000000-0000-4000-8000-${String(id).padStart(12, '0')}","resourceVersion":"${1_000_000 + n}"}}}\n`,
        );
      }
      sent(lines.length);
      if (!res.write(lines.join(''))) return void res.once('drain', push);
    }
    if (!res.destroyed) res.end();
  };
  push();
}
