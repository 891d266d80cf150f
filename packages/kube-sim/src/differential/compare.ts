/**
 * What two answers must agree on, and what may differ. Each ignore below says why: values the
 * two backends are free to choose differently, or fields written later by controllers.
 */
type Obj = Record<string, any>;

export interface Summary {
  status: number;
  reason?: string;
  /** The set of `details.causes[].field` (messages may be worded differently). */
  causeFields?: string[];
  object?: Obj;
  /** manager/operation → owned top-level field paths (`spec.ports`, `metadata.labels`). */
  owners?: Record<string, string[]>;
}

const MASK = '<allocated>';

/** Masks a value the apiserver allocates (presence is compared, the value is not). */
const mask = (v: unknown) => (v === undefined || v === null || v === '' || v === 'None' ? v : MASK);

/** The stored object with server-chosen and asynchronously written parts taken out. */
export function normalizeObject(input: Obj): Obj {
  const o = structuredClone(input);
  const m = o.metadata ?? {};
  // Identity and bookkeeping: random or clock-based on each backend.
  for (const k of ['uid', 'creationTimestamp', 'resourceVersion', 'generation', 'managedFields', 'selfLink']) delete m[k];
  if (o.kind === 'Service' && o.spec) {
    // Allocated from a pool (random in the apiserver, sequential in the simulator).
    if ('clusterIP' in o.spec) o.spec.clusterIP = mask(o.spec.clusterIP);
    if (Array.isArray(o.spec.clusterIPs)) o.spec.clusterIPs = o.spec.clusterIPs.map(mask);
    if (o.spec.healthCheckNodePort !== undefined) o.spec.healthCheckNodePort = mask(o.spec.healthCheckNodePort);
    for (const p of Array.isArray(o.spec.ports) ? o.spec.ports : []) if (p && p.nodePort !== undefined) p.nodePort = mask(p.nodePort);
  }
  // Load-balancer addresses: the simulator's controller assigns them after a delay, the real
  // control plane has no cloud provider and never does.
  if ((o.kind === 'Service' || o.kind === 'Ingress') && o.status?.loadBalancer) delete o.status.loadBalancer.ingress;
  // Gateway API status belongs to a Gateway controller (the simulator runs one, the real control plane none).
  if (o.kind === 'Gateway' || o.kind === 'HTTPRoute') delete o.status;
  return o;
}

/** manager/operation → top-level field paths it owns. Timestamps and nesting deeper than two levels are ignored. */
export function owners(obj: Obj): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of obj.metadata?.managedFields ?? []) {
    const paths = new Set<string>();
    for (const [top, sub] of Object.entries<Obj>(e.fieldsV1 ?? {})) {
      if (top === '.') continue;
      const t = top.replace(/^f:/, '');
      const subs = Object.keys(sub ?? {}).filter((k) => k !== '.');
      if (subs.length === 0) paths.add(t);
      for (const s of subs) paths.add(`${t}.${s.replace(/^f:/, '')}`);
    }
    out[`${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ''}`] = [...paths].sort();
  }
  return out;
}

export function summarize(status: number, body: any): Summary {
  if (body?.kind === 'Status') {
    const fields = (body.details?.causes ?? []).map((c: Obj) => c.field ?? '').filter((f: string) => f !== '');
    return { status, reason: body.reason, ...(fields.length ? { causeFields: [...new Set<string>(fields)].sort() } : {}) };
  }
  // A collection delete (an object without a name) answers with the list of what it deleted.
  if (typeof body?.kind === 'string' && body.kind.endsWith('List') && Array.isArray(body.items))
    return { status, object: { kind: body.kind, items: body.items.map((i: Obj) => i.metadata?.name).sort() } };
  if (body && typeof body === 'object' && body.metadata) return { status, object: normalizeObject(body), owners: owners(body) };
  return { status };
}

/** Stable JSON (sorted keys) so objects compare regardless of key order. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Obj)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Obj)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** Dotted paths where `a` and `b` differ (at most `limit`). */
export function diffPaths(a: unknown, b: unknown, base = '', out: string[] = [], limit = 8): string[] {
  if (out.length >= limit) return out;
  if (canonical(a) === canonical(b)) return out;
  const isObj = (x: unknown) => x !== null && typeof x === 'object';
  if (isObj(a) && isObj(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) diffPaths((a as Obj)[k], (b as Obj)[k], base ? `${base}.${k}` : k, out, limit);
    return out;
  }
  out.push(base || '(root)');
  return out;
}

/** The causes' messages by field, for the informational "messages differ" count. */
export function causeMessages(body: any): string {
  return canonical((body?.details?.causes ?? []).map((c: Obj) => `${c.field}: ${c.message}`).sort());
}
