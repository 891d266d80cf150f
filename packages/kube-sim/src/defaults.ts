/**
 * Defaulting the apiserver applies on write, so objects read back look like a real cluster's.
 * @see https://github.com/kubernetes/kubernetes/blob/v1.31.0/pkg/apis/core/v1/defaults.go
 */
import { isPlainObject, type JsonObject, type KubeObject } from './types.js';

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

/** Mutates `obj` (a private copy being created or updated). */
export function applyDefaults(obj: KubeObject): void {
  const spec = isPlainObject(obj.spec) ? obj.spec : undefined;
  switch (obj.kind) {
    case 'Namespace':
      obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
      obj.spec = { finalizers: ['kubernetes'], ...(spec ?? {}) };
      obj.status = { phase: 'Active' };
      break;
    case 'Service': {
      const s = spec ?? (obj.spec = {});
      s.type ??= 'ClusterIP';
      if (s.type !== 'ExternalName') {
        s.sessionAffinity ??= 'None';
        s.ipFamilies ??= ['IPv4'];
        s.ipFamilyPolicy ??= 'SingleStack';
        s.internalTrafficPolicy ??= 'Cluster';
      }
      if (s.type === 'NodePort' || s.type === 'LoadBalancer') s.externalTrafficPolicy ??= 'Cluster';
      if (s.type === 'LoadBalancer') s.allocateLoadBalancerNodePorts ??= true;
      if (Array.isArray(s.ports))
        for (const p of s.ports)
          if (isPlainObject(p)) {
            p.protocol ??= 'TCP';
            p.targetPort ??= p.port;
          }
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
        s.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } };
      }
      const tpl = isPlainObject(s.template) ? s.template : undefined;
      if (tpl) {
        tpl.metadata ??= {};
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
    case 'Ingress':
      obj.status ??= { loadBalancer: {} };
      break;
  }
}
