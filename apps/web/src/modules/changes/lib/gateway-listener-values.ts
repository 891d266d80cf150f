import type { TGatewayListenersRequest } from '@portico/contracts';
import { formatPairs, pairsProblem, parsePairs, withoutUndefined } from './service-values';

/**
 * What the Gateway listener form holds as text, and the `gatewayListeners` change it makes:
 * HTTP/HTTPS listeners with hostname, TLS from a Secret (or the Secret cert-manager writes, via
 * the Gateway's issuer annotation) and which namespaces' routes they take.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#listener
 */
export interface ListenerRow {
  name: string;
  protocol: 'HTTP' | 'HTTPS';
  port: string;
  hostname: string;
  /** HTTPS: the Secret's name (`namespace/name` for another namespace). */
  secret: string;
  from: 'Same' | 'All' | 'Selector';
  /** `key=value` pairs (from: Selector). */
  selector: string;
}
export interface GatewayListenerValues {
  name: string;
  gatewayClassName: string;
  listeners: ListenerRow[];
  /** `Issuer/name` or `ClusterIssuer/name`; empty: TLS from existing Secrets only. */
  issuer: string;
}

export const emptyListener = (): ListenerRow => ({ name: '', protocol: 'HTTP', port: '80', hostname: '', secret: '', from: 'Same', selector: '' });

const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
const num = (s: string): number => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : (s.trim() as unknown as number));

export function gatewayListenersRequestOf(v: GatewayListenerValues, namespace: string): TGatewayListenersRequest {
  const [kind, issuer] = v.issuer.split('/');
  return withoutUndefined({
    type: 'gatewayListeners',
    namespace,
    name: v.name.trim(),
    gatewayClassName: opt(v.gatewayClassName),
    listeners: v.listeners.map((l) => {
      const [a, b] = l.secret.trim().split('/');
      return withoutUndefined({
        name: l.name.trim(),
        protocol: l.protocol,
        port: num(l.port),
        hostname: opt(l.hostname),
        certificateRefs: l.protocol === 'HTTPS' && l.secret.trim() ? [withoutUndefined({ name: b ?? a, namespace: b !== undefined ? a : undefined })] : undefined,
        allowedRoutes: { from: l.from, selector: l.from === 'Selector' ? parsePairs(l.selector) : undefined },
      });
    }),
    certManager: issuer ? { kind, issuer } : undefined,
  } as TGatewayListenersRequest);
}

export function gatewayListenerTextProblems(v: GatewayListenerValues): Record<string, string | undefined> {
  return Object.fromEntries(v.listeners.map((l, i) => [`change.listeners.${i}.allowedRoutes.selector`, l.from === 'Selector' ? pairsProblem(l.selector) : undefined]));
}

export function gatewayListenerFieldNames(v: GatewayListenerValues): string[] {
  const names = ['change.namespace', 'change.name', 'change.gatewayClassName', 'change.listeners', 'change.certManager'];
  v.listeners.forEach((_, i) =>
    names.push(...['name', 'protocol', 'port', 'hostname', 'certificateRefs', 'allowedRoutes.from', 'allowedRoutes.selector', ''].map((f) => `change.listeners.${i}${f ? `.${f}` : ''}`)),
  );
  return names;
}

type Dict = Record<string, unknown>;
const dict = (v: unknown): Dict => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Dict) : {});
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** An existing Gateway as the form's values (its HTTP/HTTPS listeners; null when it has others, which the YAML editor keeps). */
export function gatewayListenerValuesOf(gw: { metadata?: { name?: string; namespace?: string; annotations?: Record<string, string> }; spec?: unknown }): GatewayListenerValues | null {
  const spec = dict(gw.spec);
  const listeners = Array.isArray(spec.listeners) ? spec.listeners.map(dict) : [];
  if (listeners.some((l) => l.protocol !== 'HTTP' && l.protocol !== 'HTTPS')) return null;
  const ann = gw.metadata?.annotations ?? {};
  const issuer = ann['cert-manager.io/issuer'] ? `Issuer/${ann['cert-manager.io/issuer']}` : ann['cert-manager.io/cluster-issuer'] ? `ClusterIssuer/${ann['cert-manager.io/cluster-issuer']}` : '';
  return {
    name: gw.metadata?.name ?? '',
    gatewayClassName: str(spec.gatewayClassName),
    issuer,
    listeners: listeners.map((l) => {
      const ref = dict((dict(l.tls).certificateRefs as unknown[] | undefined)?.[0]);
      const ns = dict(dict(l.allowedRoutes).namespaces);
      return {
        name: str(l.name),
        protocol: l.protocol as 'HTTP' | 'HTTPS',
        port: str(l.port),
        hostname: str(l.hostname),
        secret: ref.name ? (ref.namespace && ref.namespace !== gw.metadata?.namespace ? `${str(ref.namespace)}/${str(ref.name)}` : str(ref.name)) : '',
        from: (str(ns.from) || 'Same') as ListenerRow['from'],
        selector: formatPairs(dict(dict(ns.selector).matchLabels) as Record<string, string>),
      };
    }),
  };
}
