/**
 * Gateway API's ReferenceGrant: which kinds of which namespaces may refer to which objects of the
 * grant's own namespace (a route's backend Service, a Gateway's certificate Secret across namespaces).
 * @see https://gateway-api.sigs.k8s.io/api-types/referencegrant/
 */
import { dictOf, listOf, specOf, stringOr } from './common.js';

/** `spec.from[]`: a kind of a namespace allowed to refer into the grant's namespace. */
export interface GrantFrom {
  group: string;
  kind: string;
  namespace: string;
}

/** `spec.to[]`: what may be referred to; `name` null means every object of the kind. */
export interface GrantTo {
  group: string;
  kind: string;
  name: string | null;
}

export function referenceGrantFrom(grant: unknown): GrantFrom[] {
  return listOf(specOf(grant).from)
    .map(dictOf)
    .map((f) => ({ group: stringOr(f.group, ''), kind: stringOr(f.kind, ''), namespace: stringOr(f.namespace, '') }));
}

export function referenceGrantTo(grant: unknown): GrantTo[] {
  return listOf(specOf(grant).to)
    .map(dictOf)
    .map((t) => ({ group: stringOr(t.group, ''), kind: stringOr(t.kind, ''), name: stringOr(t.name, null) || null }));
}

/**
 * Does the grant (which lives in the namespace of `to`) let a `from` object refer to `to`? Both are
 * named by group and kind; `to` is of the core group here (Services, Secrets).
 */
export function grantPermits(grant: unknown, from: { group: string; kind: string; namespace: string }, to: { group: string; kind: string; name: string }): boolean {
  const fromOk = referenceGrantFrom(grant).some((f) => f.group === from.group && f.kind === from.kind && f.namespace === from.namespace);
  const toOk = referenceGrantTo(grant).some((t) => t.group === to.group && t.kind === to.kind && (t.name === null || t.name === to.name));
  return fromOk && toOk;
}
