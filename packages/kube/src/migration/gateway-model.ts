/**
 * Where a Gateway API implementation sends a request, computed from the produced Gateway and
 * HTTPRoutes only: the "after" side of the equivalence table. The listener is the most specific
 * one for the port and host; among the rules of the routes attached to it, precedence goes to
 * the route's most specific matching hostname, then an Exact path, then the longest prefix, then
 * the order of routes and rules.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httppathmatch
 */
import { hostnameCovers, mostSpecific } from './convert.js';
import type { GatewayObject, HttpRouteObject, ListenerSpec, PathModifier, RouteRule } from './gateway-types.js';
import { type Probe, formatBackend, formatRedirect, NOT_FOUND } from './probe.js';

export const NO_LISTENER = 'no listener';

interface Candidate {
  score: number[];
  rule: RouteRule;
  prefix: string;
}

/** PathPrefix matches whole path elements; a trailing `/` in the value is ignored. */
function matchPath(type: string, value: string, path: string): string | null {
  if (type === 'Exact') return path === value ? value : null;
  const v = value.length > 1 ? value.replace(/\/$/, '') : value;
  return v === '/' || path === v || path.startsWith(`${v}/`) ? v : null;
}

function modifyPath(modifier: PathModifier | undefined, prefix: string, path: string): string {
  if (!modifier) return path;
  if (modifier.type === 'ReplaceFullPath') return modifier.replaceFullPath ?? path;
  const rest = prefix === '/' ? path : path.slice(prefix.length);
  const replacement = modifier.replacePrefixMatch ?? '/';
  if (replacement === '/' || replacement === '') return rest.startsWith('/') ? rest : `/${rest}`;
  return `${replacement.replace(/\/$/, '')}${rest}`;
}

/** [non-wildcard hostname characters, hostname characters] of the route's hostname that matches the host. */
function hostScore(route: HttpRouteObject, host: string): number[] | null {
  const names = route.spec.hostnames ?? [];
  if (names.length === 0) return [0, 0];
  const scores = names.filter((n) => hostnameCovers(n, host)).map((n) => (n.startsWith('*.') ? [0, n.length] : [n.length, n.length]));
  return scores.sort((a, b) => b[0] - a[0] || b[1] - a[1])[0] ?? null;
}

const allows = (listener: ListenerSpec, gateway: GatewayObject, routeNamespace: string) => {
  const from = listener.allowedRoutes?.namespaces.from ?? 'Same';
  if (from === 'All') return true;
  if (from === 'Same') return routeNamespace === gateway.metadata.namespace;
  return listener.allowedRoutes?.namespaces.selector?.matchLabels['kubernetes.io/metadata.name'] === routeNamespace;
};

export class GatewayModel {
  constructor(
    private readonly gateway: GatewayObject,
    private readonly routes: HttpRouteObject[],
  ) {}

  route(req: Probe): string {
    const listener = this.listener(req);
    if (!listener) return NO_LISTENER;
    const candidates: Candidate[] = [];
    for (const route of this.routes) {
      const attached = route.spec.parentRefs.some(
        (p) => p.name === this.gateway.metadata.name && (p.namespace ?? route.metadata.namespace) === this.gateway.metadata.namespace && (!p.sectionName || p.sectionName === listener.name),
      );
      const hosts = hostScore(route, req.host);
      if (!attached || !hosts || !allows(listener, this.gateway, route.metadata.namespace)) continue;
      for (const rule of route.spec.rules) {
        for (const m of rule.matches) {
          const prefix = matchPath(m.path.type, m.path.value, req.path);
          if (prefix !== null) candidates.push({ score: [...hosts, m.path.type === 'Exact' ? 1 : 0, m.path.value.length], rule, prefix });
        }
      }
    }
    // A stable sort keeps route and rule order for ties, as the spec asks.
    const best = candidates.sort((a, b) => a.score.reduce((d, _, i) => d || b.score[i] - a.score[i], 0))[0];
    return best ? this.outcome(best, req) : NOT_FOUND;
  }

  private listener(req: Probe): ListenerSpec | undefined {
    const port = req.scheme === 'https' ? 443 : 80;
    const protocol = req.scheme === 'https' ? 'HTTPS' : 'HTTP';
    return mostSpecific(this.gateway.spec.listeners.filter((l) => l.port === port && l.protocol === protocol && hostnameCovers(l.hostname, req.host)));
  }

  private outcome({ rule, prefix }: Candidate, req: Probe): string {
    const redirect = rule.filters?.find((f) => f.type === 'RequestRedirect');
    if (redirect?.type === 'RequestRedirect') {
      const r = redirect.requestRedirect;
      return formatRedirect(r.statusCode, r.scheme ?? req.scheme, r.hostname ?? req.host, modifyPath(r.path, prefix, req.path), r.port);
    }
    const rewrite = rule.filters?.find((f) => f.type === 'URLRewrite');
    const path = rewrite?.type === 'URLRewrite' ? modifyPath(rewrite.urlRewrite.path, prefix, req.path) : req.path;
    const backend = rule.backendRefs?.[0];
    return backend ? formatBackend(`${backend.name}:${backend.port}`, path) : '500';
  }
}
