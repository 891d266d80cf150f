import { type THttpRouteFilter, type THttpRouteRequest, ZGatewayHostname } from '@portico/contracts';
import { formatPairs, pairsProblem, parsePairs, withoutUndefined } from './service-values';

/**
 * What the HTTPRoute form holds as text, and the `httpRoute` change request it makes. A rule
 * has matches (path, one header, one query parameter, a method), at most one filter and
 * weighted backends. Numbers typed as words are sent as they are, so the contract names the field.
 * @see https://gateway-api.sigs.k8s.io/api-types/httproute/
 */
export interface ParentRow {
  /** `name` or `namespace/name` of a Gateway. */
  gateway: string;
  sectionName: string;
}
export interface MatchRow {
  pathType: string;
  path: string;
  headerName: string;
  headerValue: string;
  queryName: string;
  queryValue: string;
  method: string;
}
export interface BackendRow {
  service: string;
  /** Empty: the route's namespace. */
  namespace: string;
  port: string;
  weight: string;
}
export type FilterKind = 'none' | 'RequestRedirect' | 'URLRewrite' | 'RequestHeaderModifier' | 'ResponseHeaderModifier';
export interface RouteRuleRow {
  matches: MatchRow[];
  filter: FilterKind;
  /** RequestRedirect: scheme, hostname, status; URLRewrite: hostname and the prefix that replaces the matched one; header modifiers: `name=value` pairs set. */
  scheme: string;
  hostname: string;
  statusCode: string;
  replacePrefix: string;
  headers: string;
  backends: BackendRow[];
}
export interface HttpRouteValues {
  name: string;
  parents: ParentRow[];
  /** Comma or space separated. */
  hostnames: string;
  rules: RouteRuleRow[];
}

export const emptyMatch = (): MatchRow => ({ pathType: 'PathPrefix', path: '/', headerName: '', headerValue: '', queryName: '', queryValue: '', method: '' });
export const emptyBackend = (): BackendRow => ({ service: '', namespace: '', port: '', weight: '' });
export const emptyRouteRule = (): RouteRuleRow => ({ matches: [emptyMatch()], filter: 'none', scheme: '', hostname: '', statusCode: '', replacePrefix: '', headers: '', backends: [emptyBackend()] });
export const emptyHttpRouteValues = (): HttpRouteValues => ({ name: '', parents: [{ gateway: '', sectionName: '' }], hostnames: '', rules: [emptyRouteRule()] });

const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
const num = (s: string): number | undefined => (s.trim() === '' ? undefined : /^-?\d+$/.test(s.trim()) ? Number(s.trim()) : (s.trim() as unknown as number));
const list = (s: string) => {
  const items = s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
};
const headerPairs = (s: string) => Object.entries(parsePairs(s) ?? {}).map(([name, value]) => ({ name, value }));

function filterOf(r: RouteRuleRow): THttpRouteFilter | undefined {
  switch (r.filter) {
    case 'none':
      return undefined;
    case 'RequestRedirect':
      return withoutUndefined({ type: r.filter, scheme: opt(r.scheme), hostname: opt(r.hostname), statusCode: num(r.statusCode) }) as THttpRouteFilter;
    case 'URLRewrite':
      return withoutUndefined({
        type: r.filter,
        hostname: opt(r.hostname),
        path: r.replacePrefix.trim() ? { type: 'ReplacePrefixMatch', value: r.replacePrefix.trim() } : undefined,
      });
    default:
      return { type: r.filter, set: headerPairs(r.headers) };
  }
}

export function httpRouteRequestOf(v: HttpRouteValues, namespace: string): THttpRouteRequest {
  return withoutUndefined({
    type: 'httpRoute',
    namespace,
    name: v.name.trim(),
    parentRefs: v.parents.map((p) => {
      const [a, b] = p.gateway.trim().split('/');
      return withoutUndefined({ name: b ?? a, namespace: b !== undefined ? a : undefined, sectionName: opt(p.sectionName) });
    }),
    hostnames: list(v.hostnames),
    rules: v.rules.map((r) => {
      const filter = filterOf(r);
      return withoutUndefined({
        matches: r.matches.map((m) =>
          withoutUndefined({
            path: { type: m.pathType, value: m.path },
            headers: m.headerName.trim() ? [{ name: m.headerName.trim(), value: m.headerValue }] : undefined,
            queryParams: m.queryName.trim() ? [{ name: m.queryName.trim(), value: m.queryValue }] : undefined,
            method: opt(m.method),
          }),
        ),
        filters: filter ? [filter] : undefined,
        // A redirect answers by itself: backends beside it are refused by the CRD.
        backendRefs:
          r.filter === 'RequestRedirect' ? undefined : r.backends.map((b) => withoutUndefined({ name: b.service.trim(), namespace: opt(b.namespace), port: num(b.port), weight: num(b.weight) })),
      });
    }),
  } as THttpRouteRequest);
}

/** Each backend's share of the rule's traffic, in percent (weights default to 1). */
export function trafficShares(backends: BackendRow[]): number[] {
  const weights = backends.map((b) => (/^\d+$/.test(b.weight.trim()) ? Number(b.weight.trim()) : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (total === 0 ? 0 : Math.round((w / total) * 1000) / 10));
}

/** Two backends split `percent` to the second (a canary), the rest to the first. */
export function splitWeights(backends: BackendRow[], percent: number): BackendRow[] {
  const p = Math.max(0, Math.min(100, Math.round(percent)));
  return backends.map((b, i) => (i === 0 ? { ...b, weight: String(100 - p) } : i === 1 ? { ...b, weight: String(p) } : b));
}

export function httpRouteTextProblems(v: HttpRouteValues): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  // One input holds every hostname: the contract's message on `hostnames.N` is shown on it, naming the hostname.
  for (const h of list(v.hostnames) ?? []) {
    const parsed = ZGatewayHostname.safeParse(h);
    if (!parsed.success) {
      out['change.hostnames'] ??= `${h}: ${parsed.error.issues[0].message}`;
    }
  }
  v.rules.forEach((r, i) => {
    if ((r.filter === 'RequestHeaderModifier' || r.filter === 'ResponseHeaderModifier') && (pairsProblem(r.headers) || !r.headers.trim()))
      out[`change.rules.${i}.filters.0.set`] = pairsProblem(r.headers) ?? 'give at least one header as name=value';
  });
  return out;
}

export function httpRouteFieldNames(v: HttpRouteValues): string[] {
  const names = ['change.namespace', 'change.name', 'change.hostnames', 'change.parentRefs', 'change.rules'];
  v.parents.forEach((_, i) => names.push(`change.parentRefs.${i}.name`, `change.parentRefs.${i}.sectionName`, `change.parentRefs.${i}`));
  v.rules.forEach((r, i) => {
    names.push(
      `change.rules.${i}.filters`,
      `change.rules.${i}.filters.0.hostname`,
      `change.rules.${i}.filters.0.statusCode`,
      `change.rules.${i}.filters.0.scheme`,
      `change.rules.${i}.filters.0.path`,
      `change.rules.${i}.filters.0.set`,
      `change.rules.${i}.backendRefs`,
    );
    r.matches.forEach((_, j) => {
      const m = `change.rules.${i}.matches.${j}`;
      names.push(`${m}.path.value`, `${m}.headers.0.name`, `${m}.headers.0.value`, `${m}.queryParams.0.name`, `${m}.queryParams.0.value`, `${m}.method`);
    });
    r.backends.forEach((_, j) => {
      const b = `change.rules.${i}.backendRefs.${j}`;
      names.push(`${b}.name`, `${b}.namespace`, `${b}.port`, `${b}.weight`);
    });
  });
  return names;
}

type Dict = Record<string, unknown>;
const dict = (v: unknown): Dict => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Dict) : {});
const arr = (v: unknown): Dict[] => (Array.isArray(v) ? v.map(dict) : []);
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/**
 * The form's values for an existing route, or null when the route says more than the form can
 * (several filters in a rule, several headers in a match, other filter kinds): it is then
 * edited as YAML, so nothing is dropped silently.
 */
export function httpRouteValuesOf(route: { metadata?: { name?: string; namespace?: string }; spec?: unknown }): HttpRouteValues | null {
  const spec = dict(route.spec);
  const ns = route.metadata?.namespace ?? '';
  let representable = true;
  const rules = arr(spec.rules).map((r): RouteRuleRow => {
    const filters = arr(r.filters);
    if (filters.length > 1) representable = false;
    const f = filters[0] ?? {};
    const kind = (filters.length ? str(f.type) : 'none') as FilterKind;
    if (!['none', 'RequestRedirect', 'URLRewrite', 'RequestHeaderModifier', 'ResponseHeaderModifier'].includes(kind)) representable = false;
    const redirect = dict(f.requestRedirect);
    const rewrite = dict(f.urlRewrite);
    const modifier = dict(f.requestHeaderModifier ?? f.responseHeaderModifier);
    if (arr(modifier.add).length || (Array.isArray(modifier.remove) && modifier.remove.length) || redirect.path || redirect.port) representable = false;
    if (rewrite.path && dict(rewrite.path).type !== 'ReplacePrefixMatch') representable = false;
    const matches = arr(r.matches).map((m): MatchRow => {
      if (arr(m.headers).length > 1 || arr(m.queryParams).length > 1) representable = false;
      const h = arr(m.headers)[0] ?? {};
      const q = arr(m.queryParams)[0] ?? {};
      return {
        pathType: str(dict(m.path).type) || 'PathPrefix',
        path: str(dict(m.path).value) || '/',
        headerName: str(h.name),
        headerValue: str(h.value),
        queryName: str(q.name),
        queryValue: str(q.value),
        method: str(m.method),
      };
    });
    return {
      matches: matches.length ? matches : [emptyMatch()],
      filter: kind,
      scheme: str(redirect.scheme),
      hostname: str(redirect.hostname ?? rewrite.hostname),
      statusCode: str(redirect.statusCode),
      replacePrefix: str(dict(rewrite.path).replacePrefixMatch),
      headers: formatPairs(Object.fromEntries(arr(modifier.set).map((h) => [str(h.name), str(h.value)]))),
      backends: arr(r.backendRefs).map((b) => ({ service: str(b.name), namespace: str(b.namespace), port: str(b.port), weight: str(b.weight) })),
    };
  });
  if (!representable) return null;
  return {
    name: route.metadata?.name ?? '',
    parents: arr(spec.parentRefs).map((p) => ({ gateway: p.namespace && p.namespace !== ns ? `${str(p.namespace)}/${str(p.name)}` : str(p.name), sectionName: str(p.sectionName) })),
    hostnames: (Array.isArray(spec.hostnames) ? spec.hostnames.map(str) : []).join(', '),
    rules: rules.length ? rules : [emptyRouteRule()],
  };
}
