/**
 * Bearer tokens with three levels of rights, so callers can test their 401/403 handling.
 * Messages follow the apiserver's RBAC authorizer wording.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/authorization/#determine-whether-a-request-is-allowed-or-denied
 */
import { randomBytes } from 'node:crypto';
import { errors, qualified } from './status.js';

export type TokenKind = 'admin' | 'readonly' | 'namespace';

export interface Principal {
  kind: TokenKind;
  user: string;
  /** Only for `namespace` tokens: the one namespace it may touch. */
  namespace?: string;
}

export interface Tokens {
  admin: string;
  readonly: string;
  namespaced: { token: string; namespace: string };
}

export function generateTokens(namespace: string): Tokens {
  const t = (p: string) => `${p}-${randomBytes(18).toString('base64url')}`;
  return { admin: t('admin'), readonly: t('readonly'), namespaced: { token: t('ns'), namespace } };
}

export class Authenticator {
  private readonly byToken = new Map<string, Principal>();

  constructor(readonly tokens: Tokens) {
    this.byToken.set(tokens.admin, { kind: 'admin', user: 'system:serviceaccount:kube-system:kube-sim-admin' });
    this.byToken.set(tokens.readonly, { kind: 'readonly', user: 'system:serviceaccount:kube-system:kube-sim-readonly' });
    this.byToken.set(tokens.namespaced.token, {
      kind: 'namespace',
      user: `system:serviceaccount:${tokens.namespaced.namespace}:kube-sim-namespaced`,
      namespace: tokens.namespaced.namespace,
    });
  }

  /** `undefined` for a missing header; throws 401 for an unknown token. */
  authenticate(authorization: string | undefined): Principal | undefined {
    if (!authorization) return undefined;
    const m = authorization.match(/^Bearer\s+(.+)$/i);
    const p = m ? this.byToken.get(m[1].trim()) : undefined;
    if (!p) throw errors.unauthorized();
    return p;
  }
}

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

const READ_VERBS: ReadonlySet<Verb> = new Set(['get', 'list', 'watch']);

export interface Attributes {
  verb: Verb;
  plural: string;
  group: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** Throws a 403 shaped like the apiserver's unless `p` may do `a`. */
export function authorize(p: Principal, a: Attributes): void {
  let ok: boolean;
  switch (p.kind) {
    case 'admin':
      ok = true;
      break;
    case 'readonly':
      ok = READ_VERBS.has(a.verb);
      break;
    case 'namespace':
      ok = a.namespace === p.namespace || (a.plural === 'namespaces' && a.name === p.namespace && READ_VERBS.has(a.verb));
      break;
  }
  if (ok) return;
  const resource = a.subresource ? `${a.plural}/${a.subresource}` : a.plural;
  const subject = a.name ? `${qualified(a.plural, a.group)} "${a.name}"` : qualified(a.plural, a.group);
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  throw errors.forbidden(`${subject} is forbidden: User "${p.user}" cannot ${a.verb} resource "${resource}" in API group "${a.group}" ${scope}`, a.name, a.plural, a.group);
}
