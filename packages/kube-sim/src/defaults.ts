/**
 * Defaulting the apiserver applies on write, so objects read back look like a real cluster's.
 * @see https://github.com/kubernetes/kubernetes/blob/v1.31.0/pkg/apis/core/v1/defaults.go
 */
import { isPlainObject, type JsonObject, type KubeObject } from './types.js';
import { applyGatewayApiDefaults } from './validation/gateway-api.js';

function defaultContainerPorts(podSpec: JsonObject | undefined): void {
  if (!podSpec) return;
  for (const key of ['containers', 'initContainers']) {
    const cs = podSpec[key];
    if (!Array.isArray(cs)) continue;
    for (const c of cs) {
      if (!isPlainObject(c)) continue;
      c.terminationMessagePath ??= '/dev/termination-log';
      c.terminationMessagePolicy ??= 'File';
      c.imagePullPolicy ??= typeof c.image === 'string' && (c.image.endsWith(':latest') || !c.image.includes(':')) ? 'Always' : 'IfNotPresent';
      c.resources ??= {};
      if (Array.isArray(c.ports)) for (const p of c.ports) if (isPlainObject(p)) p.protocol ??= 'TCP';
    }
  }
  podSpec.restartPolicy ??= 'Always';
  podSpec.terminationGracePeriodSeconds ??= 30;
  podSpec.dnsPolicy ??= 'ClusterFirst';
  podSpec.securityContext ??= {};
  podSpec.schedulerName ??= 'default-scheduler';
}

/**
 * Fields with Go's `omitempty`: the apiserver decodes into Go structs, so `""`, `0`, `false`,
 * `[]` and `{}` there are the same as absent and never stored. (Listed for the kinds the
 * differential test covers; `[]` marks "every item of the list".)
 */
const OMIT_EMPTY: Record<string, string[]> = {
  Service: [
    'spec.ports',
    'spec.clusterIP',
    'spec.clusterIPs',
    'spec.externalIPs',
    'spec.ipFamilies',
    'spec.loadBalancerSourceRanges',
    'spec.selector',
    'spec.externalName',
    'spec.loadBalancerIP',
    'spec.publishNotReadyAddresses',
    'spec.healthCheckNodePort',
    'spec.externalTrafficPolicy',
    'spec.ports[].name',
    'spec.ports[].nodePort',
  ],
  HTTPRoute: [],
  Gateway: [],
  Ingress: [
    'spec.rules',
    'spec.tls',
    'spec.tls[].hosts',
    'spec.tls[].secretName',
    'spec.rules[].host',
    'spec.rules[].http.paths[].path',
    'spec.rules[].http.paths[].backend.service.port.name',
    'spec.rules[].http.paths[].backend.service.port.number',
    'spec.defaultBackend.service.port.name',
    'spec.defaultBackend.service.port.number',
  ],
};
const META_OMIT_EMPTY = ['metadata.labels', 'metadata.annotations', 'metadata.finalizers'];

const isGoEmpty = (v: unknown) => v === '' || v === 0 || v === false || v === null || (Array.isArray(v) && v.length === 0) || (isPlainObject(v) && Object.keys(v).length === 0);

function dropEmpty(node: unknown, path: string[]): void {
  if (path.length === 0) return;
  const [head, ...rest] = path;
  if (head.endsWith('[]')) {
    const list = isPlainObject(node) ? node[head.slice(0, -2)] : undefined;
    if (Array.isArray(list)) for (const item of list) dropEmpty(item, rest);
    return;
  }
  if (!isPlainObject(node)) return;
  if (rest.length === 0) {
    if (head in node && isGoEmpty(node[head])) delete node[head];
  } else dropEmpty(node[head], rest);
}

/** Drops Go-empty `omitempty` fields of built-in kinds (mutates); see OMIT_EMPTY. */
export function dropOmitEmpty(obj: KubeObject): void {
  for (const p of [...META_OMIT_EMPTY, ...(OMIT_EMPTY[obj.kind] ?? [])]) dropEmpty(obj, p.split('.'));
}

/** Mutates `obj` (a private copy being created or updated). */
export function applyDefaults(obj: KubeObject): void {
  if (obj.kind in OMIT_EMPTY) dropOmitEmpty(obj);
  const spec = isPlainObject(obj.spec) ? obj.spec : undefined;
  switch (obj.kind) {
    case 'Namespace':
      obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
      obj.spec = { finalizers: ['kubernetes'], ...(spec ?? {}) };
      obj.status = { phase: 'Active' };
      break;
    case 'Service': {
      // SetDefaults_Service; ipFamilies/ipFamilyPolicy are the registry's (serviceIPFamilyCauses).
      const s = spec ?? (obj.spec = {});
      if (!s.sessionAffinity) s.sessionAffinity = 'None';
      if (s.sessionAffinity === 'None') delete s.sessionAffinityConfig;
      if (s.sessionAffinity === 'ClientIP' && !isPlainObject(s.sessionAffinityConfig)) s.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
      if (!s.type) s.type = 'ClusterIP';
      if (Array.isArray(s.ports))
        for (const p of s.ports)
          if (isPlainObject(p)) {
            if (!p.protocol) p.protocol = 'TCP';
            if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port ?? 0;
          }
      const external = s.type === 'NodePort' || s.type === 'LoadBalancer' || (s.type === 'ClusterIP' && Array.isArray(s.externalIPs) && s.externalIPs.length > 0);
      if (external && !s.externalTrafficPolicy) s.externalTrafficPolicy = 'Cluster';
      if (s.internalTrafficPolicy === undefined && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(String(s.type))) s.internalTrafficPolicy = 'Cluster';
      if (s.type === 'LoadBalancer') s.allocateLoadBalancerNodePorts ??= true;
      obj.status ??= { loadBalancer: {} };
      break;
    }
    case 'Pod':
      defaultContainerPorts(spec);
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet': {
      const s = spec ?? (obj.spec = {});
      if (obj.kind !== 'DaemonSet') s.replicas ??= 1;
      s.revisionHistoryLimit ??= 10;
      if (obj.kind === 'Deployment') {
        s.progressDeadlineSeconds ??= 600;
        // SetDefaults_Deployment: an empty strategy (kubectl create sends `strategy: {}`) is defaulted too.
        const strategy = isPlainObject(s.strategy) ? s.strategy : (s.strategy = {});
        strategy.type ??= 'RollingUpdate';
        if (strategy.type === 'RollingUpdate') {
          const ru = isPlainObject(strategy.rollingUpdate) ? strategy.rollingUpdate : (strategy.rollingUpdate = {});
          ru.maxUnavailable ??= '25%';
          ru.maxSurge ??= '25%';
        }
      }
      const tpl = isPlainObject(s.template) ? s.template : undefined;
      if (tpl) {
        tpl.metadata ??= {};
        // A zero creationTimestamp (Go clients send `null`) is not stored (omitzero).
        if (isPlainObject(tpl.metadata) && tpl.metadata.creationTimestamp === null) delete tpl.metadata.creationTimestamp;
        defaultContainerPorts(isPlainObject(tpl.spec) ? tpl.spec : undefined);
      }
      obj.status ??= {};
      break;
    }
    case 'Secret': {
      obj.type ??= 'Opaque';
      if (isPlainObject(obj.stringData)) {
        const data: JsonObject = { ...(isPlainObject(obj.data) ? obj.data : {}) };
        for (const [k, v] of Object.entries(obj.stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
        obj.data = data;
      }
      delete obj.stringData;
      break;
    }
    case 'HTTPRoute':
    case 'Gateway':
      applyGatewayApiDefaults(obj);
      break;
    case 'Ingress':
      obj.status ??= { loadBalancer: {} };
      break;
  }
}
