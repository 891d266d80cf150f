/**
 * The Ingress editor's preview warnings (issue 10), from Portico's synced copy of the cluster:
 * what the apiserver accepts but traffic will not do as meant. Pure: the API loads the facts
 * (`apps/api/src/changes/ingress-facts.ts`), this decides.
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class
 * @see https://cert-manager.io/docs/usage/ingress/
 */
import type { TChangeWarning, TIngressRequest } from '@portico/contracts';
import { storedCertificateFacts } from '../kinds/certificate.js';
import { type Dict, dictOf, listOf, loadBalancerAddresses, specOf, stringOr } from '../kinds/common.js';
import { ingressClassController, ingressClassOf, ingressRules, ingressTls, isDefaultIngressClass } from '../kinds/ingress.js';
import { httpRouteHostnames } from '../kinds/httproute.js';
import { servicePorts } from '../kinds/service.js';
import { containerImages } from '../kinds/workload.js';
import { issuerWarning } from './issuer-warning.js';

export interface SyncedObject {
  kind: string;
  namespace: string;
  name: string;
  body: Dict;
}

export interface IngressFacts {
  /** Other Ingresses and HTTPRoutes of the cluster serving one of the request's hosts (the indexed `hosts` column). */
  sameHosts: SyncedObject[];
  /** The Services of the Ingress's namespace. */
  services: SyncedObject[];
  ingressClasses: SyncedObject[];
  /** Ingresses of the cluster naming the chosen class: a published address is a controller's work. */
  classIngresses: SyncedObject[];
  /** Deployments and DaemonSets of the cluster: a known controller's image says it runs. */
  workloads: SyncedObject[];
  /** The TLS Secrets the request names, as synced (with `body.certificate` facts). */
  tlsSecrets: SyncedObject[];
  /** The chosen Issuer or ClusterIssuer, when synced. */
  issuer: SyncedObject | null;
  now: Date;
}

const warning = (code: TChangeWarning['code'], message: string, field: string | null = null): TChangeWarning => ({ code, message, field });

/** Image repositories of the controllers behind well-known IngressClass `spec.controller` values. */
const CONTROLLER_IMAGES: Record<string, string[]> = {
  'k8s.io/ingress-nginx': ['ingress-nginx/controller'],
  'nginx.org/ingress-controller': ['nginx/nginx-ingress', 'nginx-ic/nginx-plus-ingress'],
  'traefik.io/ingress-controller': ['traefik'],
  'haproxy.org/ingress-controller': ['haproxytech/kubernetes-ingress'],
  'projectcontour.io/ingress-controller': ['projectcontour/contour'],
  'ingress-controllers.konghq.com/kong': ['kong/kubernetes-ingress-controller'],
};

const backendText = (b: { service: string; port: number | string }) => `${b.service}:${String(b.port)}`;

/** `*.example.com` covers one label under example.com, as TLS wildcards do (RFC 6125 §6.4.3). */
export function sanCovers(san: string, host: string): boolean {
  if (san === host) return true;
  if (!san.startsWith('*.')) return false;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot + 1) === san.slice(2) && !host.startsWith('*');
}

/** Paths a route serves for a host: each rule's path matches (PathPrefix `/` when it has none). */
function httpRoutePaths(route: Dict): string[] {
  return listOf(specOf(route).rules).flatMap((rule) => {
    const matches = listOf(dictOf(rule).matches);
    if (!matches.length) return ['/'];
    return matches.map((m) => stringOr(dictOf(dictOf(m).path).value, '/'));
  });
}

export function ingressWarnings(request: TIngressRequest, facts: IngressFacts): TChangeWarning[] {
  return [...routeConflicts(request, facts), ...tlsConflicts(request, facts), ...backendWarnings(request, facts), ...classWarnings(request, facts), ...certificateWarnings(request, facts)];
}

/** The same host + path already served by another Ingress or an HTTPRoute. */
function routeConflicts(request: TIngressRequest, facts: IngressFacts): TChangeWarning[] {
  const out: TChangeWarning[] = [];
  const others = facts.sameHosts.filter((o) => !(o.kind === 'Ingress' && o.namespace === request.namespace && o.name === request.name));
  request.rules.forEach((rule, i) => {
    const host = rule.host;
    if (!host) return;
    rule.paths.forEach((p, j) => {
      const path = p.path ?? '/';
      for (const o of others) {
        if (o.kind === 'Ingress') {
          const hit = ingressRules(o.body)
            .filter((r) => r.host === rule.host)
            .flatMap((r) => r.paths)
            .find((q) => (q.path ?? '/') === path);
          if (hit) {
            const to = hit.backend.service ? ` (to ${hit.backend.service}:${String(hit.backend.port ?? '?')})` : '';
            out.push(
              warning(
                'host_path_taken',
                `${rule.host}${path} is already served by Ingress ${o.namespace}/${o.name}${to}; which one wins depends on the controller`,
                `change.rules.${i}.paths.${j}.path`,
              ),
            );
          }
        } else if (o.kind === 'HTTPRoute' && httpRouteHostnames(o.body).includes(host) && httpRoutePaths(o.body).includes(path)) {
          out.push(warning('host_path_taken', `${rule.host}${path} is already served by HTTPRoute ${o.namespace}/${o.name} (Gateway API)`, `change.rules.${i}.paths.${j}.path`));
        }
      }
    });
  });
  return out;
}

/** A host whose TLS would be served from two different Secrets (in this Ingress, or here and in another). */
function tlsConflicts(request: TIngressRequest, facts: IngressFacts): TChangeWarning[] {
  const out: TChangeWarning[] = [];
  const seen = new Map<string, string>();
  (request.tls ?? []).forEach((t, i) => {
    if (!t.secretName) return;
    const mine = `${request.namespace}/${t.secretName}`;
    (t.hosts ?? []).forEach((host, j) => {
      const earlier = seen.get(host);
      if (earlier && earlier !== mine) out.push(warning('tls_secret_conflict', `${host} gets TLS from two Secrets in this Ingress: ${earlier} and ${mine}`, `change.tls.${i}.hosts.${j}`));
      seen.set(host, mine);
      for (const o of facts.sameHosts) {
        if (o.kind !== 'Ingress' || (o.namespace === request.namespace && o.name === request.name)) continue;
        const other = ingressTls(o.body).find((x) => x.hosts.includes(host) && x.secretName && `${o.namespace}/${x.secretName}` !== mine);
        if (other)
          out.push(
            warning(
              'tls_secret_conflict',
              `${host} already gets TLS from Secret ${o.namespace}/${other.secretName ?? ''} (Ingress ${o.namespace}/${o.name}); this Ingress uses ${mine}: clients may see either certificate`,
              `change.tls.${i}.hosts.${j}`,
            ),
          );
      }
    });
  });
  return out;
}

/** Backend Services (and their ports) that do not exist in the namespace. */
function backendWarnings(request: TIngressRequest, facts: IngressFacts): TChangeWarning[] {
  const out: TChangeWarning[] = [];
  const check = (b: { service: string; port: number | string }, field: string) => {
    const svc = facts.services.find((s) => s.name === b.service);
    if (!svc) {
      out.push(warning('backend_missing', `no Service ${b.service} in namespace ${request.namespace}: requests to ${backendText(b)} will fail (503)`, `${field}.service`));
      return;
    }
    const ports = servicePorts(svc.body);
    const found = typeof b.port === 'number' ? ports.some((p) => p.port === b.port) : ports.some((p) => p.name === b.port);
    if (!found) {
      const list = ports.map((p) => (p.name ? `${p.port} (${p.name})` : String(p.port))).join(', ') || 'none';
      out.push(warning('backend_missing', `Service ${b.service} has no port ${String(b.port)} (its ports: ${list})`, `${field}.port`));
    }
  };
  request.rules.forEach((r, i) => r.paths.forEach((p, j) => check(p.backend, `change.rules.${i}.paths.${j}.backend`)));
  if (request.defaultBackend) check(request.defaultBackend, 'change.defaultBackend');
  return out;
}

/** A class no controller serves, a class that does not exist, or no class and no default. */
function classWarnings(request: TIngressRequest, facts: IngressFacts): TChangeWarning[] {
  const name = ingressClassOf({ spec: { ingressClassName: request.ingressClassName }, metadata: { annotations: request.annotations ?? {} } });
  if (!name) {
    if (facts.ingressClasses.some((c) => isDefaultIngressClass(c.body))) return [];
    return [
      warning(
        'no_default_ingress_class',
        'no IngressClass is chosen and none is marked default (ingressclass.kubernetes.io/is-default-class): no controller may pick this Ingress up',
        'change.ingressClassName',
      ),
    ];
  }
  const cls = facts.ingressClasses.find((c) => c.name === name);
  if (!cls) return [warning('ingress_class_unserved', `there is no IngressClass ${name} in the cluster: no controller will serve this Ingress`, 'change.ingressClassName')];
  const controller = ingressClassController(cls.body) ?? '';
  const addressed = facts.classIngresses.some((o) => ingressClassOf(o.body) === name && loadBalancerAddresses(o.body).length > 0);
  const fragments = CONTROLLER_IMAGES[controller] ?? [];
  const running = facts.workloads.some((w) => containerImages(w.body).some((image) => fragments.some((f) => image.includes(f))));
  if (addressed || running) return [];
  return [
    warning(
      'ingress_class_unserved',
      `no controller seems to serve IngressClass ${name} (${controller || 'no controller named'}): no Ingress of this class has an address and no ${controller || 'controller'} workload was found`,
      'change.ingressClassName',
    ),
  ];
}

/** An issuer that is not Ready; a chosen Secret missing, or whose certificate does not cover the hosts. */
function certificateWarnings(request: TIngressRequest, facts: IngressFacts): TChangeWarning[] {
  const out: TChangeWarning[] = [];
  if (request.issuer) {
    const issued = issuerWarning({ ...request.issuer, namespace: request.namespace }, facts.issuer?.body ?? null, 'change.issuer');
    if (issued) out.push(issued);
    return out;
  }
  (request.tls ?? []).forEach((t, i) => {
    if (!t.secretName) return;
    const secret = facts.tlsSecrets.find((s) => s.name === t.secretName);
    if (!secret) {
      out.push(warning('tls_secret_mismatch', `no TLS Secret ${t.secretName} in namespace ${request.namespace}: the controller will serve its default certificate`, `change.tls.${i}.secretName`));
      return;
    }
    const cert = storedCertificateFacts(secret.body);
    const expiry = cert.notAfter ? `expires ${cert.notAfter.slice(0, 10)}` : 'expiry unknown';
    const sans = cert.dnsNames.length ? cert.dnsNames.join(', ') : 'none';
    const uncovered = (t.hosts ?? []).filter((h) => !cert.dnsNames.some((san) => sanCovers(san, h)));
    if (uncovered.length)
      out.push(warning('tls_secret_mismatch', `Secret ${t.secretName}'s certificate does not cover ${uncovered.join(', ')} (SANs: ${sans}; ${expiry})`, `change.tls.${i}.secretName`));
    else if (cert.notAfter && new Date(cert.notAfter) <= facts.now)
      out.push(warning('tls_secret_mismatch', `Secret ${t.secretName}'s certificate has expired (SANs: ${sans}; ${expiry})`, `change.tls.${i}.secretName`));
  });
  return out;
}
