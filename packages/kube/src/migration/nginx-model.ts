/**
 * Where ingress-nginx sends a request, modelled from the Ingresses alone: the "before" side of
 * the equivalence table. One nginx server per host (exact host, then the longest wildcard, then
 * the catch-all `_`); in it `=` locations, then regex locations in ingress-nginx's order (path
 * descending) when the host is in regex mode, then the longest prefix; the root location goes to
 * the default backend of the Ingress that created the server, else 404.
 * @see https://kubernetes.github.io/ingress-nginx/user-guide/ingress-path-matching/
 * @see https://nginx.org/en/docs/http/ngx_http_core_module.html#location
 */
import type { V1Ingress } from '@kubernetes/client-node';
import { ingressDefaultBackend, ingressRules, ingressTls, type IngressServiceBackend } from '../kinds/ingress.js';
import { metadataOf } from '../kinds/common.js';
import type { ServicePorts } from './convert.js';
import { type NginxBehaviour, readNginxBehaviour, redirectsToHttps } from './nginx-annotations.js';
import { type Probe, formatBackend, formatRedirect, NOT_FOUND } from './probe.js';

interface Location {
  ingress: string;
  behaviour: NginxBehaviour;
  path: string;
  kind: 'exact' | 'prefix' | 'regex';
  backend: string | null;
  /** The root location made for the default backend: a rule's own `/` replaces it. */
  isDefault?: boolean;
}

interface Server {
  locations: Location[];
  tls: boolean;
  appRoot: string | null;
}

const backendName = (b: IngressServiceBackend | null, services: ServicePorts[]): string | null => {
  if (!b?.service) return null;
  const port = typeof b.port === 'number' ? b.port : (services.find((s) => s.name === b.service)?.ports.find((p) => p.name === b.port)?.port ?? b.port);
  return `${b.service}:${String(port)}`;
};

export class NginxModel {
  private readonly servers = new Map<string, Server>();

  constructor(ingresses: V1Ingress[], services: ServicePorts[]) {
    const behaviours = ingresses.map((i) => ({ ing: i, name: String(metadataOf(i).name), b: readNginxBehaviour(i) }));
    const tlsHosts = new Set(ingresses.flatMap((i) => ingressTls(i).flatMap((t) => (t.secretName ? t.hosts : []))));
    const regexHosts = new Set(behaviours.filter((x) => x.b.regex).flatMap((x) => ingressRules(x.ing).map((r) => r.host ?? '')));
    for (const { ing, name, b } of behaviours) {
      const def = backendName(ingressDefaultBackend(ing), services);
      for (const rule of ingressRules(ing)) {
        const host = rule.host ?? '';
        let server = this.servers.get(host);
        if (!server) {
          server = { locations: [], tls: tlsHosts.has(host), appRoot: b.appRoot };
          this.servers.set(host, server);
          if (def) server.locations.push({ ingress: name, behaviour: b, path: '/', kind: 'prefix', backend: def, isDefault: true });
        }
        for (const p of rule.paths) {
          const path = p.path ?? '/';
          const backend = backendName(p.backend, services);
          const add = (kind: Location['kind'], at: string) => {
            const same = server.locations.findIndex((l) => l.kind === kind && l.path === at);
            // The first Ingress's location wins, as in ingress-nginx, except over the default backend's root.
            if (same >= 0 && !server.locations[same].isDefault) return;
            if (same >= 0) server.locations.splice(same, 1);
            server.locations.push({ ingress: name, behaviour: b, path: at, kind, backend });
          };
          if (p.pathType === 'Exact') add('exact', path);
          else if (regexHosts.has(host)) add('regex', path);
          else if (p.pathType === 'Prefix' && !path.endsWith('/')) {
            add('exact', path);
            add('prefix', `${path}/`);
          } else add('prefix', path);
        }
      }
      if (def && !this.servers.has('')) this.servers.set('', { locations: [{ ingress: name, behaviour: b, path: '/', kind: 'prefix', backend: def, isDefault: true }], tls: false, appRoot: null });
    }
  }

  route(req: Probe): string {
    const server = this.server(req.host);
    if (!server) return NOT_FOUND;
    if (server.appRoot && req.path === '/') return formatRedirect(302, req.scheme, req.host, server.appRoot);
    const location = this.location(server, req.path);
    if (!location) return NOT_FOUND;
    const b = location.behaviour;
    const fixed = b.permanentRedirect ?? b.temporalRedirect;
    if (fixed) return `${fixed.code} → ${absolute(fixed.url)}`;
    if (req.scheme === 'http' && redirectsToHttps(b, server.tls)) return formatRedirect(308, 'https', req.host, req.path);
    if (!location.backend) return NOT_FOUND;
    return formatBackend(location.backend, b.rewriteTarget !== null ? rewrite(location.path, b.rewriteTarget, req.path) : req.path);
  }

  private server(host: string): Server | undefined {
    const exact = this.servers.get(host);
    if (exact) return exact;
    const wildcard = [...this.servers.keys()].filter((h) => h.startsWith('*.') && host.endsWith(h.slice(1))).sort((a, b) => b.length - a.length)[0];
    return wildcard ? this.servers.get(wildcard) : this.servers.get('');
  }

  private location(server: Server, path: string): Location | undefined {
    const exact = server.locations.find((l) => l.kind === 'exact' && l.path === path);
    if (exact) return exact;
    const regexes = server.locations.filter((l) => l.kind === 'regex').sort((a, b) => b.path.localeCompare(a.path));
    const regex = regexes.find((l) => safeRegex(l.path)?.test(path));
    if (regex) return regex;
    return server.locations.filter((l) => l.kind === 'prefix' && path.startsWith(l.path)).sort((a, b) => b.path.length - a.path.length)[0];
  }
}

const absolute = (url: string) => {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
};

/** ingress-nginx's locations in regex mode are case-insensitive and anchored at the start: `~* "^path"`. */
const safeRegex = (path: string, anchored = true) => {
  try {
    return new RegExp(anchored ? `^${path}` : path, 'i');
  } catch {
    return null;
  }
};

/** nginx's `rewrite "(?i)path" target break;`: the whole URI becomes the target, `$n` filled from the match. */
function rewrite(path: string, target: string, uri: string): string {
  const m = safeRegex(path, false)?.exec(uri);
  if (!m) return uri;
  return target.replace(/\$(\d)/g, (_, n: string) => m[Number(n)] ?? '');
}
