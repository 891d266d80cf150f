/**
 * Ingress paths → HTTPRoute path matches, with ingress-nginx's meaning of each path type.
 * ingress-nginx serves `Prefix /foo` as `= /foo` plus `/foo/` (a path-element prefix, like
 * PathPrefix), `ImplementationSpecific /foo` as nginx's `location /foo` (a string prefix: it also
 * matches `/foobar`, PathPrefix does not), and any path of a host in regex mode as `~* ^path`.
 * @see https://kubernetes.github.io/ingress-nginx/user-guide/ingress-path-matching/
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httppathmatch
 */
import type { NginxBehaviour } from './nginx-annotations.js';
import type { PathMatchType, PathModifier } from './gateway-types.js';

export interface PathTranslation {
  match: { type: PathMatchType; value: string } | null;
  rewrite?: PathModifier;
  /** Why the path is not translated, when `match` is null. */
  reason?: string;
}

const REGEX_META = /[()[\]{}*+?\\^$|]/;
/** The rewrite idiom of the ingress-nginx docs: `path: /foo(/|$)(.*)` with `rewrite-target: /$2` strips the prefix. */
export const STRIP_PREFIX_PATH = /^(\/[^()[\]{}*+?\\^$|]*?)\/?\(\/\|\$\)\(\.\*\)$/;
const STRIP_PREFIX_TARGET = /^(\/[^$]*?)\/?\$2$/;

export function translatePath(path: string, pathType: string, b: NginxBehaviour): PathTranslation {
  const type: PathMatchType = pathType === 'Exact' ? 'Exact' : 'PathPrefix';
  if (!b.regex) return { match: { type, value: path } };
  const idiom = STRIP_PREFIX_PATH.exec(path);
  if (idiom && b.rewriteTarget !== null) {
    const target = STRIP_PREFIX_TARGET.exec(b.rewriteTarget);
    if (target) return { match: { type: 'PathPrefix', value: idiom[1] || '/' }, rewrite: { type: 'ReplacePrefixMatch', replacePrefixMatch: target[1] || '/' } };
    return { match: null, reason: `rewrite-target ${b.rewriteTarget} uses capture groups other than the prefix-stripping $2: a URLRewrite cannot express it` };
  }
  if (REGEX_META.test(path)) return { match: null, reason: 'a regular-expression path (use-regex or rewrite-target): Gateway API’s RegularExpression match is implementation-specific' };
  if (b.rewriteTarget === null) return { match: { type, value: path } };
  // nginx's `rewrite` replaces the whole URI when the path matches: ReplaceFullPath says the same.
  if (!b.rewriteTarget.includes('$')) return { match: { type, value: path }, rewrite: { type: 'ReplaceFullPath', replaceFullPath: b.rewriteTarget } };
  return { match: null, reason: `rewrite-target ${b.rewriteTarget} refers to capture groups the path does not have` };
}
