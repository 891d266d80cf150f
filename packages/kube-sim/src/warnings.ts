/**
 * The `Warning` headers the apiserver's registries add to a successful write (WarningsOnCreate /
 * WarningsOnUpdate), texts as Kubernetes 1.36 words them. Not modelled: the IP and CIDR
 * spelling warnings (GetWarningsForIP/CIDR), whose forms 1.36 mostly refuses outright.
 * @see https://github.com/kubernetes/kubernetes/blob/v1.36.3/pkg/api/service/warnings.go
 * @see https://github.com/kubernetes/kubernetes/blob/v1.36.3/pkg/registry/networking/ingress/strategy.go
 */
import { dig, type KubeObject } from './types.js';

function serviceWarnings(svc: KubeObject): string[] {
  const spec = (svc.spec ?? {}) as {
    type?: string;
    clusterIP?: string;
    loadBalancerIP?: string;
    externalIPs?: unknown[];
    sessionAffinity?: string;
    externalName?: string;
    trafficDistribution?: string;
  };
  const warnings: string[] = [];
  if (svc.metadata.annotations?.['service.kubernetes.io/topology-aware-hints'] !== undefined)
    warnings.push('annotation service.kubernetes.io/topology-aware-hints is deprecated, please use service.kubernetes.io/topology-mode instead');
  const headless = spec.clusterIP === 'None';
  const externalIPs = spec.externalIPs?.length ?? 0;
  if (headless) {
    if (spec.loadBalancerIP) warnings.push('spec.loadBalancerIP is ignored for headless services');
    if (externalIPs > 0) warnings.push('spec.externalIPs is ignored for headless services');
    if (spec.sessionAffinity !== 'None') warnings.push('spec.SessionAffinity is ignored for headless services');
  }
  if (externalIPs > 0 && !headless && spec.type !== 'ExternalName') warnings.push('spec.externalIPs is deprecated and may no longer be implemented in some clusters');
  if (spec.type === 'ExternalName' && externalIPs > 0) warnings.push('spec.externalIPs is ignored when spec.type is "ExternalName"');
  if (spec.type !== 'ExternalName' && spec.externalName) warnings.push('spec.externalName is ignored when spec.type is not "ExternalName"');
  if (spec.trafficDistribution === 'PreferClose') warnings.push('spec.trafficDistribution: "PreferClose" is deprecated; use "PreferSameZone"');
  return warnings;
}

/** Warnings for a stored (defaulted) object; `old` is the live object on an update. */
export function registryWarnings(obj: KubeObject, old: KubeObject | undefined): string[] {
  if (obj.kind === 'Service') return serviceWarnings(obj);
  // Ingress warns on create only.
  if (obj.kind === 'Ingress' && !old && obj.metadata.annotations?.['kubernetes.io/ingress.class'] !== undefined && dig(obj, 'spec', 'ingressClassName') === undefined)
    return ['annotation "kubernetes.io/ingress.class" is deprecated, please use \'spec.ingressClassName\' instead'];
  return [];
}
