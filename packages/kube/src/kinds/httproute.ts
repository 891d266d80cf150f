/**
 * Gateway API's HTTPRoute: hostnames, parent Gateways and backend Services.
 * The coming HTTPRoute builders and apiserver-grade validators (the CRD's CEL rules) live here too.
 * `@kubernetes/client-node` has no Gateway API models, so the types below are the v1 API's
 * fields Portico reads, as the reference names them.
 * @see https://gateway-api.sigs.k8s.io/api-types/httproute/
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproute
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { GATEWAY_API_GROUP } from '../resources.js';
import { type Untrusted, dictOf, listOf, metadataOf, numberOr, specOf, stringOr, strings } from './common.js';

/** @see https://gateway-api.sigs.k8s.io/reference/spec/#parentreference */
export interface ParentReference {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  sectionName?: string;
  port?: number;
}

/** @see https://gateway-api.sigs.k8s.io/reference/spec/#httpbackendref */
export interface HTTPBackendRef {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  port?: number;
  weight?: number;
}

/** @see https://gateway-api.sigs.k8s.io/reference/spec/#httproute */
export interface HTTPRoute extends KubernetesObject {
  spec?: { parentRefs?: ParentReference[]; hostnames?: string[]; rules?: { backendRefs?: HTTPBackendRef[] }[] };
}

/** A reference as written: every field optional, since a cluster's object may lack any. */
export type ReadReference<T> = { [K in keyof T]?: T[K] };

/** An object a route points at, its namespace resolved. */
export interface ResolvedRef {
  namespace: string;
  name: string;
}

/** `spec.hostnames`: the hosts the route matches (none = every host of its listeners). */
export const httpRouteHostnames = (route: Untrusted<HTTPRoute>): string[] => strings(listOf(specOf(route).hostnames));

/** `spec.parentRefs` as written (name, namespace, section…). */
export function httpRouteParentRefs(route: Untrusted<HTTPRoute>): ReadReference<ParentReference>[] {
  return listOf(specOf(route).parentRefs).map((ref) => {
    const p = dictOf(ref);
    return {
      group: stringOr(p.group, undefined),
      kind: stringOr(p.kind, undefined),
      namespace: stringOr(p.namespace, undefined),
      name: stringOr(p.name, undefined),
      sectionName: stringOr(p.sectionName, undefined),
      port: numberOr(p.port, undefined),
    };
  });
}

/**
 * Every rule's `backendRefs`, in rule order. `weight` defaults to 1, as in the API.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#backendref
 */
export function httpRouteBackendRefs(route: Untrusted<HTTPRoute>): (ReadReference<HTTPBackendRef> & { weight: number })[] {
  return listOf(specOf(route).rules).flatMap((rule) =>
    listOf(dictOf(rule).backendRefs).map((ref) => {
      const b = dictOf(ref);
      return {
        group: stringOr(b.group, undefined),
        kind: stringOr(b.kind, undefined),
        namespace: stringOr(b.namespace, undefined),
        name: stringOr(b.name, undefined),
        port: numberOr(b.port, undefined),
        weight: numberOr(b.weight, 1),
      };
    }),
  );
}

const routeNamespace = (route: unknown) => stringOr(metadataOf(route).namespace, '');

/**
 * The Gateways the route attaches to: parentRefs of group `gateway.networking.k8s.io` and kind
 * `Gateway` (the defaults), in the route's namespace unless one is named. Other parent kinds
 * are not followed.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#parentreference
 */
export function httpRouteGateways(route: Untrusted<HTTPRoute>, namespace = routeNamespace(route)): ResolvedRef[] {
  return httpRouteParentRefs(route).flatMap((p) =>
    (p.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP && (p.kind ?? 'Gateway') === 'Gateway' && p.name ? [{ namespace: p.namespace ?? namespace, name: p.name }] : [],
  );
}

/**
 * The Services the route sends traffic to: backendRefs of the core group and kind `Service`
 * (the defaults), in the route's namespace unless one is named.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#backendref
 */
export function httpRouteServices(route: Untrusted<HTTPRoute>, namespace = routeNamespace(route)): ResolvedRef[] {
  return httpRouteBackendRefs(route).flatMap((b) => ((b.group ?? '') === '' && (b.kind ?? 'Service') === 'Service' && b.name ? [{ namespace: b.namespace ?? namespace, name: b.name }] : []));
}
