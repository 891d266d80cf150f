import type { TExposeRequest, TExternalNameRequest, TServicePortInput, TServiceRequest } from '@portico/contracts';

/**
 * What the Service forms (Expose, Service, ExternalName) hold as text, and the change request
 * each makes of it. Empty inputs are left out, so the API (like `kubectl expose`) fills in its
 * defaults; text that is not a number stays text, so the contract names the field.
 */
export interface PortRow {
  name: string;
  port: string;
  targetPort: string;
  protocol: string;
  nodePort: string;
}

export type ServiceTypeChoice = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'headless';

export interface ServiceValues {
  serviceType: ServiceTypeChoice;
  name: string;
  ports: PortRow[];
  /** `key=value` pairs, comma or newline separated. */
  selector: string;
  labels: string;
  sessionAffinity: '' | 'None' | 'ClientIP';
  /** Comma or newline separated. */
  externalIPs: string;
  loadBalancerClass: string;
  loadBalancerSourceRanges: string;
  externalTrafficPolicy: '' | 'Cluster' | 'Local';
  internalTrafficPolicy: '' | 'Cluster' | 'Local';
}

export const emptyPort = (): PortRow => ({ name: '', port: '', targetPort: '', protocol: '', nodePort: '' });

export const emptyServiceValues = (serviceType: ServiceTypeChoice = 'ClusterIP'): ServiceValues => ({
  serviceType,
  name: '',
  ports: [],
  selector: '',
  labels: '',
  sessionAffinity: '',
  externalIPs: '',
  loadBalancerClass: '',
  loadBalancerSourceRanges: '',
  externalTrafficPolicy: '',
  internalTrafficPolicy: '',
});

export const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
const num = (s: string): number | string | undefined => {
  const t = s.trim();
  if (t === '') return undefined;
  return /^\d+$/.test(t) ? Number(t) : t;
};
export const list = (s: string) => {
  const items = s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
};

/** `app=web, tier=front` → `{ app: 'web', tier: 'front' }`; a pair without `=` is reported by `pairsProblem`. */
export function parsePairs(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of text.split(/[,\n]/)) {
    const t = part.trim();
    if (!t) continue;
    const eq = t.indexOf('=');
    if (eq < 0) continue;
    out[t.slice(0, eq).trim()] = t.slice(eq + 1).trim();
  }
  return Object.keys(out).length ? out : undefined;
}

export function pairsProblem(text: string): string | undefined {
  const bad = text
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter((p) => p && !p.includes('='));
  return bad.length ? `write key=value pairs (not “${bad[0]}”)` : undefined;
}

export const formatPairs = (pairs: Record<string, string> | null | undefined) =>
  Object.entries(pairs ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

function portsOf(rows: PortRow[]): TServicePortInput[] | undefined {
  if (rows.length === 0) return undefined;
  // Text that is not a number goes through as is: the contract refuses it on that field.
  return rows.map((r) => ({
    name: opt(r.name),
    port: num(r.port) as number,
    targetPort: num(r.targetPort),
    protocol: (opt(r.protocol) ?? undefined) as TServicePortInput['protocol'],
    nodePort: num(r.nodePort) as number | undefined,
  }));
}

/** Fields of the Service spec shared by Expose and the Service editor. */
function specOf(v: ServiceValues) {
  const lb = v.serviceType === 'LoadBalancer';
  return {
    serviceType: v.serviceType === 'headless' ? ('ClusterIP' as const) : v.serviceType,
    headless: v.serviceType === 'headless' ? true : undefined,
    selector: parsePairs(v.selector),
    labels: parsePairs(v.labels),
    sessionAffinity: v.sessionAffinity || undefined,
    externalIPs: list(v.externalIPs),
    loadBalancerClass: lb ? opt(v.loadBalancerClass) : undefined,
    loadBalancerSourceRanges: lb ? list(v.loadBalancerSourceRanges) : undefined,
    externalTrafficPolicy: v.externalTrafficPolicy || undefined,
    internalTrafficPolicy: v.internalTrafficPolicy || undefined,
  };
}

export function exposeRequestOf(v: ServiceValues, source: { namespace: string; kind: TExposeRequest['source']['kind']; name: string }): TExposeRequest {
  return withoutUndefined({ type: 'expose', namespace: source.namespace, source: { kind: source.kind, name: source.name }, name: opt(v.name), ports: portsOf(v.ports), ...specOf(v) });
}

export function serviceRequestOf(v: ServiceValues, namespace: string): TServiceRequest {
  return withoutUndefined({ type: 'service', namespace, name: v.name.trim(), ports: portsOf(v.ports) ?? [], ...specOf(v) });
}

export function externalNameRequestOf(v: { name: string; externalName: string; labels: string; ports: PortRow[] }, namespace: string): TExternalNameRequest {
  const ports = portsOf(v.ports)?.map(({ nodePort: _nodePort, ...p }) => p);
  return withoutUndefined({ type: 'externalName', namespace, name: v.name.trim(), externalName: v.externalName.trim(), labels: parsePairs(v.labels), ports });
}

/** Own-form checks the contract cannot make on text: numbers typed as numbers, pairs written as pairs. */
export function serviceTextProblems(v: Pick<ServiceValues, 'ports' | 'selector' | 'labels'>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { 'change.selector': pairsProblem(v.selector), 'change.labels': pairsProblem(v.labels) };
  v.ports.forEach((r, i) => {
    for (const f of ['port', 'nodePort'] as const) {
      if (r[f].trim() && !/^\d+$/.test(r[f].trim())) out[`change.ports.${i}.${f}`] = 'must be a number';
    }
  });
  return out;
}

/** JSON drops `undefined`, but the strict contracts and the stale-preview check compare objects: drop it here once. */
export function withoutUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A Service's spec (from its synced YAML) as the editor's values. */
export function serviceValuesOf(svc: { metadata?: { name?: string; labels?: Record<string, string> }; spec?: Record<string, unknown> }): ServiceValues {
  const spec = (svc.spec ?? {}) as {
    type?: string;
    clusterIP?: string;
    ports?: { name?: string; port?: number; targetPort?: number | string; protocol?: string; nodePort?: number }[];
    selector?: Record<string, string>;
    sessionAffinity?: string;
    externalIPs?: string[];
    loadBalancerClass?: string;
    loadBalancerSourceRanges?: string[];
    externalTrafficPolicy?: string;
    internalTrafficPolicy?: string;
  };
  const type = spec.type === 'NodePort' || spec.type === 'LoadBalancer' ? spec.type : spec.clusterIP === 'None' ? 'headless' : 'ClusterIP';
  const str = (x: string | number | undefined) => (x === undefined ? '' : String(x));
  return {
    serviceType: type,
    name: svc.metadata?.name ?? '',
    ports: (spec.ports ?? []).map((p) => ({ name: str(p.name), port: str(p.port), targetPort: str(p.targetPort), protocol: p.protocol ?? 'TCP', nodePort: str(p.nodePort) })),
    selector: formatPairs(spec.selector),
    labels: formatPairs(svc.metadata?.labels),
    sessionAffinity: spec.sessionAffinity === 'ClientIP' || spec.sessionAffinity === 'None' ? spec.sessionAffinity : '',
    externalIPs: (spec.externalIPs ?? []).join(', '),
    loadBalancerClass: spec.loadBalancerClass ?? '',
    loadBalancerSourceRanges: (spec.loadBalancerSourceRanges ?? []).join(', '),
    externalTrafficPolicy: spec.externalTrafficPolicy === 'Local' || spec.externalTrafficPolicy === 'Cluster' ? spec.externalTrafficPolicy : '',
    internalTrafficPolicy: spec.internalTrafficPolicy === 'Local' || spec.internalTrafficPolicy === 'Cluster' ? spec.internalTrafficPolicy : '',
  };
}

/** The inputs of the Service fields, named as the contract's fields (errors and warnings land on them). */
export function serviceFieldNames(v: Pick<ServiceValues, 'ports'>): string[] {
  const base = ['change.name', 'change.headless', 'change.serviceType', 'change.selector', 'change.labels', 'change.sessionAffinity', 'change.externalIPs', 'change.loadBalancerClass'];
  const more = ['change.loadBalancerSourceRanges', 'change.externalTrafficPolicy', 'change.internalTrafficPolicy', 'change.externalName', 'change.ports'];
  const ports = v.ports.flatMap((_, i) => ['port', 'targetPort', 'protocol', 'nodePort', 'name'].map((f) => `change.ports.${i}.${f}`));
  return [...base, ...more, ...ports];
}
