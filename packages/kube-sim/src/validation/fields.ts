/**
 * Unknown-field detection for `fieldValidation=Strict|Warn`, at the top level, in metadata and
 * in `spec` of the kinds whose schema we know (a subset of the real schemas).
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation
 */
import type { KubeObject } from '../types.js';

const META = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
  'selfLink',
];
const BASE = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];

const TOP: Record<string, string[]> = {
  Secret: ['apiVersion', 'kind', 'metadata', 'data', 'stringData', 'type', 'immutable'],
  ConfigMap: ['apiVersion', 'kind', 'metadata', 'data', 'binaryData', 'immutable'],
  Endpoints: ['apiVersion', 'kind', 'metadata', 'subsets'],
  EndpointSlice: ['apiVersion', 'kind', 'metadata', 'addressType', 'endpoints', 'ports'],
  IngressClass: ['apiVersion', 'kind', 'metadata', 'spec'],
};

const POD_SPEC = [
  'activeDeadlineSeconds',
  'affinity',
  'automountServiceAccountToken',
  'containers',
  'dnsConfig',
  'dnsPolicy',
  'enableServiceLinks',
  'ephemeralContainers',
  'hostAliases',
  'hostIPC',
  'hostNetwork',
  'hostPID',
  'hostUsers',
  'hostname',
  'imagePullSecrets',
  'initContainers',
  'nodeName',
  'nodeSelector',
  'os',
  'overhead',
  'preemptionPolicy',
  'priority',
  'priorityClassName',
  'readinessGates',
  'resourceClaims',
  'restartPolicy',
  'runtimeClassName',
  'schedulerName',
  'schedulingGates',
  'securityContext',
  'serviceAccount',
  'serviceAccountName',
  'setHostnameAsFQDN',
  'shareProcessNamespace',
  'subdomain',
  'terminationGracePeriodSeconds',
  'tolerations',
  'topologySpreadConstraints',
  'volumes',
];

const SPEC: Record<string, string[]> = {
  Service: [
    'allocateLoadBalancerNodePorts',
    'clusterIP',
    'clusterIPs',
    'externalIPs',
    'externalName',
    'externalTrafficPolicy',
    'healthCheckNodePort',
    'internalTrafficPolicy',
    'ipFamilies',
    'ipFamilyPolicy',
    'loadBalancerClass',
    'loadBalancerIP',
    'loadBalancerSourceRanges',
    'ports',
    'publishNotReadyAddresses',
    'selector',
    'sessionAffinity',
    'sessionAffinityConfig',
    'trafficDistribution',
    'type',
  ],
  Ingress: ['defaultBackend', 'ingressClassName', 'rules', 'tls'],
  Deployment: ['minReadySeconds', 'paused', 'progressDeadlineSeconds', 'replicas', 'revisionHistoryLimit', 'selector', 'strategy', 'template'],
  ReplicaSet: ['minReadySeconds', 'replicas', 'selector', 'template'],
  Pod: POD_SPEC,
  Namespace: ['finalizers'],
  IngressClass: ['controller', 'parameters'],
  HTTPRoute: ['hostnames', 'parentRefs', 'rules'],
  Gateway: ['addresses', 'allowedListeners', 'gatewayClassName', 'infrastructure', 'listeners', 'tls'],
};

/** Paths of unknown fields, e.g. `spec.foo`, in apiserver notation. */
export function unknownFields(obj: KubeObject): string[] {
  const out: string[] = [];
  const top = TOP[obj.kind] ?? BASE;
  for (const k of Object.keys(obj)) if (!top.includes(k)) out.push(k);
  for (const k of Object.keys(obj.metadata ?? {})) if (!META.includes(k)) out.push(`metadata.${k}`);
  const spec = obj.spec;
  const known = SPEC[obj.kind];
  if (known && spec && typeof spec === 'object' && !Array.isArray(spec)) for (const k of Object.keys(spec)) if (!known.includes(k)) out.push(`spec.${k}`);
  return out;
}
