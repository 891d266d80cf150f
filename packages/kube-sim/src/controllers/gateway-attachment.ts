/**
 * Which listeners of a Gateway an HTTPRoute attaches to, and whether its references resolve —
 * the rules a Gateway API implementation follows, with the reasons it writes in route status.
 * Pure functions over objects, shared by the route's status and the Gateway's `attachedRoutes`.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#routeconditionreason
 * @see https://gateway-api.sigs.k8s.io/api-types/referencegrant/
 */
import { dig, isPlainObject, type JsonObject, type KubeObject } from '../types.js';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

type Obj = Record<string, any>;
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isPlainObject) : []);

export interface Verdict {
  status: 'True' | 'False';
  reason: string;
  message: string;
}

/** Kinds a listener takes when `allowedRoutes.kinds` is empty: by protocol, as the spec's core support says. */
const DEFAULT_KINDS: Record<string, string[]> = { HTTP: ['HTTPRoute', 'GRPCRoute'], HTTPS: ['HTTPRoute', 'GRPCRoute'], TLS: ['TLSRoute'], TCP: ['TCPRoute'], UDP: ['UDPRoute'] };

export function listenerKinds(listener: Obj): { group: string; kind: string }[] {
  const asked = list(dig(listener, 'allowedRoutes', 'kinds'));
  if (asked.length) return asked.map((k) => ({ group: typeof k.group === 'string' ? k.group : GATEWAY_GROUP, kind: String(k.kind) }));
  return (DEFAULT_KINDS[String(listener.protocol)] ?? []).map((kind) => ({ group: GATEWAY_GROUP, kind }));
}

/** A label selector (matchLabels + matchExpressions) against a namespace's labels. */
export function selects(selector: unknown, labels: Record<string, string> = {}): boolean {
  if (!isPlainObject(selector)) return false;
  const ml = isPlainObject(selector.matchLabels) ? (selector.matchLabels as Record<string, string>) : {};
  if (!Object.entries(ml).every(([k, v]) => labels[k] === v)) return false;
  return list(selector.matchExpressions).every((e) => {
    const values = Array.isArray(e.values) ? (e.values as string[]) : [];
    const has = Object.hasOwn(labels, String(e.key));
    switch (e.operator) {
      case 'In':
        return has && values.includes(labels[String(e.key)]);
      case 'NotIn':
        return !has || !values.includes(labels[String(e.key)]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}

/** Does the listener's `allowedRoutes` admit an HTTPRoute from this namespace? */
export function listenerAllows(listener: Obj, gatewayNamespace: string, routeNamespace: string, namespaceLabels: (ns: string) => Record<string, string> | undefined): boolean {
  if (!listenerKinds(listener).some((k) => k.group === GATEWAY_GROUP && k.kind === 'HTTPRoute')) return false;
  const from = (dig(listener, 'allowedRoutes', 'namespaces', 'from') as string | undefined) ?? 'Same';
  if (from === 'All') return true;
  if (from === 'Same') return routeNamespace === gatewayNamespace;
  if (from === 'Selector') return selects(dig(listener, 'allowedRoutes', 'namespaces', 'selector'), namespaceLabels(routeNamespace));
  return false;
}

/**
 * Gateway API hostname intersection: an empty side matches everything; a wildcard
 * (`*.example.com`) matches any name with that suffix (one or more labels), and two wildcards
 * intersect when one suffix contains the other.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutespec (hostnames)
 */
export function hostnamesIntersect(listenerHost: string | undefined, routeHost: string | undefined): boolean {
  if (!listenerHost || !routeHost) return true;
  const lw = listenerHost.startsWith('*.');
  const rw = routeHost.startsWith('*.');
  const ls = lw ? listenerHost.slice(1) : listenerHost;
  const rs = rw ? routeHost.slice(1) : routeHost;
  if (!lw && !rw) return listenerHost === routeHost;
  if (lw && !rw) return routeHost.endsWith(ls);
  if (!lw && rw) return listenerHost.endsWith(rs);
  return ls.endsWith(rs) || rs.endsWith(ls);
}

export interface Attachment {
  accepted: Verdict;
  /** Names of the listeners the route is attached to (empty unless accepted). */
  listeners: string[];
}

/** The Accepted condition of one parentRef of a route, and the listeners it attaches to. */
export function attach(route: KubeObject, parentRef: Obj, gateway: KubeObject | undefined, namespaceLabels: (ns: string) => Record<string, string> | undefined): Attachment {
  const gwName = String(parentRef.name ?? '');
  if (!gateway) return { accepted: { status: 'False', reason: 'NoMatchingParent', message: `Gateway ${gwName} not found` }, listeners: [] };
  let listeners = list(dig(gateway, 'spec', 'listeners'));
  if (typeof parentRef.sectionName === 'string') {
    listeners = listeners.filter((l) => l.name === parentRef.sectionName);
    if (!listeners.length) return { accepted: { status: 'False', reason: 'NoMatchingParent', message: `Gateway ${gwName} has no listener named ${parentRef.sectionName}` }, listeners: [] };
  }
  if (typeof parentRef.port === 'number') {
    listeners = listeners.filter((l) => l.port === parentRef.port);
    if (!listeners.length) return { accepted: { status: 'False', reason: 'NoMatchingParent', message: `Gateway ${gwName} has no listener on port ${parentRef.port}` }, listeners: [] };
  }
  const routeNs = route.metadata.namespace ?? '';
  const allowed = listeners.filter((l) => listenerAllows(l, gateway.metadata.namespace ?? '', routeNs, namespaceLabels));
  if (!allowed.length)
    return { accepted: { status: 'False', reason: 'NotAllowedByListeners', message: `No listener of Gateway ${gwName} allows HTTPRoutes from namespace ${routeNs}` }, listeners: [] };
  const hostnames = ((dig(route, 'spec', 'hostnames') as string[] | undefined) ?? []).filter((h) => typeof h === 'string');
  const matching = allowed.filter((l) => (hostnames.length ? hostnames.some((h) => hostnamesIntersect(l.hostname as string | undefined, h)) : true));
  if (!matching.length)
    return {
      accepted: { status: 'False', reason: 'NoMatchingListenerHostname', message: `No listener hostname of Gateway ${gwName} matches the route's hostnames ${hostnames.join(', ')}` },
      listeners: [],
    };
  return { accepted: { status: 'True', reason: 'Accepted', message: 'Route is accepted' }, listeners: matching.map((l) => String(l.name)) };
}

/** Does a ReferenceGrant in the target namespace let `from` refer to `to`? */
export function referencePermitted(grants: KubeObject[], from: { group: string; kind: string; namespace: string }, to: { group: string; kind: string; name: string }): boolean {
  return grants.some(
    (g) =>
      list(dig(g, 'spec', 'from')).some((f) => f.group === from.group && f.kind === from.kind && f.namespace === from.namespace) &&
      list(dig(g, 'spec', 'to')).some((t) => t.group === to.group && t.kind === to.kind && (t.name === undefined || t.name === '' || t.name === to.name)),
  );
}

export interface RefWorld {
  service(namespace: string, name: string): KubeObject | undefined;
  grants(namespace: string): KubeObject[];
}

/** The route's ResolvedRefs condition: the first backendRef that does not resolve, by the spec's reasons. */
export function resolveBackends(route: KubeObject, world: RefWorld): Verdict {
  const routeNs = route.metadata.namespace ?? '';
  const refs = list(dig(route, 'spec', 'rules')).flatMap((r) => list(r.backendRefs));
  for (const b of refs) {
    const group = typeof b.group === 'string' ? b.group : '';
    const kind = typeof b.kind === 'string' ? b.kind : 'Service';
    const ns = typeof b.namespace === 'string' ? b.namespace : routeNs;
    const name = String(b.name ?? '');
    if (group !== '' || kind !== 'Service') return { status: 'False', reason: 'InvalidKind', message: `backendRef ${name}: kind ${group ? `${kind}.${group}` : kind} is not supported` };
    if (ns !== routeNs && !referencePermitted(world.grants(ns), { group: GATEWAY_GROUP, kind: 'HTTPRoute', namespace: routeNs }, { group: '', kind: 'Service', name }))
      return { status: 'False', reason: 'RefNotPermitted', message: `backendRef to Service ${ns}/${name} is not permitted by any ReferenceGrant in namespace ${ns}` };
    const svc = world.service(ns, name);
    if (!svc) return { status: 'False', reason: 'BackendNotFound', message: `Service ${ns}/${name} not found` };
    const port = b.port as number | undefined;
    if (port !== undefined && !list(dig(svc, 'spec', 'ports')).some((p) => p.port === port))
      return { status: 'False', reason: 'BackendNotFound', message: `Service ${ns}/${name} has no port ${port}` };
  }
  return { status: 'True', reason: 'ResolvedRefs', message: 'Resolved all the Object references for the Route' };
}

/** A listener's ResolvedRefs: its TLS certificateRefs must be Secrets that exist and, across namespaces, be granted. */
export function resolveCertificateRefs(
  gateway: KubeObject,
  listener: Obj,
  world: { secret(namespace: string, name: string): KubeObject | undefined; grants(namespace: string): KubeObject[] },
): Verdict {
  const gwNs = gateway.metadata.namespace ?? '';
  for (const ref of list(dig(listener, 'tls', 'certificateRefs'))) {
    const group = typeof ref.group === 'string' ? ref.group : '';
    const kind = typeof ref.kind === 'string' ? ref.kind : 'Secret';
    const ns = typeof ref.namespace === 'string' ? ref.namespace : gwNs;
    const name = String(ref.name ?? '');
    if (group !== '' || kind !== 'Secret') return { status: 'False', reason: 'InvalidCertificateRef', message: `certificateRef ${name}: kind ${kind} is not supported` };
    if (ns !== gwNs && !referencePermitted(world.grants(ns), { group: GATEWAY_GROUP, kind: 'Gateway', namespace: gwNs }, { group: '', kind: 'Secret', name }))
      return { status: 'False', reason: 'RefNotPermitted', message: `certificateRef to Secret ${ns}/${name} is not permitted by any ReferenceGrant in namespace ${ns}` };
    if (!world.secret(ns, name)) return { status: 'False', reason: 'InvalidCertificateRef', message: `Secret ${ns}/${name} does not exist` };
  }
  return { status: 'True', reason: 'ResolvedRefs', message: '' };
}

export const parentRefsOf = (route: KubeObject): JsonObject[] =>
  list(dig(route, 'spec', 'parentRefs')).filter((p) => (p.group ?? GATEWAY_GROUP) === GATEWAY_GROUP && (p.kind ?? 'Gateway') === 'Gateway');
