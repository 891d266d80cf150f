/**
 * Ingress and IngressClass: hosts, rules, backends, TLS and class.
 * The coming Ingress builders and apiserver-grade validators (host and path rules, pathType)
 * live here too.
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/
 * @see https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/
 */
import type { V1Ingress, V1IngressClass } from '@kubernetes/client-node';
import { type Untrusted, annotationOf, dictOf, isDict, listOf, loadBalancerAddresses, numberOr, specOf, stringOr, strings } from './common.js';

/**
 * The class annotation older Ingresses use instead of `spec.ingressClassName`.
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#deprecated-annotation
 */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** @see https://kubernetes.io/docs/concepts/services-networking/ingress/#default-ingress-class */
export const DEFAULT_INGRESS_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

/** A backend that names a Service: its name and its port, by number or by name (null when neither). */
export interface IngressServiceBackend {
  service: string | null;
  port: number | string | null;
}

export interface IngressPathView {
  path: string | null;
  pathType: string | null;
  backend: IngressServiceBackend;
}

export interface IngressRuleView {
  host: string | null;
  paths: IngressPathView[];
}

function serviceBackend(backend: unknown): IngressServiceBackend {
  const service = dictOf(dictOf(backend).service);
  const port = dictOf(service.port);
  return { service: stringOr(service.name, null), port: numberOr(port.number, null) ?? stringOr(port.name, null) };
}

/** `spec.ingressClassName`, else the deprecated class annotation; null when neither is set. */
export function ingressClassOf(ingress: Untrusted<V1Ingress>): string | null {
  return stringOr(specOf(ingress).ingressClassName, null) ?? annotationOf(ingress, INGRESS_CLASS_ANNOTATION);
}

/** Every host the Ingress serves: its rules' hosts, then its TLS hosts, each once. */
export function ingressHosts(ingress: Untrusted<V1Ingress>): string[] {
  const spec = specOf(ingress);
  const rules = listOf(spec.rules).map((r) => (isDict(r) ? r.host : undefined));
  const tls = listOf(spec.tls).flatMap((t) => (isDict(t) ? listOf(t.hosts) : []));
  return [...new Set(strings([...rules, ...tls]))];
}

/** The routing table: each rule's host and HTTP paths with their backends, as written. */
export function ingressRules(ingress: Untrusted<V1Ingress>): IngressRuleView[] {
  return listOf(specOf(ingress).rules).map((rule) => {
    const r = dictOf(rule);
    return {
      host: stringOr(r.host, null),
      paths: listOf(dictOf(r.http).paths).map((path) => {
        const p = dictOf(path);
        return { path: stringOr(p.path, null), pathType: stringOr(p.pathType, null), backend: serviceBackend(p.backend) };
      }),
    };
  });
}

/** `spec.defaultBackend`, for requests no rule matches; null when there is none. */
export function ingressDefaultBackend(ingress: Untrusted<V1Ingress>): IngressServiceBackend | null {
  const backend = specOf(ingress).defaultBackend;
  return isDict(backend) ? serviceBackend(backend) : null;
}

/** The Services the Ingress sends traffic to (rules, then the default backend), each name once. */
export function ingressServiceNames(ingress: Untrusted<V1Ingress>): string[] {
  const names = ingressRules(ingress).flatMap((r) => r.paths.map((p) => p.backend.service));
  names.push(ingressDefaultBackend(ingress)?.service ?? null);
  return [...new Set(names.filter((n): n is string => !!n))];
}

/** `spec.tls`: the hosts each TLS Secret serves. */
export function ingressTls(ingress: Untrusted<V1Ingress>): { hosts: string[]; secretName: string | null }[] {
  return listOf(specOf(ingress).tls).map((t) => ({ hosts: strings(listOf(dictOf(t).hosts)), secretName: stringOr(dictOf(t).secretName, null) }));
}

/** Addresses the Ingress controller published in `status.loadBalancer`. */
export const ingressAddresses = (ingress: Untrusted<V1Ingress>): string[] => loadBalancerAddresses(ingress);

/** IngressClass `spec.controller`, e.g. `k8s.io/ingress-nginx`; null when absent. */
export const ingressClassController = (ingressClass: Untrusted<V1IngressClass>): string | null => stringOr(specOf(ingressClass).controller, null);

/** Whether the IngressClass is the cluster's default (Ingresses without a class get it). */
export const isDefaultIngressClass = (ingressClass: Untrusted<V1IngressClass>): boolean => annotationOf(ingressClass, DEFAULT_INGRESS_CLASS_ANNOTATION) === 'true';
