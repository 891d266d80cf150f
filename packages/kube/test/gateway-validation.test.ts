/**
 * The Gateway API editors' contracts (`ZHttpRouteRequest`, `ZGatewayListenersRequest`,
 * `ZReferenceGrantRequest`) held to the apiserver with the Gateway API CRDs (v1.6.3, standard
 * channel) installed (issue 10): every request in the table is built *without* the contract and
 * dry-run applied to the simulator and to a real kube-apiserver. What the apiserver refuses, the
 * contract must refuse on the same field (the apiserver's path mapped by `gatewayApiFields`); what
 * it accepts, the contract must accept — except the few rules Portico adds on purpose (`OURS`).
 */
import { type TGatewayListenersRequest, type THttpRouteRequest, type TReferenceGrantRequest, ZGatewayListenersRequest, ZHttpRouteRequest, ZReferenceGrantRequest } from '@portico/contracts';
import { describe, expect, it } from 'vitest';
import { gatewayApiFields, gatewayListenersManifest, httpRouteManifest, objectPath, referenceGrantManifest } from '../src/index.js';
import { type AcceptedCase, type RefusedCase, contractFields, itChecksTheApiserver, itChecksTheContract, useAdminClient } from './apiserver-table.js';
import { clusterKinds } from './real-cluster.js';

const { kinds } = clusterKinds();
const NS = 'gateway-validation';

type Request = THttpRouteRequest | TGatewayListenersRequest | TReferenceGrantRequest;
const backend = { name: 'web', port: 80 };
const route = (over: Record<string, unknown> = {}) =>
  ({ type: 'httpRoute', namespace: NS, name: 'r', parentRefs: [{ name: 'gw' }], hostnames: ['app.example.com'], rules: [{ backendRefs: [backend] }], ...over }) as THttpRouteRequest;
const rule = (r: Record<string, unknown>) => route({ rules: [{ backendRefs: [backend], ...r }] });
const match = (m: Record<string, unknown>) => rule({ matches: [m] });
const http = { name: 'http', protocol: 'HTTP', port: 80 };
const gateway = (listeners: Record<string, unknown>[], over: Record<string, unknown> = {}) =>
  ({ type: 'gatewayListeners', namespace: NS, name: 'gw', gatewayClassName: 'sim', listeners, ...over }) as TGatewayListenersRequest;
const grant = (over: Record<string, unknown> = {}) =>
  ({
    type: 'referenceGrant',
    namespace: NS,
    name: 'g',
    from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
    to: [{ group: '', kind: 'Service' }],
    ...over,
  }) as TReferenceGrantRequest;

/** Refused by the apiserver; `field` is the request's field both must name. */
const INVALID: RefusedCase<Request>[] = [
  { what: 'a wildcard not leftmost', request: route({ hostnames: ['a.*.example.com'] }), field: 'change.hostnames.0' },
  { what: 'a hostname with a port', request: route({ hostnames: ['app.example.com:8080'] }), field: 'change.hostnames.0' },
  { what: 'capitals in a hostname', request: route({ hostnames: ['App.example.com'] }), field: 'change.hostnames.0' },
  { what: 'two refs to one Gateway, one without sectionName', request: route({ parentRefs: [{ name: 'gw' }, { name: 'gw', sectionName: 'http' }] }), field: 'change.parentRefs' },
  {
    what: 'two refs to one listener',
    request: route({
      parentRefs: [
        { name: 'gw', sectionName: 'http' },
        { name: 'gw', sectionName: 'http' },
      ],
    }),
    field: 'change.parentRefs',
  },
  { what: 'a sectionName with capitals', request: route({ parentRefs: [{ name: 'gw', sectionName: 'HTTP' }] }), field: 'change.parentRefs.0.sectionName' },
  { what: 'a relative PathPrefix', request: match({ path: { type: 'PathPrefix', value: 'api' } }), field: 'change.rules.0.matches.0.path' },
  { what: 'an Exact path with //', request: match({ path: { type: 'Exact', value: '/a//b' } }), field: 'change.rules.0.matches.0.path' },
  { what: 'a path with #', request: match({ path: { type: 'PathPrefix', value: '/a#b' } }), field: 'change.rules.0.matches.0.path' },
  { what: 'a path ending in /..', request: match({ path: { type: 'PathPrefix', value: '/a/..' } }), field: 'change.rules.0.matches.0.path' },
  { what: 'a path with a space', request: match({ path: { type: 'Exact', value: '/a b' } }), field: 'change.rules.0.matches.0.path' },
  { what: 'a header name with a space', request: match({ headers: [{ name: 'X Canary', value: 'yes' }] }), field: 'change.rules.0.matches.0.headers.0.name' },
  { what: 'an empty header value', request: match({ headers: [{ name: 'X-Canary', value: '' }] }), field: 'change.rules.0.matches.0.headers.0.value' },
  { what: 'an empty query param value', request: match({ queryParams: [{ name: 'v', value: '' }] }), field: 'change.rules.0.matches.0.queryParams.0.value' },
  { what: 'an unknown method', request: match({ method: 'FETCH' }), field: 'change.rules.0.matches.0.method' },
  { what: 'a backend without a port', request: rule({ backendRefs: [{ name: 'web' }] }), field: 'change.rules.0.backendRefs.0' },
  { what: 'a weight above 1000000', request: rule({ backendRefs: [{ ...backend, weight: 1_000_001 }] }), field: 'change.rules.0.backendRefs.0.weight' },
  { what: 'a negative weight', request: rule({ backendRefs: [{ ...backend, weight: -1 }] }), field: 'change.rules.0.backendRefs.0.weight' },
  { what: 'a redirect beside backends', request: rule({ filters: [{ type: 'RequestRedirect', scheme: 'https' }] }), field: 'change.rules.0' },
  {
    what: 'a redirect and a rewrite',
    request: route({
      rules: [
        {
          filters: [
            { type: 'RequestRedirect', scheme: 'https' },
            { type: 'URLRewrite', hostname: 'b.example.com' },
          ],
        },
      ],
    }),
    field: 'change.rules.0.filters',
  },
  {
    what: 'two header modifiers',
    request: rule({
      filters: [
        { type: 'RequestHeaderModifier', remove: ['x-a'] },
        { type: 'RequestHeaderModifier', remove: ['x-b'] },
      ],
    }),
    field: 'change.rules.0.filters',
  },
  {
    what: 'ReplacePrefixMatch on an Exact match',
    request: rule({ matches: [{ path: { type: 'Exact', value: '/v1' } }], filters: [{ type: 'URLRewrite', path: { type: 'ReplacePrefixMatch', value: '/v2' } }] }),
    field: 'change.rules.0',
  },
  { what: 'a wildcard rewrite hostname', request: rule({ filters: [{ type: 'URLRewrite', hostname: '*.example.com' }] }), field: 'change.rules.0.filters.0.hostname' },
  { what: 'a redirect status 304', request: route({ rules: [{ filters: [{ type: 'RequestRedirect', statusCode: 304 }] }] }), field: 'change.rules.0.filters.0.statusCode' },
  { what: 'a redirect to port 0', request: route({ rules: [{ filters: [{ type: 'RequestRedirect', port: 0 }] }] }), field: 'change.rules.0.filters.0.port' },
  { what: 'a bad route name', request: route({ name: 'Bad_Name' }), field: 'change.name' },
  { what: 'an HTTP listener with TLS', request: gateway([{ ...http, certificateRefs: [{ name: 'tls' }] }]), field: 'change.listeners' },
  { what: 'two listeners on one port, protocol and hostname', request: gateway([http, { ...http, name: 'http2' }]), field: 'change.listeners' },
  { what: 'a bare * listener hostname', request: gateway([{ ...http, hostname: '*' }]), field: 'change.listeners.0.hostname' },
  { what: 'a listener name with capitals', request: gateway([{ ...http, name: 'Web' }]), field: 'change.listeners.0.name' },
  { what: 'a listener on port 0', request: gateway([{ ...http, port: 0 }]), field: 'change.listeners.0.port' },
  { what: 'no listeners', request: gateway([]), field: 'change.listeners' },
  { what: 'a grant from nobody', request: grant({ from: [] }), field: 'change.from' },
  { what: 'a grant to nothing', request: grant({ to: [] }), field: 'change.to' },
  { what: 'a grant kind with a space', request: grant({ to: [{ group: '', kind: 'Ser vice' }] }), field: 'change.to.0.kind' },
  { what: 'a grant group with capitals', request: grant({ from: [{ group: 'Gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }] }), field: 'change.from.0.group' },
];

/** Accepted by the apiserver, so the contract must accept them too. */
const VALID: AcceptedCase<Request>[] = [
  { what: 'a wildcard hostname', request: route({ hostnames: ['*.example.com'] }) },
  { what: 'no hostnames', request: route({ hostnames: undefined }) },
  {
    what: 'two listeners of one Gateway',
    request: route({
      parentRefs: [
        { name: 'gw', sectionName: 'http' },
        { name: 'gw', sectionName: 'https' },
      ],
    }),
  },
  { what: 'a regular expression path', request: match({ path: { type: 'RegularExpression', value: '^/api/v[0-9]+' } }) },
  { what: 'a path with ~ and %20', request: match({ path: { type: 'Exact', value: '/~user/a%20b' } }) },
  { what: 'header, query and method matches', request: match({ headers: [{ name: 'X-Canary', value: 'yes' }], queryParams: [{ name: 'v', value: '2', type: 'Exact' }], method: 'POST' }) },
  {
    what: 'a 90/10 split',
    request: rule({
      backendRefs: [
        { ...backend, weight: 90 },
        { name: 'canary', port: 80, weight: 10 },
      ],
    }),
  },
  { what: 'a weight of 0', request: rule({ backendRefs: [{ ...backend, weight: 0 }] }) },
  { what: 'a backend in another namespace', request: rule({ backendRefs: [{ ...backend, namespace: 'shop' }] }) },
  { what: 'a redirect to https with 301', request: route({ rules: [{ filters: [{ type: 'RequestRedirect', scheme: 'https', statusCode: 301, port: 443 }] }] }) },
  {
    what: 'a prefix rewrite on one PathPrefix match',
    request: rule({ matches: [{ path: { type: 'PathPrefix', value: '/v1' } }], filters: [{ type: 'URLRewrite', path: { type: 'ReplacePrefixMatch', value: '/v2' } }] }),
  },
  {
    what: 'request and response header modifiers',
    request: rule({
      filters: [
        { type: 'RequestHeaderModifier', set: [{ name: 'X-A', value: '1' }], add: [{ name: 'X-B', value: '2' }], remove: ['X-C'] },
        { type: 'ResponseHeaderModifier', set: [{ name: 'X-Served-By', value: 'portico' }] },
      ],
    }),
  },
  { what: 'HTTP and HTTPS listeners', request: gateway([http, { name: 'https', protocol: 'HTTPS', port: 443, hostname: 'app.example.com', certificateRefs: [{ name: 'app-tls' }] }]) },
  {
    what: 'one port, two hostnames',
    request: gateway([
      { ...http, hostname: 'a.example.com' },
      { ...http, name: 'http-b', hostname: 'b.example.com' },
    ]),
  },
  { what: 'allowedRoutes from a selector', request: gateway([{ ...http, allowedRoutes: { from: 'Selector', selector: { team: 'shop' } } }]) },
  {
    what: 'cert-manager on an HTTPS listener',
    request: gateway([{ name: 'https', protocol: 'HTTPS', port: 443, hostname: 'app.example.com', certificateRefs: [{ name: 'app-tls' }] }], { certManager: { issuer: 'le', kind: 'ClusterIssuer' } }),
  },
  { what: 'a grant to one Service', request: grant({ to: [{ group: '', kind: 'Service', name: 'web' }] }) },
];

/** Stricter than the apiserver on purpose: accepted there, but never what the user means. */
const OURS: RefusedCase<Request>[] = [
  { what: 'a route attached to no Gateway', request: route({ parentRefs: [] }), field: 'change.parentRefs' },
  {
    what: 'allowedRoutes Selector without a selector (selects every namespace)',
    request: gateway([{ ...http, allowedRoutes: { from: 'Selector' } }]),
    field: 'change.listeners.0.allowedRoutes.selector',
  },
  { what: 'an HTTPS listener without certificates (the CRD leaves it to spec.tls)', request: gateway([{ ...http, protocol: 'HTTPS', port: 443 }]), field: 'change.listeners.0.certificateRefs' },
  { what: 'cert-manager on a Gateway without an HTTPS hostname (issues nothing)', request: gateway([http], { certManager: { issuer: 'le', kind: 'Issuer' } }), field: 'change.certManager' },
];

const SCHEMAS = { httpRoute: ZHttpRouteRequest, gatewayListeners: ZGatewayListenersRequest, referenceGrant: ZReferenceGrantRequest };
const refusalsOf = (request: Request): string[] => contractFields(SCHEMAS[request.type], request);

describe('the Gateway API contracts refuse what the apiserver refuses, on the same field', () => {
  itChecksTheContract(INVALID, VALID, refusalsOf);
  it.each(OURS)('contract (ours): $what → $field', ({ request, field }) => {
    expect(refusalsOf(request)).toContain(field);
  });
});

describe.each(kinds)('Gateway API validation on the $name', (kind) => {
  const client = useAdminClient(kind, NS);

  const dryRun = async (request: Request) => {
    const manifest = request.type === 'httpRoute' ? httpRouteManifest(request) : request.type === 'gatewayListeners' ? gatewayListenersManifest(request, 'sim') : referenceGrantManifest(request);
    const target = objectPath({ apiVersion: manifest.apiVersion, kind: manifest.kind, namespace: NS, name: request.name });
    return client().apply(target, manifest as unknown as Record<string, unknown>, { fieldManager: 'portico', dryRun: true });
  };

  itChecksTheApiserver(INVALID, [...VALID, ...OURS], dryRun, gatewayApiFields);
});
