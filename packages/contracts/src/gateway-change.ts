import { z } from 'zod';
import { ZText } from './common.js';
import { ZDns1123Subdomain, ZLabels, ZNamespaceName, ZPortNumber } from './kubernetes.js';

/**
 * The Gateway API editors' changes (issue 10): an HTTPRoute, a Gateway's listeners, a
 * ReferenceGrant. The rules are the v1 CRDs' (gateway-api v1.6.3, standard channel) OpenAPI
 * patterns, bounds and CEL rules, in their words, on the request's field
 * (`change.rules.0.matches.1.path.value` for the apiserver's `spec.rules[0].matches[1].path`).
 * @see https://gateway-api.sigs.k8s.io/reference/spec/
 */

// The CRDs' own patterns: the apiserver's message quotes them (`should match '…'`).
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const PRECISE_HOSTNAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SECTION_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const GROUP = /^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const KIND = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/;

const matching = (re: RegExp) => `should match '${re.source}'`;
const text = (min: number, max: number) => ZText.min(min, `should be at least ${min} chars long`).max(max, `may not be longer than ${max}`);

/** A listener or route hostname: a DNS name, or `*.` and one. No IP, no port. */
export const ZGatewayHostname = text(1, 253).regex(HOSTNAME, matching(HOSTNAME));
/** A redirect or rewrite hostname: no wildcard. */
export const ZPreciseHostname = text(1, 253).regex(PRECISE_HOSTNAME, matching(PRECISE_HOSTNAME));
export const ZSectionName = text(1, 253).regex(SECTION_NAME, matching(SECTION_NAME));
export const ZHttpHeaderName = text(1, 256).regex(HEADER_NAME, matching(HEADER_NAME));

export const ZParentRefInput = z.strictObject({
  /** A Gateway's name. */
  name: text(1, 253),
  /** Default: the route's namespace. */
  namespace: ZNamespaceName.optional(),
  /** A listener's name: attach to that listener only. */
  sectionName: ZSectionName.optional(),
  port: ZPortNumber.optional(),
});
export type TParentRefInput = z.infer<typeof ZParentRefInput>;

export const HTTP_PATH_MATCH_TYPES = ['PathPrefix', 'Exact', 'RegularExpression'] as const;
const VALUE_TYPES = ['Exact', 'RegularExpression'] as const;
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'] as const;

/** The path match's CEL rules (for Exact and PathPrefix), in the CRD's words. */
export function httpPathProblems(type: string, value: string): string[] {
  if (type !== 'Exact' && type !== 'PathPrefix') return [];
  const when = "when type one of ['Exact', 'PathPrefix']";
  const out: string[] = [];
  if (!value.startsWith('/')) out.push(`value must be an absolute path and start with '/' ${when}`);
  for (const seq of ['//', '/./', '/../', '%2f', '%2F', '#']) if (value.includes(seq)) out.push(`must not contain '${seq}' ${when}`);
  for (const suffix of ['/..', '/.']) if (value.endsWith(suffix)) out.push(`must not end with '${suffix}' ${when}`);
  if (!PATH_CHARS.test(value)) out.push(`must only contain valid characters (matching ${PATH_CHARS.source}) for types ['Exact', 'PathPrefix']`);
  return out;
}

export const ZHttpPathMatch = z
  .strictObject({ type: z.enum(HTTP_PATH_MATCH_TYPES).default('PathPrefix'), value: ZText.max(1024, 'may not be longer than 1024').default('/') })
  .superRefine((p, ctx) => {
    for (const message of httpPathProblems(p.type, p.value)) ctx.addIssue({ code: 'custom', path: ['value'], message });
  });

const uniqueNames = (items: { name: string }[] | undefined, ctx: z.RefinementCtx, what: string, caseInsensitive = true) => {
  const seen = new Set<string>();
  (items ?? []).forEach((item, i) => {
    const key = caseInsensitive ? item.name.toLowerCase() : item.name;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [what, i, 'name'], message: `Duplicate value: ${JSON.stringify(item.name)}` });
    seen.add(key);
  });
};

export const ZHttpRouteMatch = z
  .strictObject({
    path: ZHttpPathMatch.optional(),
    headers: z
      .array(z.strictObject({ name: ZHttpHeaderName, value: text(1, 4096), type: z.enum(VALUE_TYPES).optional() }))
      .max(16, 'must have at most 16 items')
      .optional(),
    queryParams: z
      .array(z.strictObject({ name: ZHttpHeaderName, value: text(1, 1024), type: z.enum(VALUE_TYPES).optional() }))
      .max(16, 'must have at most 16 items')
      .optional(),
    method: z.enum(HTTP_METHODS).optional(),
  })
  .superRefine((m, ctx) => {
    uniqueNames(m.headers, ctx, 'headers');
    uniqueNames(m.queryParams, ctx, 'queryParams', false);
  });
export type THttpRouteMatch = z.infer<typeof ZHttpRouteMatch>;

const ZPathModifier = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ReplaceFullPath'), value: ZText.max(1024, 'may not be longer than 1024') }),
  z.strictObject({ type: z.literal('ReplacePrefixMatch'), value: ZText.max(1024, 'may not be longer than 1024') }),
]);

const ZHeaderModifier = z
  .strictObject({
    set: z
      .array(z.strictObject({ name: ZHttpHeaderName, value: text(1, 4096) }))
      .max(16, 'must have at most 16 items')
      .optional(),
    add: z
      .array(z.strictObject({ name: ZHttpHeaderName, value: text(1, 4096) }))
      .max(16, 'must have at most 16 items')
      .optional(),
    remove: z.array(ZHttpHeaderName).max(16, 'must have at most 16 items').optional(),
  })
  .superRefine((h, ctx) => {
    uniqueNames(h.set, ctx, 'set');
    uniqueNames(h.add, ctx, 'add');
  });

export const ZHttpRouteFilter = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('RequestRedirect'),
    scheme: z.enum(['http', 'https']).optional(),
    hostname: ZPreciseHostname.optional(),
    path: ZPathModifier.optional(),
    port: ZPortNumber.optional(),
    statusCode: z.union([z.literal(301), z.literal(302), z.literal(303), z.literal(307), z.literal(308)]).optional(),
  }),
  z.strictObject({ type: z.literal('URLRewrite'), hostname: ZPreciseHostname.optional(), path: ZPathModifier.optional() }),
  z.strictObject({ type: z.literal('RequestHeaderModifier'), ...ZHeaderModifier.shape }),
  z.strictObject({ type: z.literal('ResponseHeaderModifier'), ...ZHeaderModifier.shape }),
]);
export type THttpRouteFilter = z.infer<typeof ZHttpRouteFilter>;

export const ZBackendRefInput = z.strictObject({
  /** A Service's name. */
  name: text(1, 253),
  /** Another namespace needs a ReferenceGrant there. */
  namespace: ZNamespaceName.optional(),
  /** Required for a Service (the CRD's "Must have port for Service reference"). */
  port: ZPortNumber,
  /** Share of the traffic, proportional to the other backends' weights (0 sends none). Default 1. */
  weight: z.number().int('must be an integer').min(0, 'should be greater than or equal to 0').max(1_000_000, 'should be less than or equal to 1000000').optional(),
});
export type TBackendRefInput = z.infer<typeof ZBackendRefInput>;

export const ZHttpRouteRule = z
  .strictObject({
    /** Default: one PathPrefix `/` match. */
    matches: z.array(ZHttpRouteMatch).max(64, 'must have at most 64 items').optional(),
    filters: z.array(ZHttpRouteFilter).max(16, 'must have at most 16 items').optional(),
    backendRefs: z.array(ZBackendRefInput).max(16, 'must have at most 16 items').optional(),
  })
  .superRefine((r, ctx) => {
    const filters = r.filters ?? [];
    const count = (t: string) => filters.filter((f) => f.type === t).length;
    if (count('RequestRedirect') && count('URLRewrite'))
      ctx.addIssue({ code: 'custom', path: ['filters'], message: 'May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both' });
    for (const t of ['RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite'])
      if (count(t) > 1) ctx.addIssue({ code: 'custom', path: ['filters'], message: `${t} filter cannot be repeated` });
    if (count('RequestRedirect') && (r.backendRefs?.length ?? 0) > 0)
      ctx.addIssue({ code: 'custom', path: ['backendRefs'], message: 'RequestRedirect filter must not be used together with backendRefs' });
    // ReplacePrefixMatch replaces the matched prefix: it needs exactly one PathPrefix match to know which.
    const prefixMatches = (r.matches ?? [{ path: { type: 'PathPrefix', value: '/' } }]).filter((m) => (m.path?.type ?? 'PathPrefix') === 'PathPrefix');
    filters.forEach((f, i) => {
      if ((f.type === 'RequestRedirect' || f.type === 'URLRewrite') && f.path?.type === 'ReplacePrefixMatch' && ((r.matches?.length ?? 1) !== 1 || prefixMatches.length !== 1)) {
        const name = f.type === 'RequestRedirect' ? 'RequestRedirect' : 'URLRewrite';
        ctx.addIssue({ code: 'custom', path: ['filters', i, 'path'], message: `When using ${name} filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified` });
      }
    });
  });
export type THttpRouteRule = z.infer<typeof ZHttpRouteRule>;

/** The CRD's parentRefs CEL rules: two refs to one Gateway need distinct sectionNames. */
function checkParentRefs(refs: TParentRefInput[], ctx: z.RefinementCtx) {
  const parent = (p: TParentRefInput) => `${p.namespace ?? ''}/${p.name}`;
  refs.forEach((a, i) => {
    const same = refs.filter((b) => parent(b) === parent(a));
    if (same.length < 2) return;
    if (!a.sectionName && same.some((b) => b.sectionName))
      ctx.addIssue({ code: 'custom', path: ['parentRefs', i, 'sectionName'], message: 'sectionName must be specified when parentRefs includes 2 or more references to the same parent' });
    else if (same.filter((b) => b.sectionName === a.sectionName).length > 1)
      ctx.addIssue({ code: 'custom', path: ['parentRefs', i, 'sectionName'], message: 'sectionName must be unique when parentRefs includes 2 or more references to the same parent' });
  });
}

/** Create or edit an HTTPRoute: the fields given are applied (server-side apply); other managers' fields stay theirs. */
export const ZHttpRouteRequest = z
  .strictObject({
    type: z.literal('httpRoute'),
    namespace: ZNamespaceName,
    name: ZDns1123Subdomain,
    labels: ZLabels.optional(),
    parentRefs: z.array(ZParentRefInput).min(1, 'a route needs a Gateway to attach to').max(32, 'must have at most 32 items'),
    hostnames: z.array(ZGatewayHostname).max(16, 'must have at most 16 items').optional(),
    rules: z.array(ZHttpRouteRule).min(1, 'should have at least 1 items').max(16, 'must have at most 16 items'),
  })
  .superRefine((v, ctx) => {
    checkParentRefs(v.parentRefs, ctx);
    const total = v.rules.reduce((n, r) => n + (r.matches?.length ?? 1), 0);
    if (total > 128)
      ctx.addIssue({ code: 'custom', path: ['rules'], message: 'While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128' });
  });
export type THttpRouteRequest = z.infer<typeof ZHttpRouteRequest>;

export const ZListenerInput = z
  .strictObject({
    name: ZSectionName,
    protocol: z.enum(['HTTP', 'HTTPS']),
    port: ZPortNumber,
    hostname: ZGatewayHostname.optional(),
    /** HTTPS: the Secrets holding the certificate (with cert-manager: the Secret it will write). */
    certificateRefs: z
      .array(z.strictObject({ name: text(1, 253), namespace: ZNamespaceName.optional() }))
      .max(64, 'must have at most 64 items')
      .optional(),
    allowedRoutes: z
      .strictObject({
        from: z.enum(['Same', 'All', 'Selector']),
        /** Namespaces whose labels match (from: Selector). */
        selector: ZLabels.optional(),
      })
      .optional(),
  })
  .superRefine((l, ctx) => {
    if (l.protocol === 'HTTP' && l.certificateRefs?.length) ctx.addIssue({ code: 'custom', path: ['certificateRefs'], message: "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']" });
    // The CRD lets an HTTPS listener leave TLS to the Gateway's spec.tls; a form's HTTPS listener needs its certificate.
    if (l.protocol === 'HTTPS' && !l.certificateRefs?.length)
      ctx.addIssue({ code: 'custom', path: ['certificateRefs'], message: 'an HTTPS listener needs a certificate: name the Secret that holds it (cert-manager writes it when chosen)' });
    if (l.allowedRoutes?.from === 'Selector' && !Object.keys(l.allowedRoutes.selector ?? {}).length)
      ctx.addIssue({ code: 'custom', path: ['allowedRoutes', 'selector'], message: 'is required when from is Selector (namespaces whose labels match)' });
    if (l.allowedRoutes && l.allowedRoutes.from !== 'Selector' && l.allowedRoutes.selector)
      ctx.addIssue({ code: 'custom', path: ['allowedRoutes', 'selector'], message: 'may only be set when from is Selector' });
  });
export type TListenerInput = z.infer<typeof ZListenerInput>;

/**
 * Edit (or create) a Gateway's listeners. The listeners given are applied by name (a listener
 * map keyed by name, server-side apply); cert-manager's Gateway annotations make it issue each
 * HTTPS listener's certificate into the Secret its certificateRefs name.
 */
export const ZGatewayListenersRequest = z
  .strictObject({
    type: z.literal('gatewayListeners'),
    namespace: ZNamespaceName,
    name: ZDns1123Subdomain,
    /** Required to create a Gateway; an existing Gateway keeps its own. */
    gatewayClassName: text(1, 253).optional(),
    listeners: z.array(ZListenerInput).min(1, 'should have at least 1 items').max(64, 'must have at most 64 items'),
    /** TLS from cert-manager: `cert-manager.io/issuer` or `cert-manager.io/cluster-issuer` on the Gateway. */
    certManager: z.strictObject({ issuer: ZDns1123Subdomain, kind: z.enum(['Issuer', 'ClusterIssuer']) }).optional(),
  })
  .superRefine((v, ctx) => {
    const names = new Set<string>();
    const combos = new Set<string>();
    v.listeners.forEach((l, i) => {
      if (names.has(l.name)) ctx.addIssue({ code: 'custom', path: ['listeners', i, 'name'], message: 'Listener name must be unique within the Gateway' });
      names.add(l.name);
      const combo = `${l.port}/${l.protocol}/${l.hostname ?? ''}`;
      if (combos.has(combo)) ctx.addIssue({ code: 'custom', path: ['listeners', i], message: 'Combination of port, protocol and hostname must be unique for each listener' });
      combos.add(combo);
    });
    if (v.certManager && !v.listeners.some((l) => l.protocol === 'HTTPS' && l.hostname))
      ctx.addIssue({ code: 'custom', path: ['certManager'], message: 'cert-manager issues certificates only for HTTPS listeners with a hostname' });
  });
export type TGatewayListenersRequest = z.infer<typeof ZGatewayListenersRequest>;

const ZGroup = ZText.max(253, 'may not be longer than 253').regex(GROUP, matching(GROUP));
const ZKind = text(1, 63).regex(KIND, matching(KIND));

/** A ReferenceGrant (v1beta1) in the namespace referred to: lets objects of `from` refer to objects of `to` there. */
export const ZReferenceGrantRequest = z.strictObject({
  type: z.literal('referenceGrant'),
  namespace: ZNamespaceName,
  name: ZDns1123Subdomain,
  from: z
    .array(z.strictObject({ group: ZGroup, kind: ZKind, namespace: ZNamespaceName }))
    .min(1, 'should have at least 1 items')
    .max(16, 'must have at most 16 items'),
  to: z
    .array(z.strictObject({ group: ZGroup, kind: ZKind, name: text(1, 253).optional() }))
    .min(1, 'should have at least 1 items')
    .max(16, 'must have at most 16 items'),
});
export type TReferenceGrantRequest = z.infer<typeof ZReferenceGrantRequest>;
