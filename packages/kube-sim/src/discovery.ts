/**
 * API discovery documents: the legacy `/api`, `/apis`, per-group-version `APIResourceList`s, and
 * aggregated discovery v2 (one request instead of one per group-version).
 * @see https://kubernetes.io/docs/concepts/overview/kubernetes-api/#discovery-api
 */
import type { ResourceRegistry, ResourceType } from './resources.js';

export const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const SERVER_VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.9-kube-sim',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-05-15T00:00:00Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function apiResource(rt: ResourceType) {
  return {
    name: rt.plural,
    singularName: rt.singular,
    namespaced: rt.namespaced,
    kind: rt.kind,
    verbs: ALL_VERBS,
    ...(rt.shortNames ? { shortNames: rt.shortNames } : {}),
    ...(rt.categories ? { categories: rt.categories } : {}),
  };
}

export function apiResourceList(registry: ResourceRegistry, group: string, version: string) {
  const types = registry.types.filter((t) => t.group === group && t.version === version);
  if (types.length === 0) return undefined;
  const resources = [];
  for (const rt of types) {
    resources.push(apiResource(rt));
    if (rt.hasStatus) resources.push({ name: `${rt.plural}/status`, singularName: '', namespaced: rt.namespaced, kind: rt.kind, verbs: ['get', 'patch', 'update'] });
    if (rt.scalable) resources.push({ name: `${rt.plural}/scale`, singularName: '', namespaced: rt.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

export function coreVersions(host: string) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: host }] };
}

/**
 * A group and its versions, the first one preferred (as listed: Gateway API's v1 before the
 * v1beta1 that still serves ReferenceGrant, as on a real cluster with its CRDs).
 */
function versionsByGroup(registry: ResourceRegistry): Map<string, { version: string; types: ResourceRegistry['types'][number][] }[]> {
  const out = new Map<string, { version: string; types: ResourceRegistry['types'][number][] }[]>();
  for (const g of registry.groups()) out.set(g.group, [...(out.get(g.group) ?? []), { version: g.version, types: g.types }]);
  return out;
}

function apiGroup(group: string, versions: { version: string }[]) {
  const gvs = versions.map(({ version }) => ({ groupVersion: `${group}/${version}`, version }));
  return { name: group, versions: gvs, preferredVersion: gvs[0] };
}

export function apiGroupList(registry: ResourceRegistry) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...versionsByGroup(registry)].filter(([group]) => group !== '').map(([group, versions]) => apiGroup(group, versions)),
  };
}

export function apiGroupDoc(registry: ResourceRegistry, group: string) {
  const versions = versionsByGroup(registry).get(group);
  return versions
    ? {
        kind: 'APIGroup',
        apiVersion: 'v1',
        ...apiGroup(group, versions),
      }
    : undefined;
}

/** Aggregated discovery: `/api` answers the core group only, `/apis` all named groups. */
export function aggregatedDiscovery(registry: ResourceRegistry, core: boolean) {
  const items = [...versionsByGroup(registry)]
    .filter(([group]) => (group === '') === core)
    .map(([group, versions]) => ({
      metadata: { name: group, creationTimestamp: null },
      versions: versions.map((g) => ({
        version: g.version,
        resources: g.types.map((rt) => ({
          resource: rt.plural,
          responseKind: { group: rt.group, version: rt.version, kind: rt.kind },
          scope: rt.namespaced ? 'Namespaced' : 'Cluster',
          singularResource: rt.singular,
          verbs: ALL_VERBS,
          ...(rt.shortNames ? { shortNames: rt.shortNames } : {}),
          ...(rt.categories ? { categories: rt.categories } : {}),
          ...(rt.hasStatus || rt.scalable
            ? {
                subresources: [
                  ...(rt.hasStatus ? [{ subresource: 'status', responseKind: { group: rt.group, version: rt.version, kind: rt.kind }, verbs: ['get', 'patch', 'update'] }] : []),
                  ...(rt.scalable ? [{ subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] }] : []),
                ],
              }
            : {}),
        })),
        freshness: 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}
