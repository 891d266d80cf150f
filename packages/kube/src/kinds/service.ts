/**
 * Service: type, cluster IP, ports, selector and external addresses.
 * The coming Service builders and apiserver-grade validators (port ranges, names, `kubectl
 * expose` rules) live here too.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 * @see https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/
 */
import type { V1Service } from '@kubernetes/client-node';
import { type Untrusted, isDict, listOf, loadBalancerAddresses, numberOr, specOf, stringMap, stringOr, strings } from './common.js';

/** A Service port as Portico reads it; absent optional fields are null. */
export interface ServicePortView {
  name: string | null;
  port: number;
  targetPort: number | string | null;
  protocol: string;
  nodePort: number | null;
}

/**
 * `spec.type`; a Service without one is `ClusterIP`, the API server's default.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
 */
export const serviceType = (svc: Untrusted<V1Service>): string => stringOr(specOf(svc).type, 'ClusterIP');

export const serviceClusterIP = (svc: Untrusted<V1Service>): string | null => stringOr(specOf(svc).clusterIP, null);

/**
 * A headless Service has `clusterIP: None`: DNS answers with the pods' addresses.
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#headless-services
 */
export const isHeadless = (svc: Untrusted<V1Service>): boolean => specOf(svc).clusterIP === 'None';

/** `spec.ports`; a port without a number is not a port. Protocol defaults to TCP. */
export function servicePorts(svc: Untrusted<V1Service>): ServicePortView[] {
  return listOf(specOf(svc).ports).flatMap((p) => {
    if (!isDict(p) || typeof p.port !== 'number') return [];
    const targetPort = typeof p.targetPort === 'number' || typeof p.targetPort === 'string' ? p.targetPort : null;
    return [{ name: stringOr(p.name, null), port: p.port, targetPort, protocol: stringOr(p.protocol, 'TCP'), nodePort: numberOr(p.nodePort, null) }];
  });
}

/**
 * Whether one of the ports answers a reference by number or by name (an Ingress backend's
 * `service.port`); a reference naming neither matches any port.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/#IngressBackend
 */
export function hasServicePort(ports: readonly ServicePortView[], ref: number | string | null): boolean {
  if (typeof ref === 'number') return ports.some((p) => p.port === ref);
  if (typeof ref === 'string') return ports.some((p) => p.name === ref);
  return true;
}

/** `spec.selector`, or null when there is none (a Service without a selector has no managed endpoints). */
export function serviceSelector(svc: Untrusted<V1Service>): Record<string, string> | null {
  const selector = stringMap(specOf(svc).selector);
  return Object.keys(selector).length ? selector : null;
}

/** External IPs, load-balancer addresses, then the ExternalName: where the Service is reached from outside. */
export function serviceExternalAddresses(svc: Untrusted<V1Service>): string[] {
  const spec = specOf(svc);
  const externalName = stringOr(spec.externalName, '');
  return [...strings(listOf(spec.externalIPs)), ...loadBalancerAddresses(svc), ...(externalName ? [externalName] : [])];
}

/**
 * The Service's name in cluster DNS (the default cluster domain).
 * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#services
 */
export const serviceDnsName = (namespace: string, name: string): string => `${name}.${namespace}.svc.cluster.local`;
