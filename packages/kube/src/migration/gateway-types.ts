/**
 * The Gateway API v1 shapes the Ingress migration writes. `@kubernetes/client-node` has no
 * Gateway API models, so these are the fields of the reference, as it names them.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproute
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#listener
 */
import type { V1ObjectMeta } from '@kubernetes/client-node';

export interface ListenerSpec {
  name: string;
  hostname?: string;
  port: number;
  protocol: 'HTTP' | 'HTTPS';
  tls?: { mode: 'Terminate'; certificateRefs: { kind?: 'Secret'; name: string; namespace?: string }[] };
  allowedRoutes?: { namespaces: { from: 'All' | 'Same' | 'Selector'; selector?: { matchLabels: Record<string, string> } } };
}

export interface GatewayObject {
  apiVersion: 'gateway.networking.k8s.io/v1';
  kind: 'Gateway';
  metadata: V1ObjectMeta & { name: string; namespace: string };
  spec: { gatewayClassName: string; listeners: ListenerSpec[] };
}

export type PathMatchType = 'Exact' | 'PathPrefix';

export interface PathModifier {
  type: 'ReplaceFullPath' | 'ReplacePrefixMatch';
  replaceFullPath?: string;
  replacePrefixMatch?: string;
}

/** @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutefilter */
export type RouteFilter =
  | { type: 'RequestRedirect'; requestRedirect: { scheme?: 'http' | 'https'; hostname?: string; port?: number; path?: PathModifier; statusCode: 301 | 302 | 303 | 307 | 308 } }
  | { type: 'URLRewrite'; urlRewrite: { path: PathModifier } };

export interface RouteRule {
  matches: { path: { type: PathMatchType; value: string } }[];
  filters?: RouteFilter[];
  backendRefs?: { name: string; port: number }[];
}

export interface ParentRef {
  name: string;
  namespace?: string;
  sectionName: string;
}

export interface HttpRouteObject {
  apiVersion: 'gateway.networking.k8s.io/v1';
  kind: 'HTTPRoute';
  metadata: { name: string; namespace: string; annotations?: Record<string, string> };
  spec: { parentRefs: ParentRef[]; hostnames?: string[]; rules: RouteRule[] };
}

/** The HTTPRoute CRD's `maxItems` on `spec.rules`: a host with more paths is split over several routes. */
export const MAX_RULES_PER_ROUTE = 16;
