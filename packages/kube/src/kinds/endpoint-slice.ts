/**
 * EndpointSlice: which Service a slice belongs to and how many of its endpoints are ready.
 * The inventory counts endpoints in SQL (`SERVICE_COLUMNS` in `packages/db/src/sql/inventory.ts`,
 * which may not import this package); these readers are the same rules in TypeScript, and the
 * place for EndpointSlice builders and validators.
 * @see https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/
 */
import type { V1EndpointSlice } from '@kubernetes/client-node';
import { type Untrusted, dictOf, isDict, listOf, metadataOf, stringOr } from './common.js';

/** @see https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/#ownership */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** The Service the slice belongs to (its `kubernetes.io/service-name` label), or null. */
export const endpointSliceService = (slice: Untrusted<V1EndpointSlice>): string | null => stringOr(dictOf(metadataOf(slice).labels)[SERVICE_NAME_LABEL], null);

/**
 * Ready and total endpoints. An endpoint without `conditions.ready` counts as ready: "nil
 * should be interpreted as true" (the API's words).
 * @see https://kubernetes.io/docs/reference/kubernetes-api/service-resources/endpoint-slice-v1/#EndpointSlice
 */
export function endpointCounts(slice: Untrusted<V1EndpointSlice>): { ready: number; total: number } {
  const endpoints = listOf(dictOf(slice).endpoints);
  const ready = endpoints.filter((e) => (isDict(e) ? dictOf(e.conditions).ready !== false : true)).length;
  return { ready, total: endpoints.length };
}

/**
 * The objects behind a slice's endpoints (`targetRef`, a Pod for Services with a selector),
 * each with its readiness ("nil should be interpreted as true"); endpoints without one are left out.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/service-resources/endpoint-slice-v1/#EndpointSlice
 */
export function endpointTargets(slice: Untrusted<V1EndpointSlice>): { kind: string; namespace: string | null; name: string; ready: boolean }[] {
  return listOf(dictOf(slice).endpoints).flatMap((e) => {
    const endpoint = dictOf(e);
    const ref = dictOf(endpoint.targetRef);
    const name = stringOr(ref.name, '');
    if (!name) return [];
    return [{ kind: stringOr(ref.kind, 'Pod'), namespace: stringOr(ref.namespace, null), name, ready: dictOf(endpoint.conditions).ready !== false }];
  });
}
