import type { THostView } from '@portico/contracts';
import { type Dict, dictOf, gatewayListeners, httpRouteGateways, httpRouteHostnames, ingressHosts, ingressRules, ingressTls, listOf, sanCovers, stringOr } from '@portico/kube';

type Route = THostView['routes'][number];
type Row = { id: string; clusterId: string; clusterName: string; kind: string; namespace: string; name: string; body: Dict };
export type TlsRef = { namespace: string; name: string };

/** The names an object may list for `host`: the host itself and the one wildcard covering it (`*.example.com` for `shop.example.com`). */
export function namesServing(host: string): string[] {
  const dot = host.indexOf('.');
  return host.startsWith('*.') || dot < 0 ? [host] : [host, `*.${host.slice(dot + 1)}`];
}

/** What one synced object does for the host (from the kinds' readers), and the Secret its TLS for it comes from. */
export function routeFor(row: Row, names: string[]): { route: Omit<Route, 'tls'>; tls: TlsRef | null } | null {
  const base = { cluster: { id: row.clusterId, name: row.clusterName }, namespace: row.namespace, name: row.name, objectId: row.id };
  if (row.kind === 'Ingress') {
    const matchedBy = names.find((n) => ingressHosts(row.body).includes(n));
    if (!matchedBy) return null;
    const serves = ingressRules(row.body)
      .filter((r) => r.host === matchedBy)
      .flatMap((r) => r.paths.map((p) => `${p.path ?? '/'} (${p.pathType ?? 'no pathType'}) → ${p.backend.service ?? '?'}:${String(p.backend.port ?? '?')}`));
    const tls = ingressTls(row.body).find((t) => t.secretName && t.hosts.some((h) => names.includes(h)));
    return { route: { ...base, kind: 'Ingress', matchedBy, serves }, tls: tls?.secretName ? { namespace: row.namespace, name: tls.secretName } : null };
  }
  if (row.kind === 'Gateway') {
    const listeners = gatewayListeners(row.body).filter((l) => l.hostname && names.includes(l.hostname));
    if (!listeners.length) return null;
    // The first HTTPS listener's first Secret reference serves the host's TLS.
    const raw = listOf(dictOf(row.body.spec).listeners).map(dictOf);
    const ref = raw
      .filter((l) => names.includes(stringOr(l.hostname, '')))
      .flatMap((l) => listOf(dictOf(l.tls).certificateRefs).map(dictOf))
      .find((r) => stringOr(r.kind, 'Secret') === 'Secret' && stringOr(r.group, '') === '');
    const tls = ref ? { namespace: stringOr(ref.namespace, row.namespace), name: stringOr(ref.name, '') } : null;
    const serves = listeners.map((l) => `listener ${l.name ?? '?'} (${l.protocol ?? '?'} ${String(l.port ?? '?')})`);
    return { route: { ...base, kind: 'Gateway', matchedBy: listeners[0].hostname ?? names[0], serves }, tls };
  }
  if (row.kind === 'HTTPRoute') {
    const matchedBy = names.find((n) => httpRouteHostnames(row.body).includes(n));
    if (!matchedBy) return null;
    const serves = httpRouteGateways(row.body).map((g) => `through Gateway ${g.namespace}/${g.name}`);
    return { route: { ...base, kind: 'HTTPRoute', matchedBy, serves }, tls: null };
  }
  return null;
}

/** The certificate facts of the Secret a route's TLS names, and whether its SANs cover the host. */
export function tlsFor(ref: TlsRef | null, secret: { dnsNames: string[]; notAfter: string | null } | undefined, host: string): Route['tls'] {
  if (!ref) return null;
  const dnsNames = secret?.dnsNames ?? [];
  return { secretNamespace: ref.namespace, secretName: ref.name, found: !!secret, dnsNames, notAfter: secret?.notAfter ?? null, covers: dnsNames.some((san) => sanCovers(san, host)) };
}
