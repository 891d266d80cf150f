/**
 * CustomResourceDefinition objects for the optional groups, so clients that look for
 * `gateways.gateway.networking.k8s.io` or `certificates.cert-manager.io` CRDs find them.
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/
 */
import type { ResourceType } from './resources.js';
import type { KubeObject } from './types.js';

export function crdFor(rt: ResourceType, bundleVersion: string): KubeObject {
  const listKind = `${rt.kind}List`;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${rt.plural}.${rt.group}`,
      annotations: rt.feature === 'gatewayApi' ? { 'gateway.networking.k8s.io/bundle-version': bundleVersion, 'gateway.networking.k8s.io/channel': 'standard' } : {},
      labels: rt.feature === 'certManager' ? { 'app.kubernetes.io/name': 'cert-manager', 'app.kubernetes.io/version': bundleVersion } : {},
    },
    spec: {
      group: rt.group,
      names: { plural: rt.plural, singular: rt.singular, kind: rt.kind, listKind, ...(rt.shortNames ? { shortNames: rt.shortNames } : {}), ...(rt.categories ? { categories: rt.categories } : {}) },
      scope: rt.namespaced ? 'Namespaced' : 'Cluster',
      versions: [
        {
          name: rt.version,
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
    status: {
      acceptedNames: { plural: rt.plural, singular: rt.singular, kind: rt.kind, listKind },
      conditions: [{ type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' }],
      storedVersions: [rt.version],
    },
  };
}
