/**
 * An HTTPRoute's status per parent in words, as its page and its change show it: "Accepted by
 * Gateway demo/web, listener https", "Not accepted by Gateway demo/web: no listener hostname
 * matches …". The conditions are the implementation's (Accepted, ResolvedRefs); the words say
 * what each reason means for traffic.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#routeparentstatus
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#routeconditionreason
 */
import { type Untrusted, dictOf, listOf, metadataOf, stringOr } from './common.js';
import type { HTTPRoute } from './httproute.js';

export interface RouteParentStatus {
  /** `namespace/name` of the Gateway. */
  gateway: string;
  sectionName: string | null;
  controllerName: string | null;
  /** null: the implementation has not said yet. */
  accepted: boolean | null;
  resolvedRefs: boolean | null;
  /** One sentence. */
  summary: string;
}

/** Reasons in plain words (the implementation's message follows). */
const REASONS: Record<string, string> = {
  NotAllowedByListeners: 'no listener allows routes from this namespace or of this kind',
  NoMatchingListenerHostname: 'no listener hostname matches the route’s hostnames',
  NoMatchingParent: 'the Gateway or the listener named does not exist',
  UnsupportedValue: 'a value is not supported by the implementation',
  Pending: 'the implementation has not processed it yet',
  BackendNotFound: 'a backend does not exist',
  RefNotPermitted: 'a backend in another namespace is not permitted by a ReferenceGrant',
  InvalidKind: 'a backend is of a kind the implementation does not support',
  UnsupportedProtocol: 'a backend speaks a protocol the implementation does not support',
};

const condition = (conditions: unknown[], type: string) => conditions.map(dictOf).find((c) => c.type === type);

export function httpRouteParentStatus(route: Untrusted<HTTPRoute>): RouteParentStatus[] {
  const ns = stringOr(metadataOf(route).namespace, '');
  return listOf(dictOf(dictOf(route).status).parents).map((entry) => {
    const p = dictOf(entry);
    const ref = dictOf(p.parentRef);
    const gateway = `${stringOr(ref.namespace, ns)}/${stringOr(ref.name, '?')}`;
    const sectionName = stringOr(ref.sectionName, null);
    const conditions = listOf(p.conditions);
    const accepted = condition(conditions, 'Accepted');
    const resolved = condition(conditions, 'ResolvedRefs');
    const state = (c: Record<string, unknown> | undefined) => (c?.status === 'True' ? true : c?.status === 'False' ? false : null);
    const because = (c: Record<string, unknown> | undefined) => {
      const reason = stringOr(c?.reason, '');
      const message = stringOr(c?.message, '');
      return [REASONS[reason] ?? reason, message].filter(Boolean).join(' — ');
    };
    const where = `Gateway ${gateway}${sectionName ? `, listener ${sectionName}` : ''}`;
    let summary: string;
    if (state(accepted) === false) summary = `Not accepted by ${where}: ${because(accepted)}`;
    else if (state(accepted) === null) summary = `Waiting for ${where} to accept the route`;
    else if (state(resolved) === false) summary = `Accepted by ${where}, but references do not resolve: ${because(resolved)}`;
    else summary = `Accepted by ${where}`;
    return { gateway, sectionName, controllerName: stringOr(p.controllerName, null), accepted: state(accepted), resolvedRefs: state(resolved), summary };
  });
}
