/**
 * Ingress → Gateway API: one HTTPRoute per host (the way ingress-nginx merges every Ingress of a
 * host into one nginx server), the Gateway listeners those routes need, and a plain list of what
 * was not translated. Pure: the caller reads the Ingresses, their namespace's Services (to turn
 * named ports into the numbers a backendRef needs) and the target Gateway.
 * Anchor: kubernetes-sigs/ingress2gateway's ingress-nginx provider; this one also keeps the
 * per-host default backend and app-root, and `equivalence.ts` checks the result.
 * @see https://gateway-api.sigs.k8s.io/guides/migrating-from-ingress/
 */
import type { V1Ingress } from '@kubernetes/client-node';
import { ingressDefaultBackend, ingressRules, ingressTls, type IngressServiceBackend } from '../kinds/ingress.js';
import { dictOf, listOf, metadataOf, specOf, stringOr } from '../kinds/common.js';
import { MAX_RULES_PER_ROUTE, type GatewayObject, type HttpRouteObject, type ListenerSpec, type ParentRef, type RouteFilter, type RouteRule } from './gateway-types.js';
import { type NginxBehaviour, readNginxBehaviour, redirectsToHttps } from './nginx-annotations.js';
import { translatePath } from './paths.js';

export interface ServicePorts {
  name: string;
  ports: { name?: string; port: number }[];
}

export interface MigrationTarget {
  name: string;
  namespace: string;
  /** The live Gateway to extend; null to create one of `gatewayClassName`. */
  existing: GatewayObject | null;
  gatewayClassName: string;
}

export interface NotTranslated {
  ingress: string;
  field: string;
  reason: string;
}

export interface ConversionResult {
  gateway: GatewayObject;
  /** Listeners the migration adds to the Gateway (all of them for a new one). */
  addedListeners: ListenerSpec[];
  httpRoutes: HttpRouteObject[];
  notTranslated: NotTranslated[];
}

/** One path of one Ingress, with what it sends where. */
interface PathEntry {
  ingress: string;
  behaviour: NginxBehaviour;
  host: string;
  path: string;
  pathType: string;
  backend: { name: string; port: number } | null;
  field: string;
}

export const MIGRATED_FROM_ANNOTATION = 'portico.dev/migrated-from';

/** `*.bar.com` → `wildcard-bar-com`; '' (every host) → `any-host`. */
export const hostSlug = (host: string) => (host === '' ? 'any-host' : host.replace(/^\*\./, 'wildcard.').replace(/\./g, '-'));

/** ingress-nginx's order: oldest first, then by name. */
/** What the migration applies, Gateway first: the Gateway only when it is new or gains listeners or issuer annotations. */
export function objectsToApply(result: ConversionResult, target: MigrationTarget): (GatewayObject | HttpRouteObject)[] {
  const existing = target.existing;
  const annotationsChanged = JSON.stringify(existing?.metadata.annotations ?? {}) !== JSON.stringify(result.gateway.metadata.annotations ?? {});
  const gatewayChanges = !existing || result.addedListeners.length > 0 || annotationsChanged;
  return [...(gatewayChanges ? [result.gateway] : []), ...result.httpRoutes];
}

const createdAt = (i: V1Ingress) => (i.metadata?.creationTimestamp ? new Date(i.metadata.creationTimestamp).getTime() || 0 : 0);
export const byAge = (a: V1Ingress, b: V1Ingress) => createdAt(a) - createdAt(b) || nameOf(a).localeCompare(nameOf(b));
const nameOf = (i: V1Ingress) => stringOr(metadataOf(i).name, '');

export function convertIngresses(ingresses: V1Ingress[], services: ServicePorts[], target: MigrationTarget): ConversionResult {
  const sorted = [...ingresses].sort(byAge);
  const namespace = stringOr(metadataOf(sorted[0]).namespace, 'default');
  const notTranslated: NotTranslated[] = [];
  const behaviours = new Map(sorted.map((i) => [nameOf(i), readNginxBehaviour(i)]));
  for (const ing of sorted) for (const u of behaviours.get(nameOf(ing))!.untranslated) notTranslated.push({ ingress: nameOf(ing), field: `metadata.annotations["${u.annotation}"]`, reason: u.reason });

  const entries = pathEntries(sorted, behaviours, services, notTranslated);
  const tlsSecrets = tlsByHost(sorted, notTranslated);
  const listeners = new ListenerPlan(target, namespace);
  const routes: HttpRouteObject[] = [];
  for (const host of [...new Set(entries.map((e) => e.host))]) {
    const hostEntries = entries.filter((e) => e.host === host);
    const secret = tlsSecrets.get(host) ?? null;
    const http = listeners.http(host);
    const https = secret ? listeners.https(host, secret) : null;
    const httpRules = rulesFor(hostEntries, 'http', secret !== null, notTranslated);
    const httpsRules = https ? rulesFor(hostEntries, 'https', true, []) : [];
    const base = `${hostEntries[0].ingress}-${hostSlug(host)}`.slice(0, 230);
    const origin = [...new Set(hostEntries.map((e) => e.ingress))].join(',');
    if (https && JSON.stringify(httpRules) === JSON.stringify(httpsRules)) routes.push(...routesOf(base, namespace, host, [http, https], httpRules, origin, target));
    else {
      if (https) routes.push(...routesOf(base, namespace, host, [https], httpsRules, origin, target));
      routes.push(...routesOf(https ? `${base}-http` : base, namespace, host, [http], httpRules, origin, target));
    }
  }
  for (const [host] of tlsSecrets) {
    if (!entries.some((e) => e.host === host))
      notTranslated.push({ ingress: sorted.map(nameOf).join(','), field: 'spec.tls', reason: `TLS host ${host} has no rule: ingress-nginx serves it its default backend; no route is made for it` });
  }
  const certManager = Object.assign({}, ...sorted.map((i) => behaviours.get(nameOf(i))!.certManager)) as Record<string, string>;
  return { gateway: listeners.gateway(certManager), addedListeners: listeners.added, httpRoutes: routes, notTranslated };
}

function resolveBackend(b: IngressServiceBackend, services: ServicePorts[]): { name: string; port: number } | string {
  if (!b.service) return 'a resource backend (not a Service) has no HTTPRoute equivalent here';
  if (typeof b.port === 'number') return { name: b.service, port: b.port };
  const svc = services.find((s) => s.name === b.service);
  const port = svc?.ports.find((p) => p.name === b.port);
  // A backendRef needs the port number; a named port is looked up on the Service, as the apiserver's CRD rule demands a port.
  if (port) return { name: b.service, port: port.port };
  return svc ? `Service ${b.service} has no port named ${String(b.port)}` : `Service ${b.service} does not exist, so its port ${String(b.port)} cannot be turned into a number`;
}

function pathEntries(ingresses: V1Ingress[], behaviours: Map<string, NginxBehaviour>, services: ServicePorts[], notTranslated: NotTranslated[]): PathEntry[] {
  const entries: PathEntry[] = [];
  const serverOwner = new Map<string, string>();
  for (const ing of ingresses) {
    const name = nameOf(ing);
    const behaviour = behaviours.get(name)!;
    ingressRules(ing).forEach((rule, r) => {
      const host = rule.host ?? '';
      if (!serverOwner.has(host)) serverOwner.set(host, name);
      rule.paths.forEach((p, i) => {
        const field = `spec.rules[${r}].http.paths[${i}]`;
        const backend = resolveBackend(p.backend, services);
        if (typeof backend === 'string') notTranslated.push({ ingress: name, field: `${field}.backend`, reason: backend });
        entries.push({ ingress: name, behaviour, host, path: p.path ?? '/', pathType: p.pathType ?? 'ImplementationSpecific', backend: typeof backend === 'string' ? null : backend, field });
      });
    });
    const def = ingressDefaultBackend(ing);
    if (!def) continue;
    const backend = resolveBackend(def, services);
    if (typeof backend === 'string') {
      notTranslated.push({ ingress: name, field: 'spec.defaultBackend', reason: backend });
      continue;
    }
    // ingress-nginx sends a host's unmatched paths to the default backend of the Ingress that created the host's server, and unknown hosts to the first default backend.
    const hosts = [...new Set(ingressRules(ing).map((r) => r.host ?? '')), ''];
    for (const host of hosts) {
      const owned = host === '' || serverOwner.get(host) === name;
      if (!owned || entries.some((e) => e.host === host && e.path === '/' && e.pathType !== 'Exact')) continue;
      entries.push({ ingress: name, behaviour, host, path: '/', pathType: 'Prefix', backend, field: 'spec.defaultBackend' });
    }
  }
  return entries;
}

function tlsByHost(ingresses: V1Ingress[], notTranslated: NotTranslated[]): Map<string, string> {
  const byHost = new Map<string, string>();
  for (const ing of ingresses) {
    ingressTls(ing).forEach((t, i) => {
      if (!t.secretName || t.hosts.length === 0) {
        notTranslated.push({
          ingress: nameOf(ing),
          field: `spec.tls[${i}]`,
          reason: 'a TLS entry without hosts or without a secretName is ingress-nginx’s default certificate; a listener needs both',
        });
        return;
      }
      for (const host of t.hosts) {
        const earlier = byHost.get(host);
        if (earlier && earlier !== t.secretName)
          notTranslated.push({ ingress: nameOf(ing), field: `spec.tls[${i}]`, reason: `host ${host} already has TLS from Secret ${earlier}; one listener serves one certificate per host` });
        else byHost.set(host, t.secretName);
      }
    });
  }
  return byHost;
}

function redirectFilter(url: string, code: number): RouteFilter | string {
  if (![301, 302, 303, 307, 308].includes(code)) return `status ${code}: a RequestRedirect allows 301, 302, 303, 307 and 308`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${url} is not an absolute URL`;
  }
  if (parsed.search || parsed.hash) return `${url} has a query or fragment, which a RequestRedirect cannot set`;
  const scheme = parsed.protocol.replace(':', '');
  if (scheme !== 'http' && scheme !== 'https') return `${url}: a RequestRedirect goes to http or https only`;
  return {
    type: 'RequestRedirect',
    requestRedirect: {
      scheme,
      hostname: parsed.hostname,
      ...(parsed.port ? { port: Number(parsed.port) } : {}),
      path: { type: 'ReplaceFullPath', replaceFullPath: parsed.pathname },
      statusCode: code as 301 | 302 | 303 | 307 | 308,
    },
  };
}

/** The rules of one host for one scheme, in the Ingresses' order; plain HTTP to a TLS host becomes a redirect when ingress-nginx would redirect it. */
function rulesFor(entries: PathEntry[], scheme: 'http' | 'https', hostHasTls: boolean, notTranslated: NotTranslated[]): RouteRule[] {
  const rules: RouteRule[] = [];
  const appRoot = entries.find((e) => e.behaviour.appRoot)?.behaviour.appRoot;
  // app-root is a server-level `if ($uri = /)` in ingress-nginx: it answers before any location.
  if (appRoot)
    rules.push({
      matches: [{ path: { type: 'Exact', value: '/' } }],
      filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplaceFullPath', replaceFullPath: appRoot }, statusCode: 302 } }],
    });
  for (const e of entries) {
    const t = translatePath(e.path, e.pathType, e.behaviour);
    if (!t.match) {
      notTranslated.push({ ingress: e.ingress, field: `${e.field}.path`, reason: `${e.path}: ${t.reason}` });
      continue;
    }
    const matches = [{ path: t.match }];
    const fixed = e.behaviour.permanentRedirect ?? e.behaviour.temporalRedirect;
    if (fixed) {
      const filter = redirectFilter(fixed.url, fixed.code);
      const key = e.behaviour.permanentRedirect ? 'permanent-redirect' : 'temporal-redirect';
      if (typeof filter === 'string') notTranslated.push({ ingress: e.ingress, field: `metadata.annotations["nginx.ingress.kubernetes.io/${key}"]`, reason: filter });
      else {
        rules.push({ matches, filters: [filter] });
        continue;
      }
    }
    if (scheme === 'http' && redirectsToHttps(e.behaviour, hostHasTls)) {
      rules.push({ matches, filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 308 } }] });
      continue;
    }
    if (!e.backend) continue;
    rules.push({ matches, ...(t.rewrite ? { filters: [{ type: 'URLRewrite', urlRewrite: { path: t.rewrite } }] } : {}), backendRefs: [e.backend] });
  }
  return rules;
}

function routesOf(base: string, namespace: string, host: string, parents: ParentRef[], rules: RouteRule[], migratedFrom: string, target: MigrationTarget): HttpRouteObject[] {
  const chunks: RouteRule[][] = [];
  for (let i = 0; i < rules.length; i += MAX_RULES_PER_ROUTE) chunks.push(rules.slice(i, i + MAX_RULES_PER_ROUTE));
  return chunks.map((chunk, i) => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: i === 0 ? base : `${base}-${i + 1}`, namespace, annotations: { [MIGRATED_FROM_ANNOTATION]: migratedFrom } },
    spec: { parentRefs: parents.map((p) => ({ ...p, ...(target.namespace !== namespace ? { namespace: target.namespace } : {}) })), ...(host ? { hostnames: [host] } : {}), rules: chunk },
  }));
}

/** The target Gateway's listeners: reuses one that already serves a host on the right port and protocol, adds what is missing. */
class ListenerPlan {
  readonly added: ListenerSpec[] = [];
  private readonly listeners: ListenerSpec[];

  constructor(
    private readonly target: MigrationTarget,
    private readonly routeNamespace: string,
  ) {
    this.listeners = target.existing ? listOf(specOf(target.existing).listeners).map((l) => dictOf(l) as unknown as ListenerSpec) : [];
  }

  /** A new Gateway gets one HTTP listener for every host; an existing one only a listener for the host that none serves yet. */
  http(host: string): ParentRef {
    const perHost = host !== '' && this.target.existing !== null;
    return this.ref(this.find(80, 'HTTP', host) ?? this.add({ name: perHost ? `http-${hostSlug(host)}` : 'http', ...(perHost ? { hostname: host } : {}), port: 80, protocol: 'HTTP' }));
  }

  https(host: string, secretName: string): ParentRef {
    const certNamespace = this.target.namespace !== this.routeNamespace ? { namespace: this.routeNamespace } : {};
    const tls = { mode: 'Terminate' as const, certificateRefs: [{ kind: 'Secret' as const, name: secretName, ...certNamespace }] };
    return this.ref(this.find(443, 'HTTPS', host) ?? this.add({ name: `https-${hostSlug(host)}`, hostname: host, port: 443, protocol: 'HTTPS', tls }));
  }

  gateway(certManager: Record<string, string>): GatewayObject {
    const existing = this.target.existing;
    const annotations = { ...(existing?.metadata.annotations ?? {}), ...certManager };
    return {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: {
        name: this.target.name,
        namespace: this.target.namespace,
        ...(Object.keys(annotations).length ? { annotations } : {}),
        ...(existing?.metadata.labels ? { labels: existing.metadata.labels } : {}),
      },
      spec: { gatewayClassName: existing?.spec.gatewayClassName ?? this.target.gatewayClassName, listeners: this.listeners },
    };
  }

  /** The most specific listener on the port that accepts the host: its own hostname, a wildcard over it, or none (every host). */
  private find(port: number, protocol: 'HTTP' | 'HTTPS', host: string): ListenerSpec | undefined {
    return mostSpecific(this.listeners.filter((l) => l.port === port && l.protocol === protocol && hostnameCovers(l.hostname, host)));
  }

  private add(listener: ListenerSpec): ListenerSpec {
    let name = listener.name;
    for (let n = 2; this.listeners.some((l) => l.name === name); n++) name = `${listener.name}-${n}`;
    // Routes live in the Ingress's namespace; a listener elsewhere must let that namespace attach (the default is its own only).
    const allowed =
      this.target.namespace !== this.routeNamespace
        ? { allowedRoutes: { namespaces: { from: 'Selector' as const, selector: { matchLabels: { 'kubernetes.io/metadata.name': this.routeNamespace } } } } }
        : {};
    const made = { ...listener, name, ...allowed };
    this.listeners.push(made);
    this.added.push(made);
    return made;
  }

  private ref(l: ListenerSpec): ParentRef {
    return { name: this.target.name, sectionName: l.name };
  }
}

/** Listeners in the order Gateway API picks them for a request: exact hostname, then the longest wildcard, then none. */
export function mostSpecific(listeners: ListenerSpec[]): ListenerSpec | undefined {
  const rank = (l: ListenerSpec) => (!l.hostname ? 0 : l.hostname.startsWith('*.') ? 1 : 2);
  return [...listeners].sort((a, b) => rank(b) - rank(a) || (b.hostname?.length ?? 0) - (a.hostname?.length ?? 0))[0];
}

/**
 * Whether a listener hostname accepts a request host: none accepts all; `*.bar.com` accepts any
 * host ending in `.bar.com` (one label or more, as in Gateway API and nginx's `server_name`).
 * A rule without host ('') is served by a listener without hostname only.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#hostname
 */
export function hostnameCovers(listenerHost: string | undefined, host: string): boolean {
  if (!listenerHost) return true;
  if (host === '') return false;
  if (listenerHost === host) return true;
  if (listenerHost.startsWith('*.')) {
    const suffix = listenerHost.slice(1);
    return host.startsWith('*.') ? host.slice(1).endsWith(suffix) && host.length > listenerHost.length : host.endsWith(suffix);
  }
  return false;
}
