/**
 * Gateway API's Gateway and GatewayClass: listeners, hostnames and class.
 * The coming Gateway builders and apiserver-grade validators (the CRDs' CEL rules, which
 * OpenAPI validation does not catch) live here too.
 * `@kubernetes/client-node` has no Gateway API models, so the types below are the v1 API's
 * fields Portico reads, as the reference names them.
 * @see https://gateway-api.sigs.k8s.io/api-types/gateway/
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#gateway
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { type Untrusted, dictOf, isDict, listOf, metadataOf, numberOr, specOf, stringOr, strings } from './common.js';

/** @see https://gateway-api.sigs.k8s.io/reference/spec/#listener */
export interface GatewayListener {
  name: string;
  hostname?: string;
  port: number;
  protocol: string;
}

/** @see https://gateway-api.sigs.k8s.io/reference/spec/#gateway */
export interface Gateway extends KubernetesObject {
  spec?: { gatewayClassName: string; listeners?: GatewayListener[] };
}

/** @see https://gateway-api.sigs.k8s.io/reference/spec/#gatewayclass */
export interface GatewayClass extends KubernetesObject {
  spec?: { controllerName: string; description?: string };
}

/** `spec.gatewayClassName`: the GatewayClass (cluster-scoped) that implements the Gateway. */
export const gatewayClassNameOf = (gateway: Untrusted<Gateway>): string | null => stringOr(specOf(gateway).gatewayClassName, null);

/** The listeners' hostnames, in listener order (a listener without one accepts any host). */
export function gatewayHosts(gateway: Untrusted<Gateway>): string[] {
  return strings(listOf(specOf(gateway).listeners).map((l) => (isDict(l) ? l.hostname : undefined)));
}

/** `spec.listeners`: name, port, protocol and hostname (null when any host is accepted). */
export function gatewayListeners(gateway: Untrusted<Gateway>): { name?: string; port?: number; protocol?: string; hostname: string | null }[] {
  return listOf(specOf(gateway).listeners).map((listener) => {
    const l = dictOf(listener);
    return { name: stringOr(l.name, undefined), port: numberOr(l.port, undefined), protocol: stringOr(l.protocol, undefined), hostname: stringOr(l.hostname, null) };
  });
}

/** GatewayClass `spec.controllerName`, e.g. `gateway.envoyproxy.io/gatewayclass-controller`. */
export const gatewayClassController = (gatewayClass: Untrusted<GatewayClass>): string | null => stringOr(specOf(gatewayClass).controllerName, null);

/**
 * The TLS Secrets the listeners terminate with: `tls.certificateRefs` of the core group and
 * kind `Secret` (the defaults), in the Gateway's namespace unless one is named; each once.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#gatewaytlsconfig
 */
export function gatewayCertificateSecrets(gateway: Untrusted<Gateway>, namespace = stringOr(metadataOf(gateway).namespace, '')): { namespace: string; name: string }[] {
  const refs = listOf(specOf(gateway).listeners).flatMap((l) => listOf(dictOf(dictOf(l).tls).certificateRefs).map(dictOf));
  const secrets = refs.flatMap((r) => {
    const name = stringOr(r.name, '');
    return stringOr(r.group, '') === '' && stringOr(r.kind, 'Secret') === 'Secret' && name ? [{ namespace: stringOr(r.namespace, namespace), name }] : [];
  });
  return [...new Map(secrets.map((s) => [`${s.namespace}/${s.name}`, s])).values()];
}
