/**
 * What the ingress-nginx annotations of one Ingress ask for, read once for the converter and for
 * the model of ingress-nginx's routing that the equivalence table compares against.
 * @see https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/
 */
import type { V1Ingress } from '@kubernetes/client-node';
import { dictOf, metadataOf } from '../kinds/common.js';

export const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';

export interface FixedRedirect {
  url: string;
  code: number;
}

export interface NginxBehaviour {
  /** `ssl-redirect`: null = not set (ingress-nginx then redirects every host that has TLS). */
  sslRedirect: boolean | null;
  forceSslRedirect: boolean;
  rewriteTarget: string | null;
  /** `use-regex`, or implied by `rewrite-target` (ingress-nginx makes the host's locations regular expressions then). */
  regex: boolean;
  permanentRedirect: FixedRedirect | null;
  temporalRedirect: FixedRedirect | null;
  appRoot: string | null;
  /** `cert-manager.io/issuer` or `cluster-issuer`: carried to the Gateway, where cert-manager's gateway-shim reads the same keys. */
  certManager: Record<string, string>;
  untranslated: { annotation: string; reason: string }[];
}

const TRANSLATED = new Set([
  'ssl-redirect',
  'force-ssl-redirect',
  'rewrite-target',
  'use-regex',
  'permanent-redirect',
  'permanent-redirect-code',
  'temporal-redirect',
  'temporal-redirect-code',
  'app-root',
]);

/** Annotations with no meaning on a Gateway: consumed (the class) or bookkeeping. */
const IGNORED = new Set(['kubernetes.io/ingress.class', 'kubectl.kubernetes.io/last-applied-configuration']);

const CERT_MANAGER_KEYS = new Set(['cert-manager.io/issuer', 'cert-manager.io/cluster-issuer', 'cert-manager.io/issuer-kind', 'cert-manager.io/issuer-group']);

/** Why the common untranslated families have no translation here, in a line each. */
const REASONS: [RegExp, string][] = [
  [/^canary/, 'a canary Ingress becomes weighted backendRefs in one HTTPRoute rule; migrate the main and canary Ingresses by hand or with the HTTPRoute editor’s split'],
  [/^backend-protocol$/, 'HTTPS or gRPC to the backend needs a BackendTLSPolicy or a GRPCRoute, which the migration does not produce'],
  [/^auth-/, 'authentication has no Gateway API field; it is configured with the implementation’s own policy'],
  [/^(limit-|global-rate-limit)/, 'rate limiting has no Gateway API field; it is the implementation’s own policy'],
  [/^(enable-cors|cors-)/, 'CORS is an experimental HTTPRoute filter in Gateway API; not produced'],
  [/^(affinity|session-cookie-)/, 'session persistence is experimental in Gateway API; not produced'],
  [/^(whitelist-source-range|denylist-source-range|allowlist-source-range)$/, 'source IP filtering has no Gateway API field'],
  [/^(configuration-snippet|server-snippet|stream-snippet)$/, 'raw nginx configuration cannot be translated'],
  [/^proxy-/, 'proxy buffers, sizes and timeouts are implementation settings (only request timeouts have an HTTPRoute field)'],
];

const flag = (v: string | undefined) => (v === undefined ? null : v.trim().toLowerCase() === 'true');

function fixedRedirect(url: string | undefined, code: string | undefined, fallback: number): FixedRedirect | null {
  if (!url) return null;
  const parsed = code === undefined ? fallback : Number(code);
  return { url, code: Number.isInteger(parsed) ? parsed : fallback };
}

export function readNginxBehaviour(ingress: V1Ingress): NginxBehaviour {
  const annotations = dictOf(metadataOf(ingress).annotations) as Record<string, string>;
  const nginx = (key: string) => annotations[NGINX_PREFIX + key];
  const rewriteTarget = nginx('rewrite-target') ?? null;
  const untranslated: NginxBehaviour['untranslated'] = [];
  const certManager: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations)) {
    if (IGNORED.has(key)) continue;
    if (CERT_MANAGER_KEYS.has(key)) certManager[key] = value;
    else if (key.startsWith(NGINX_PREFIX)) {
      const name = key.slice(NGINX_PREFIX.length);
      if (!TRANSLATED.has(name)) untranslated.push({ annotation: key, reason: REASONS.find(([re]) => re.test(name))?.[1] ?? 'no Gateway API equivalent that the migration translates' });
    } else if (!key.startsWith('cert-manager.io/'))
      untranslated.push({ annotation: key, reason: 'not an ingress-nginx annotation: not carried over (check whether its tool reads Gateways or HTTPRoutes)' });
    else untranslated.push({ annotation: key, reason: 'cert-manager reads this on Ingresses only; the Gateway gets the issuer annotations' });
  }
  return {
    sslRedirect: flag(nginx('ssl-redirect')),
    forceSslRedirect: flag(nginx('force-ssl-redirect')) === true,
    rewriteTarget,
    regex: flag(nginx('use-regex')) === true || rewriteTarget !== null,
    permanentRedirect: fixedRedirect(nginx('permanent-redirect'), nginx('permanent-redirect-code'), 301),
    temporalRedirect: fixedRedirect(nginx('temporal-redirect'), nginx('temporal-redirect-code'), 302),
    appRoot: nginx('app-root') ?? null,
    certManager,
    untranslated,
  };
}

/** Whether plain HTTP to this host is answered with a redirect to HTTPS (ingress-nginx's default when the host has TLS). */
export const redirectsToHttps = (b: NginxBehaviour, hostHasTls: boolean) => b.forceSslRedirect || (hostHasTls && b.sslRedirect !== false);
