/**
 * The API resources the simulator serves. Discovery, OpenAPI, routing and tables all derive
 * from this one list. Optional groups (Gateway API, cert-manager) exist only when installed.
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#standard-api-terminology
 */
export type Feature = 'gatewayApi' | 'certManager';

export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Installed through a CRD; absent unless the feature is enabled. */
  feature?: Feature;
  hasStatus?: boolean;
  /** Has the `scale` subresource (autoscaling/v1 Scale). */
  scalable?: boolean;
}

const ALL = ['all'];

export const RESOURCE_TYPES: readonly ResourceType[] = [
  { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', singular: 'namespace', namespaced: false, shortNames: ['ns'], hasStatus: true },
  { group: '', version: 'v1', kind: 'Node', plural: 'nodes', singular: 'node', namespaced: false, shortNames: ['no'], hasStatus: true },
  { group: '', version: 'v1', kind: 'Pod', plural: 'pods', singular: 'pod', namespaced: true, shortNames: ['po'], categories: ALL, hasStatus: true },
  { group: '', version: 'v1', kind: 'Service', plural: 'services', singular: 'service', namespaced: true, shortNames: ['svc'], categories: ALL, hasStatus: true },
  { group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', singular: 'endpoints', namespaced: true, shortNames: ['ep'] },
  { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', singular: 'secret', namespaced: true },
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', singular: 'configmap', namespaced: true, shortNames: ['cm'] },
  { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', plural: 'endpointslices', singular: 'endpointslice', namespaced: true },
  { group: 'apps', version: 'v1', kind: 'Deployment', scalable: true, plural: 'deployments', singular: 'deployment', namespaced: true, shortNames: ['deploy'], categories: ALL, hasStatus: true },
  { group: 'apps', version: 'v1', kind: 'ReplicaSet', scalable: true, plural: 'replicasets', singular: 'replicaset', namespaced: true, shortNames: ['rs'], categories: ALL, hasStatus: true },
  { group: 'apps', version: 'v1', kind: 'StatefulSet', scalable: true, plural: 'statefulsets', singular: 'statefulset', namespaced: true, shortNames: ['sts'], categories: ALL, hasStatus: true },
  { group: 'apps', version: 'v1', kind: 'DaemonSet', plural: 'daemonsets', singular: 'daemonset', namespaced: true, shortNames: ['ds'], categories: ALL, hasStatus: true },
  { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', plural: 'ingresses', singular: 'ingress', namespaced: true, shortNames: ['ing'], hasStatus: true },
  { group: 'networking.k8s.io', version: 'v1', kind: 'IngressClass', plural: 'ingressclasses', singular: 'ingressclass', namespaced: false },
  { group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy', plural: 'networkpolicies', singular: 'networkpolicy', namespaced: true, shortNames: ['netpol'] },
  {
    group: 'apiextensions.k8s.io',
    version: 'v1',
    kind: 'CustomResourceDefinition',
    plural: 'customresourcedefinitions',
    singular: 'customresourcedefinition',
    namespaced: false,
    shortNames: ['crd', 'crds'],
    hasStatus: true,
  },
  {
    group: 'gateway.networking.k8s.io',
    version: 'v1',
    kind: 'GatewayClass',
    plural: 'gatewayclasses',
    singular: 'gatewayclass',
    namespaced: false,
    shortNames: ['gc'],
    feature: 'gatewayApi',
    hasStatus: true,
  },
  { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'Gateway', plural: 'gateways', singular: 'gateway', namespaced: true, shortNames: ['gtw'], feature: 'gatewayApi', hasStatus: true },
  { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'HTTPRoute', plural: 'httproutes', singular: 'httproute', namespaced: true, feature: 'gatewayApi', hasStatus: true },
  {
    group: 'gateway.networking.k8s.io',
    version: 'v1beta1',
    kind: 'ReferenceGrant',
    plural: 'referencegrants',
    singular: 'referencegrant',
    namespaced: true,
    shortNames: ['refgrant'],
    feature: 'gatewayApi',
  },
  { group: 'cert-manager.io', version: 'v1', kind: 'Issuer', plural: 'issuers', singular: 'issuer', namespaced: true, feature: 'certManager', categories: ['cert-manager'], hasStatus: true },
  {
    group: 'cert-manager.io',
    version: 'v1',
    kind: 'ClusterIssuer',
    plural: 'clusterissuers',
    singular: 'clusterissuer',
    namespaced: false,
    feature: 'certManager',
    categories: ['cert-manager'],
    hasStatus: true,
  },
  {
    group: 'cert-manager.io',
    version: 'v1',
    kind: 'Certificate',
    plural: 'certificates',
    singular: 'certificate',
    namespaced: true,
    shortNames: ['cert', 'certs'],
    feature: 'certManager',
    categories: ['cert-manager'],
    hasStatus: true,
  },
  {
    group: 'cert-manager.io',
    version: 'v1',
    kind: 'CertificateRequest',
    plural: 'certificaterequests',
    singular: 'certificaterequest',
    namespaced: true,
    shortNames: ['cr', 'crs'],
    feature: 'certManager',
    categories: ['cert-manager'],
    hasStatus: true,
  },
];

export function apiVersionOf(rt: ResourceType): string {
  return rt.group ? `${rt.group}/${rt.version}` : rt.version;
}

/** Store key of a resource type, e.g. `apps/deployments` or `/services`. */
export function resourceKey(rt: ResourceType): string {
  return `${rt.group}/${rt.plural}`;
}

/** The set of resource types one simulator serves, with lookups by path and by kind. */
export class ResourceRegistry {
  types: ResourceType[] = [];
  private readonly byPath = new Map<string, ResourceType>();
  private readonly byKind = new Map<string, ResourceType>();

  constructor(private readonly features: Record<Feature, boolean>) {
    this.index();
  }

  /** Serves a feature's types from now on, or stops serving them (CRDs installed or removed). */
  setFeature(feature: Feature, served: boolean): void {
    this.features[feature] = served;
    this.index();
  }

  private index(): void {
    this.types = RESOURCE_TYPES.filter((rt) => !rt.feature || this.features[rt.feature]);
    this.byPath.clear();
    this.byKind.clear();
    for (const rt of this.types) {
      this.byPath.set(`${rt.group}/${rt.version}/${rt.plural}`, rt);
      this.byKind.set(`${apiVersionOf(rt)}/${rt.kind}`, rt);
    }
  }

  byResource(group: string, version: string, plural: string): ResourceType | undefined {
    return this.byPath.get(`${group}/${version}/${plural}`);
  }

  forKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.byKind.get(`${apiVersion}/${kind}`);
  }

  mustForKind(apiVersion: string, kind: string): ResourceType {
    const rt = this.forKind(apiVersion, kind);
    if (!rt) throw new Error(`no resource for ${apiVersion}/${kind}`);
    return rt;
  }

  /** Group → versions, in a stable order (core first). */
  groups(): { group: string; version: string; types: ResourceType[] }[] {
    const out = new Map<string, { group: string; version: string; types: ResourceType[] }>();
    for (const rt of this.types) {
      const k = `${rt.group}/${rt.version}`;
      let g = out.get(k);
      if (!g) out.set(k, (g = { group: rt.group, version: rt.version, types: [] }));
      g.types.push(rt);
    }
    return [...out.values()];
  }
}
