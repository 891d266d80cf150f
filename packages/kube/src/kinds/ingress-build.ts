/**
 * The Ingress editor's builder (issue 10): a `networking.k8s.io/v1` Ingress from the editor's
 * request, and the apiserver's field paths mapped back to the request's. Pure: the request was
 * validated by `ZIngressRequest`; server-side apply (field manager `portico`) keeps the fields
 * other managers own, so an edit sends only what the form manages.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/
 * @see https://cert-manager.io/docs/usage/ingress/#supported-annotations
 */
import type { V1HTTPIngressPath, V1Ingress, V1IngressBackend, V1IngressRule, V1IngressTLS } from '@kubernetes/client-node';
import { INGRESS_ISSUER_ANNOTATIONS, type TIngressBackend, type TIngressRequest } from '@portico/contracts';

function backendOf(b: TIngressBackend): V1IngressBackend {
  return { service: { name: b.service, port: typeof b.port === 'number' ? { number: b.port } : { name: b.port } } };
}

function ruleOf(rule: TIngressRequest['rules'][number]): V1IngressRule {
  const paths: V1HTTPIngressPath[] = rule.paths.map((p) => ({ ...(p.path !== undefined && p.path !== '' ? { path: p.path } : {}), pathType: p.pathType, backend: backendOf(p.backend) }));
  return { ...(rule.host ? { host: rule.host } : {}), http: { paths } };
}

function tlsOf(t: NonNullable<TIngressRequest['tls']>[number]): V1IngressTLS {
  return { ...(t.hosts?.length ? { hosts: [...t.hosts] } : {}), ...(t.secretName ? { secretName: t.secretName } : {}) };
}

/** The Ingress the request describes; the issuer becomes cert-manager's annotation, beside the request's own annotations. */
export function ingressManifest(request: TIngressRequest): V1Ingress & { apiVersion: string; kind: string } {
  const annotations: Record<string, string> = { ...(request.annotations ?? {}) };
  if (request.issuer) annotations[INGRESS_ISSUER_ANNOTATIONS[request.issuer.kind]] = request.issuer.name;
  const metadata: V1Ingress['metadata'] = {
    name: request.name,
    namespace: request.namespace,
    ...(request.labels && Object.keys(request.labels).length ? { labels: { ...request.labels } } : {}),
    ...(Object.keys(annotations).length ? { annotations } : {}),
  };
  const spec: NonNullable<V1Ingress['spec']> = {};
  if (request.ingressClassName) spec.ingressClassName = request.ingressClassName;
  if (request.defaultBackend) spec.defaultBackend = backendOf(request.defaultBackend);
  if (request.tls?.length) spec.tls = request.tls.map(tlsOf);
  if (request.rules.length) spec.rules = request.rules.map(ruleOf);
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata, spec };
}

/**
 * The apiserver's field (`spec.rules[0].http.paths[1].backend.service.port.number`) as the
 * request names it (`change.rules.0.paths.1.backend.port`), so a refusal lands on the form's input.
 */
export function ingressFormField(apiField: string): string {
  const path = apiField
    .replace(/^\./, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.');
  if (path[0] === 'metadata') {
    if (path[1] === 'annotations') return 'change.annotations';
    return path[1] === 'name' || path[1] === 'namespace' || path[1] === 'labels' ? `change.${path[1]}` : 'change';
  }
  // The create-only class check names `annotations.kubernetes.io/ingress.class`, without `metadata`.
  if (path[0] === 'annotations') return 'change.annotations';
  if (path[0] !== 'spec') return 'change';
  if (path.length === 1) return 'change.rules';
  const out = ['change'];
  for (let i = 1; i < path.length; i++) {
    const part = path[i];
    if (part === 'http') continue;
    if (part === 'service' && path[i + 1] === 'name') {
      out.push('service');
      i++;
    } else if (part === 'service' && path[i + 1] === 'port') {
      out.push('port');
      i += 2;
    } else out.push(part);
  }
  return out.join('.');
}
