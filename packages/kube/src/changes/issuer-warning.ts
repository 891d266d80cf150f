import type { TChangeWarning } from '@portico/contracts';
import { type Dict, isDict, listOf, statusOf, stringOr } from '../kinds/common.js';

/** Where a change asks cert-manager to issue from (`cert-manager.io/issuer` or `cluster-issuer`). */
export interface IssuerRef {
  kind: 'Issuer' | 'ClusterIssuer';
  name: string;
  /** The namespace an Issuer must be in (a ClusterIssuer has none). */
  namespace: string;
}

function readyCondition(obj: Dict): { status: string; reason: string | null; message: string | null } | null {
  const ready = listOf(statusOf(obj).conditions).find((c) => isDict(c) && c.type === 'Ready');
  if (!isDict(ready)) return null;
  return { status: stringOr(ready.status, 'Unknown'), reason: stringOr(ready.reason, null), message: stringOr(ready.message, null) };
}

/**
 * cert-manager issues nothing from an issuer that is missing or not Ready: the same words on the
 * Ingress and the Gateway editors, with cert-manager's own reason and message.
 */
export function issuerWarning(ref: IssuerRef, issuer: Dict | null, field: string): TChangeWarning | null {
  const where = ref.kind === 'Issuer' ? ` in namespace ${ref.namespace}` : '';
  if (!issuer) return { code: 'issuer_not_ready', message: `no ${ref.kind} ${ref.name}${where}: cert-manager cannot issue the certificate`, field };
  const ready = readyCondition(issuer);
  if (ready?.status === 'True') return null;
  const why = ready ? `${ready.reason ?? 'not Ready'}: ${ready.message ?? 'no message'}` : 'it has no Ready condition yet';
  return { code: 'issuer_not_ready', message: `${ref.kind} ${ref.name} is not Ready (${why}); cert-manager will not issue until it is`, field };
}
