import type { TTlsSecretSummary, TCluster, TIngressSummary, TServiceSummary } from '@portico/contracts';
import type { BadgeTone } from '@/modules/ui/components/badge';

type Port = TServiceSummary['ports'][number];

/** `80→8080/TCP`, `53/UDP`, node port shown separately. */
export function formatPort(p: Port): string {
  const target = p.targetPort !== null && String(p.targetPort) !== String(p.port) ? `→${p.targetPort}` : '';
  return `${p.port}${target}/${p.protocol}`;
}

/** `53/UDP dns`: the port with its name, which the Endpoints and named targetPorts refer to. */
export function formatNamedPort(p: Port): string {
  return p.name ? `${formatPort(p)} ${p.name}` : formatPort(p);
}

export function serviceTypeLabel(s: Pick<TServiceSummary, 'type' | 'headless'>): string {
  return s.headless ? 'Headless' : s.type;
}

/** Endpoints are a problem when none is ready, or the selector matches no Pod at all. */
export function endpointsHealthy(s: Pick<TServiceSummary, 'endpoints' | 'selectorMatchesPods' | 'type'>): boolean {
  if (s.type === 'ExternalName') return true;
  if (s.selectorMatchesPods === false) return false;
  return s.endpoints.ready > 0;
}

export function endpointsProblem(s: Pick<TServiceSummary, 'endpoints' | 'selectorMatchesPods' | 'selector' | 'type'>): string | null {
  if (s.type === 'ExternalName') return null;
  if (s.selectorMatchesPods === false) return 'The selector matches no Pod';
  if (s.selector === null && s.endpoints.total === 0) return 'No selector and no endpoints';
  if (s.endpoints.ready === 0) return 'No ready endpoint';
  return null;
}

/** Days left: amber under 30, red under 7 or expired. */
export function expiryTone(daysLeft: number | null): BadgeTone {
  if (daysLeft === null) return 'neutral';
  if (daysLeft < 7) return 'danger';
  if (daysLeft < 30) return 'warning';
  return 'success';
}

export function expiryLabel(c: Pick<TTlsSecretSummary, 'daysLeft'>): string {
  if (c.daysLeft === null) return 'unknown';
  if (c.daysLeft < 0) return `expired ${-c.daysLeft} d ago`;
  if (c.daysLeft === 0) return 'expires today';
  return `${c.daysLeft} d`;
}

export function ingressPathCount(i: Pick<TIngressSummary, 'rules'>): number {
  return i.rules.reduce((n, r) => n + r.paths.length, 0);
}

/** kubectl-style age: `30m`, `5h`, `12d`. */
export function ageOf(iso: string | null, now: number): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const m = Math.max(0, Math.floor((now - t) / 60000));
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

/**
 * The IngressClass an Ingress gets, named: its own class, else the class the cluster marks as
 * default (`ingressclass.kubernetes.io/is-default-class`), which the API server writes into new
 * Ingresses without one. `classes` undefined: the cluster's classes are not known yet.
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#default-ingress-class
 */
export function ingressClassOf(className: string | null, classes: TCluster['facts']['ingressClasses']): { name: string | null; note: string | null } {
  if (className) return { name: className, note: null };
  if (!classes) return { name: null, note: 'cluster default (classes not synced yet)' };
  const defaults = classes.filter((c) => c.isDefault);
  // Two defaults: the API server refuses new Ingresses without a class, so name neither.
  if (defaults.length === 1) return { name: defaults[0].name, note: '(cluster default)' };
  if (defaults.length > 1) return { name: null, note: `none: the cluster marks ${defaults.length} classes as default` };
  return { name: null, note: 'none: the cluster has no default class' };
}

const entries = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null) : []);

/** A ReferenceGrant's `from` as `kind/namespace` lines (the API's `details.from`). */
export function grantFromLines(details: Record<string, unknown>): string[] {
  return entries(details.from).map((f) => `${String(f.kind)}/${String(f.namespace)}`);
}

/** A ReferenceGrant's `to` as `kind/name` lines; a `to` without a name opens every object of the kind. */
export function grantToLines(details: Record<string, unknown>): string[] {
  return entries(details.to).map((t) => `${String(t.kind)}/${typeof t.name === 'string' ? t.name : '* (any)'}`);
}
