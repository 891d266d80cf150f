/**
 * The kinds Portico reads from every cluster, and the REST paths to list and watch them.
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-uris
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes
 */

/** Features a cluster may lack; their kinds are synced only when discovery shows the group. */
export type OptionalFeature = 'gateway-api' | 'cert-manager';

/** Enough to address a collection on the API server. */
export interface ResourceRef {
  /** API group; `''` for the core group. */
  group: string;
  version: string;
  /** Lower-case plural used in URLs, e.g. `services`. */
  plural: string;
  namespaced: boolean;
  optional?: OptionalFeature;
}

export interface ResourceType extends ResourceRef {
  key: ResourceKey;
  kind: string;
  /** Applied to every list and watch, e.g. only TLS Secrets. */
  fieldSelector?: string;
  /** The Kubernetes documentation of the kind. */
  docs: string;
}

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
export const CERT_MANAGER_GROUP = 'cert-manager.io';

export const RESOURCE_KEYS = [
  'namespaces',
  'nodes',
  'deployments',
  'statefulsets',
  'daemonsets',
  'services',
  'endpointslices',
  'ingresses',
  'ingressclasses',
  'networkpolicies',
  'gatewayclasses',
  'gateways',
  'httproutes',
  'referencegrants',
  'issuers',
  'clusterissuers',
  'certificates',
  'certificaterequests',
  'secrets',
] as const;
export type ResourceKey = (typeof RESOURCE_KEYS)[number];

const K8S = 'https://kubernetes.io/docs';

export const RESOURCES: Readonly<Record<ResourceKey, ResourceType>> = {
  namespaces: { key: 'namespaces', group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace', namespaced: false, docs: `${K8S}/concepts/overview/working-with-objects/namespaces/` },
  nodes: { key: 'nodes', group: '', version: 'v1', plural: 'nodes', kind: 'Node', namespaced: false, docs: `${K8S}/concepts/architecture/nodes/` },
  deployments: { key: 'deployments', group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment', namespaced: true, docs: `${K8S}/concepts/workloads/controllers/deployment/` },
  statefulsets: { key: 'statefulsets', group: 'apps', version: 'v1', plural: 'statefulsets', kind: 'StatefulSet', namespaced: true, docs: `${K8S}/concepts/workloads/controllers/statefulset/` },
  daemonsets: { key: 'daemonsets', group: 'apps', version: 'v1', plural: 'daemonsets', kind: 'DaemonSet', namespaced: true, docs: `${K8S}/concepts/workloads/controllers/daemonset/` },
  services: { key: 'services', group: '', version: 'v1', plural: 'services', kind: 'Service', namespaced: true, docs: `${K8S}/concepts/services-networking/service/` },
  endpointslices: {
    key: 'endpointslices',
    group: 'discovery.k8s.io',
    version: 'v1',
    plural: 'endpointslices',
    kind: 'EndpointSlice',
    namespaced: true,
    docs: `${K8S}/concepts/services-networking/endpoint-slices/`,
  },
  ingresses: { key: 'ingresses', group: 'networking.k8s.io', version: 'v1', plural: 'ingresses', kind: 'Ingress', namespaced: true, docs: `${K8S}/concepts/services-networking/ingress/` },
  ingressclasses: {
    key: 'ingressclasses',
    group: 'networking.k8s.io',
    version: 'v1',
    plural: 'ingressclasses',
    kind: 'IngressClass',
    namespaced: false,
    docs: `${K8S}/concepts/services-networking/ingress/#ingress-class`,
  },
  networkpolicies: {
    key: 'networkpolicies',
    group: 'networking.k8s.io',
    version: 'v1',
    plural: 'networkpolicies',
    kind: 'NetworkPolicy',
    namespaced: true,
    docs: `${K8S}/concepts/services-networking/network-policies/`,
  },
  gatewayclasses: {
    key: 'gatewayclasses',
    group: GATEWAY_API_GROUP,
    version: 'v1',
    plural: 'gatewayclasses',
    kind: 'GatewayClass',
    namespaced: false,
    optional: 'gateway-api',
    docs: 'https://gateway-api.sigs.k8s.io/api-types/gatewayclass/',
  },
  gateways: {
    key: 'gateways',
    group: GATEWAY_API_GROUP,
    version: 'v1',
    plural: 'gateways',
    kind: 'Gateway',
    namespaced: true,
    optional: 'gateway-api',
    docs: 'https://gateway-api.sigs.k8s.io/api-types/gateway/',
  },
  httproutes: {
    key: 'httproutes',
    group: GATEWAY_API_GROUP,
    version: 'v1',
    plural: 'httproutes',
    kind: 'HTTPRoute',
    namespaced: true,
    optional: 'gateway-api',
    docs: 'https://gateway-api.sigs.k8s.io/api-types/httproute/',
  },
  // Still v1beta1 in the standard channel: the grants that let routes and Gateways refer across namespaces.
  referencegrants: {
    key: 'referencegrants',
    group: GATEWAY_API_GROUP,
    version: 'v1beta1',
    plural: 'referencegrants',
    kind: 'ReferenceGrant',
    namespaced: true,
    optional: 'gateway-api',
    docs: 'https://gateway-api.sigs.k8s.io/api-types/referencegrant/',
  },
  issuers: {
    key: 'issuers',
    group: CERT_MANAGER_GROUP,
    version: 'v1',
    plural: 'issuers',
    kind: 'Issuer',
    namespaced: true,
    optional: 'cert-manager',
    docs: 'https://cert-manager.io/docs/concepts/issuer/',
  },
  clusterissuers: {
    key: 'clusterissuers',
    group: CERT_MANAGER_GROUP,
    version: 'v1',
    plural: 'clusterissuers',
    kind: 'ClusterIssuer',
    namespaced: false,
    optional: 'cert-manager',
    docs: 'https://cert-manager.io/docs/concepts/issuer/',
  },
  certificates: {
    key: 'certificates',
    group: CERT_MANAGER_GROUP,
    version: 'v1',
    plural: 'certificates',
    kind: 'Certificate',
    namespaced: true,
    optional: 'cert-manager',
    docs: 'https://cert-manager.io/docs/usage/certificate/',
  },
  // One per issuance; the latest per Certificate tells why a renewal is stuck. Stored without
  // spec.request (the CSR: large, and nothing Portico shows), see slim.ts.
  certificaterequests: {
    key: 'certificaterequests',
    group: CERT_MANAGER_GROUP,
    version: 'v1',
    plural: 'certificaterequests',
    kind: 'CertificateRequest',
    namespaced: true,
    optional: 'cert-manager',
    docs: 'https://cert-manager.io/docs/usage/certificaterequest/',
  },
  // Only TLS Secrets, selected server-side so other Secrets never leave the cluster.
  // @see https://kubernetes.io/docs/concepts/overview/working-with-objects/field-selectors/#list-of-supported-fields
  secrets: {
    key: 'secrets',
    group: '',
    version: 'v1',
    plural: 'secrets',
    kind: 'Secret',
    namespaced: true,
    fieldSelector: 'type=kubernetes.io/tls',
    docs: `${K8S}/concepts/configuration/secret/#tls-secrets`,
  },
};

/** The catalogue in sync order: namespaces and nodes first, so later objects find their parents. */
export const RESOURCE_LIST: readonly ResourceType[] = RESOURCE_KEYS.map((k) => RESOURCES[k]);

/** `apps/v1`, or `v1` for the core group. */
export function apiVersionOf(r: Pick<ResourceRef, 'group' | 'version'>): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `services` or `gateways.gateway.networking.k8s.io`, the way RBAC and kubectl name a resource. */
export function qualifiedName(r: Pick<ResourceRef, 'group' | 'plural'>): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

/** The kinds to sync on a cluster serving `apiGroups` (optional features only when present). */
export function resourcesFor(features: { hasGatewayApi: boolean; hasCertManager: boolean }): ResourceType[] {
  return RESOURCE_LIST.filter((r) => !r.optional || (r.optional === 'gateway-api' ? features.hasGatewayApi : features.hasCertManager));
}

/** The kinds to sync on a cluster whose `/apis` lists these groups (any version). */
export function resourcesServed(groups: { has(group: string): boolean }): ResourceType[] {
  return resourcesFor({ hasGatewayApi: groups.has(GATEWAY_API_GROUP), hasCertManager: groups.has(CERT_MANAGER_GROUP) });
}

/**
 * Path of a collection: `/api/v1/services`, `/apis/apps/v1/namespaces/shop/deployments`.
 * Without a namespace a namespaced resource is listed across all namespaces.
 */
export function collectionPath(r: ResourceRef, namespace?: string): string {
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  if (namespace !== undefined && !r.namespaced) throw new Error(`${qualifiedName(r)} is cluster-scoped and has no namespace`);
  return namespace !== undefined ? `${base}/namespaces/${encodeURIComponent(namespace)}/${r.plural}` : `${base}/${r.plural}`;
}

export interface ListOptions {
  namespace?: string;
  /** Page size; the server may return fewer and a `continue` token. */
  limit?: number;
  /** `metadata.continue` of the previous page. */
  continue?: string;
  /** `0` = any cached version (cheap); unset = most recent (quorum read). */
  resourceVersion?: string;
  labelSelector?: string;
}

export interface WatchOptions {
  namespace?: string;
  /** Start after this version, normally the list's `metadata.resourceVersion`. */
  resourceVersion?: string;
  /** Ask for BOOKMARK events so a restarted watch can resume (default true). */
  allowWatchBookmarks?: boolean;
  /** Server-side cap on the watch's duration; the caller re-watches after it ends. */
  timeoutSeconds?: number;
  labelSelector?: string;
}

type Query = Record<string, string | number | boolean>;

function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export function listQuery(r: ResourceType | ResourceRef, options: Omit<ListOptions, 'namespace'> = {}): Query {
  const q: Query = {};
  if ('fieldSelector' in r && r.fieldSelector) q.fieldSelector = r.fieldSelector;
  if (options.labelSelector) q.labelSelector = options.labelSelector;
  if (options.limit !== undefined) q.limit = options.limit;
  if (options.continue) q.continue = options.continue;
  if (options.resourceVersion !== undefined) q.resourceVersion = options.resourceVersion;
  return q;
}

/** Query for client-node's `Watch.watch(collectionPath(r, ns), watchQuery(r, …), …)`. */
export function watchQuery(r: ResourceType | ResourceRef, options: Omit<WatchOptions, 'namespace'> = {}): Query {
  const q: Query = {};
  if ('fieldSelector' in r && r.fieldSelector) q.fieldSelector = r.fieldSelector;
  if (options.labelSelector) q.labelSelector = options.labelSelector;
  q.allowWatchBookmarks = options.allowWatchBookmarks ?? true;
  if (options.resourceVersion !== undefined) q.resourceVersion = options.resourceVersion;
  if (options.timeoutSeconds !== undefined) q.timeoutSeconds = options.timeoutSeconds;
  return q;
}

/** `GET` path of one page of a list, with the resource's field selector. */
export function listPath(r: ResourceType | ResourceRef, options: ListOptions = {}): string {
  return withQuery(collectionPath(r, options.namespace), listQuery(r, options));
}

/** `GET` path of a watch stream (`watch=1`), with the resource's field selector. */
export function watchPath(r: ResourceType | ResourceRef, options: WatchOptions = {}): string {
  return withQuery(collectionPath(r, options.namespace), { watch: 1, ...watchQuery(r, options) });
}
