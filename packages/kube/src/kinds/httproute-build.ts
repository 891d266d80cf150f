/**
 * The Gateway API editors' builders (issue 10): an HTTPRoute, a Gateway's listeners and a
 * ReferenceGrant from the editors' requests, and the apiserver's field paths mapped back to the
 * request's. Pure: requests were validated by their contracts; server-side apply (field manager
 * `portico`) keeps what other managers own, so a manifest carries only what the form manages.
 * `@kubernetes/client-node` has no Gateway API models: the types are the v1 API's, as the
 * reference names them.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/
 * @see https://cert-manager.io/docs/usage/gateway/
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import type { TGatewayListenersRequest, THttpRouteFilter, THttpRouteMatch, THttpRouteRequest, THttpRouteRule, TReferenceGrantRequest } from '@portico/contracts';
import { GATEWAY_API_GROUP } from '../resources.js';
import type { HTTPBackendRef, ParentReference } from './httproute.js';

/** @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutematch */
export interface HTTPRouteMatch {
  path?: { type: string; value: string };
  headers?: { name: string; value: string; type?: string }[];
  queryParams?: { name: string; value: string; type?: string }[];
  method?: string;
}

/** @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutefilter */
export interface HTTPRouteFilter {
  type: string;
  requestRedirect?: { scheme?: string; hostname?: string; path?: PathModifier; port?: number; statusCode?: number };
  urlRewrite?: { hostname?: string; path?: PathModifier };
  requestHeaderModifier?: HeaderModifier;
  responseHeaderModifier?: HeaderModifier;
}
type PathModifier = { type: 'ReplaceFullPath'; replaceFullPath: string } | { type: 'ReplacePrefixMatch'; replacePrefixMatch: string };
type HeaderModifier = { set?: { name: string; value: string }[]; add?: { name: string; value: string }[]; remove?: string[] };

/** @see https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule */
export interface HTTPRouteRule {
  matches?: HTTPRouteMatch[];
  filters?: HTTPRouteFilter[];
  backendRefs?: HTTPBackendRef[];
}

export interface HTTPRouteManifest extends KubernetesObject {
  apiVersion: string;
  kind: string;
  spec: { parentRefs: ParentReference[]; hostnames?: string[]; rules: HTTPRouteRule[] };
}

/** @see https://gateway-api.sigs.k8s.io/reference/spec/#listener */
export interface ListenerManifest {
  name: string;
  protocol: string;
  port: number;
  hostname?: string;
  tls?: { mode: 'Terminate'; certificateRefs: { group: ''; kind: 'Secret'; name: string; namespace?: string }[] };
  allowedRoutes?: { namespaces: { from: string; selector?: { matchLabels: Record<string, string> } } };
}

export interface GatewayManifest extends KubernetesObject {
  apiVersion: string;
  kind: string;
  spec: { gatewayClassName?: string; listeners: ListenerManifest[] };
}

/** @see https://gateway-api.sigs.k8s.io/api-types/referencegrant/ */
export interface ReferenceGrantManifest extends KubernetesObject {
  apiVersion: string;
  kind: string;
  spec: { from: { group: string; kind: string; namespace: string }[]; to: { group: string; kind: string; name?: string }[] };
}

const present = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;

function matchOf(m: THttpRouteMatch): HTTPRouteMatch {
  return present({
    path: m.path ? { type: m.path.type, value: m.path.value } : undefined,
    headers: m.headers?.map((h) => present({ name: h.name, value: h.value, type: h.type })),
    queryParams: m.queryParams?.map((q) => present({ name: q.name, value: q.value, type: q.type })),
    method: m.method,
  });
}

const pathModifier = (p: { type: 'ReplaceFullPath' | 'ReplacePrefixMatch'; value: string }): PathModifier =>
  p.type === 'ReplaceFullPath' ? { type: p.type, replaceFullPath: p.value } : { type: p.type, replacePrefixMatch: p.value };

function filterOf(f: THttpRouteFilter): HTTPRouteFilter {
  switch (f.type) {
    case 'RequestRedirect':
      return {
        type: f.type,
        requestRedirect: present({ scheme: f.scheme, hostname: f.hostname, path: f.path && pathModifier(f.path), port: f.port, statusCode: f.statusCode }),
      };
    case 'URLRewrite':
      return { type: f.type, urlRewrite: present({ hostname: f.hostname, path: f.path && pathModifier(f.path) }) };
    case 'RequestHeaderModifier':
      return { type: f.type, requestHeaderModifier: present({ set: f.set, add: f.add, remove: f.remove }) };
    case 'ResponseHeaderModifier':
      return { type: f.type, responseHeaderModifier: present({ set: f.set, add: f.add, remove: f.remove }) };
  }
}

function ruleOf(r: THttpRouteRule): HTTPRouteRule {
  return present({
    matches: r.matches?.map(matchOf),
    filters: r.filters?.map(filterOf),
    // Group and kind spelled out: what the apiserver defaults them to, so the diff shows no churn.
    backendRefs: r.backendRefs?.map((b) => present({ group: '', kind: 'Service', name: b.name, namespace: b.namespace, port: b.port, weight: b.weight })),
  });
}

export function httpRouteManifest(request: THttpRouteRequest): HTTPRouteManifest {
  return {
    apiVersion: `${GATEWAY_API_GROUP}/v1`,
    kind: 'HTTPRoute',
    metadata: { name: request.name, namespace: request.namespace, ...(request.labels && Object.keys(request.labels).length ? { labels: { ...request.labels } } : {}) },
    spec: present({
      parentRefs: request.parentRefs.map((p) => present({ group: GATEWAY_API_GROUP, kind: 'Gateway', name: p.name, namespace: p.namespace, sectionName: p.sectionName, port: p.port })),
      hostnames: request.hostnames ? [...request.hostnames] : undefined,
      rules: request.rules.map(ruleOf),
    }),
  };
}

/** cert-manager's Gateway annotations, one per issuer kind. @see https://cert-manager.io/docs/usage/gateway/ */
export const GATEWAY_ISSUER_ANNOTATIONS = { Issuer: 'cert-manager.io/issuer', ClusterIssuer: 'cert-manager.io/cluster-issuer' } as const;

/** The Gateway with the request's listeners; `gatewayClassName` is the live Gateway's when the request names none. */
export function gatewayListenersManifest(request: TGatewayListenersRequest, gatewayClassName: string): GatewayManifest {
  const listeners = request.listeners.map((l): ListenerManifest =>
    present({
      name: l.name,
      protocol: l.protocol,
      port: l.port,
      hostname: l.hostname,
      tls: l.certificateRefs?.length
        ? { mode: 'Terminate' as const, certificateRefs: l.certificateRefs.map((c) => present({ group: '' as const, kind: 'Secret' as const, name: c.name, namespace: c.namespace })) }
        : undefined,
      allowedRoutes: l.allowedRoutes
        ? { namespaces: present({ from: l.allowedRoutes.from, selector: l.allowedRoutes.selector ? { matchLabels: { ...l.allowedRoutes.selector } } : undefined }) }
        : undefined,
    }),
  );
  const annotations = request.certManager ? { [GATEWAY_ISSUER_ANNOTATIONS[request.certManager.kind]]: request.certManager.issuer } : undefined;
  return {
    apiVersion: `${GATEWAY_API_GROUP}/v1`,
    kind: 'Gateway',
    metadata: { name: request.name, namespace: request.namespace, ...(annotations ? { annotations } : {}) },
    spec: { gatewayClassName, listeners },
  };
}

export function referenceGrantManifest(request: TReferenceGrantRequest): ReferenceGrantManifest {
  return {
    apiVersion: `${GATEWAY_API_GROUP}/v1beta1`,
    kind: 'ReferenceGrant',
    metadata: { name: request.name, namespace: request.namespace },
    spec: { from: request.from.map((f) => ({ ...f })), to: request.to.map((t) => present({ group: t.group, kind: t.kind, name: t.name })) },
  };
}

/**
 * The ReferenceGrant that lets routes of `fromNamespace` send traffic to a Service of
 * `toNamespace`, named for what it grants (`httproutes-from-<ns>`).
 */
export function backendGrantRequest(fromNamespace: string, toNamespace: string, service: string): TReferenceGrantRequest {
  return {
    type: 'referenceGrant',
    namespace: toNamespace,
    name: `httproutes-from-${fromNamespace}-to-${service}`.slice(0, 253),
    from: [{ group: GATEWAY_API_GROUP, kind: 'HTTPRoute', namespace: fromNamespace }],
    to: [{ group: '', kind: 'Service', name: service }],
  };
}

/**
 * The apiserver's field path (`spec.rules[0].matches[1].path`, `spec.listeners[2].tls`) as the
 * request names it (`change.rules.0.matches.1.path`, `change.listeners.2.certificateRefs`).
 */
export function gatewayApiFields(apiField: string): string {
  const path = apiField
    .replace(/^\./, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.');
  if (path[0] === 'metadata') return path[1] === 'name' || path[1] === 'namespace' || path[1] === 'labels' ? `change.${path[1]}` : 'change';
  if (path[0] !== 'spec' || path.length < 2) return 'change';
  const rest = path.slice(1);
  // A listener's TLS block is the form's certificateRefs; its allowedRoutes.namespaces is the form's allowedRoutes.
  const listenerTls = rest[0] === 'listeners' && rest[2] === 'tls';
  if (listenerTls) return ['change', 'listeners', rest[1], 'certificateRefs'].join('.');
  if (rest[0] === 'listeners' && rest[2] === 'allowedRoutes') return ['change', 'listeners', rest[1], 'allowedRoutes', ...rest.slice(4)].join('.');
  // A filter's body (`requestRedirect.path`) is flattened into the filter in the form.
  const filterBody = rest.findIndex((p) => ['requestRedirect', 'urlRewrite', 'requestHeaderModifier', 'responseHeaderModifier'].includes(p));
  if (filterBody > 0) rest.splice(filterBody, 1);
  return ['change', ...rest].join('.');
}
