import { INGRESS_ISSUER_ANNOTATIONS, type TIngressBackend, type TIngressRequest } from '@portico/contracts';
import { formatPairs, list, opt, pairsProblem, parsePairs, withoutUndefined } from './service-values';

/**
 * What the Ingress form holds as text, and the `ingress` change request it makes. Empty inputs
 * are left out; a port that is not a number is sent as a port name, so the contract (the
 * apiserver's rules) names the field.
 */
export interface PathRow {
  path: string;
  pathType: string;
  service: string;
  port: string;
}
export interface RuleRow {
  host: string;
  paths: PathRow[];
}
export interface TlsRow {
  /** Comma or space separated. */
  hosts: string;
  secretName: string;
}

export type TlsMode = 'none' | 'issuer' | 'secret';

export interface IngressValues {
  name: string;
  ingressClassName: string;
  /** `key=value` pairs, comma or newline separated (the issuer annotations are the issuer picker's). */
  annotations: string;
  rules: RuleRow[];
  defaultService: string;
  defaultPort: string;
  tlsMode: TlsMode;
  /** `Issuer/name` or `ClusterIssuer/name`. */
  issuer: string;
  tls: TlsRow[];
}

export const emptyPath = (): PathRow => ({ path: '/', pathType: 'Prefix', service: '', port: '' });
export const emptyRule = (): RuleRow => ({ host: '', paths: [emptyPath()] });
export const emptyTls = (): TlsRow => ({ hosts: '', secretName: '' });
export const emptyIngressValues = (): IngressValues => ({
  name: '',
  ingressClassName: '',
  annotations: '',
  rules: [emptyRule()],
  defaultService: '',
  defaultPort: '',
  tlsMode: 'none',
  issuer: '',
  tls: [],
});

const port = (s: string): number | string => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : s.trim());

function backendOf(service: string, p: string): TIngressBackend {
  return { service: service.trim(), port: port(p) };
}

export function ingressRequestOf(v: IngressValues, namespace: string): TIngressRequest {
  const [issuerKind, issuerName] = v.issuer.split('/');
  const withDefault = opt(v.defaultService) !== undefined || opt(v.defaultPort) !== undefined;
  return withoutUndefined({
    type: 'ingress',
    namespace,
    name: v.name.trim(),
    ingressClassName: opt(v.ingressClassName),
    annotations: parsePairs(v.annotations),
    rules: v.rules.map((r) => ({ host: opt(r.host), paths: r.paths.map((p) => ({ path: opt(p.path), pathType: p.pathType, backend: backendOf(p.service, p.port) })) })),
    defaultBackend: withDefault ? backendOf(v.defaultService, v.defaultPort) : undefined,
    tls: v.tlsMode === 'none' ? undefined : v.tls.map((t) => ({ hosts: list(t.hosts), secretName: opt(t.secretName) })),
    issuer: v.tlsMode === 'issuer' && issuerName ? { kind: issuerKind, name: issuerName } : undefined,
  } as TIngressRequest);
}

/** Own-form checks the contract cannot make on text. */
export function ingressTextProblems(v: IngressValues): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { 'change.annotations': pairsProblem(v.annotations) };
  if (v.tlsMode === 'issuer' && !v.issuer) out['change.issuer'] = 'pick the Issuer or ClusterIssuer that signs the certificate';
  return out;
}

/** The inputs, named as the contract's fields, so errors and preview warnings land on them. */
export function ingressFieldNames(v: IngressValues): string[] {
  const rules = v.rules.flatMap((r, i) => [
    `change.rules.${i}`,
    `change.rules.${i}.host`,
    `change.rules.${i}.paths`,
    ...r.paths.flatMap((_, j) => ['path', 'pathType', 'backend', 'backend.service', 'backend.port'].map((f) => `change.rules.${i}.paths.${j}.${f}`)),
  ]);
  const tls = v.tls.flatMap((_, i) => [`change.tls.${i}.hosts`, `change.tls.${i}.secretName`]);
  return [
    'change.name',
    'change.namespace',
    'change.ingressClassName',
    'change.annotations',
    'change.rules',
    'change.defaultBackend.service',
    'change.defaultBackend.port',
    'change.tls',
    'change.issuer',
    ...rules,
    ...tls,
  ];
}

type Backend = { service?: { name?: string; port?: { number?: number; name?: string } } };
const portText = (b: Backend | undefined) => String(b?.service?.port?.number ?? b?.service?.port?.name ?? '');

/** An Ingress (its synced YAML) as the form's values: the issuer annotation becomes the issuer choice. */
export function ingressValuesOf(ing: { metadata?: { name?: string; annotations?: Record<string, string> }; spec?: Record<string, unknown> }): IngressValues {
  const spec = (ing.spec ?? {}) as {
    ingressClassName?: string;
    defaultBackend?: Backend;
    rules?: { host?: string; http?: { paths?: { path?: string; pathType?: string; backend?: Backend }[] } }[];
    tls?: { hosts?: string[]; secretName?: string }[];
  };
  const annotations = { ...(ing.metadata?.annotations ?? {}) };
  const clusterIssuer = annotations[INGRESS_ISSUER_ANNOTATIONS.ClusterIssuer];
  const issuer = annotations[INGRESS_ISSUER_ANNOTATIONS.Issuer];
  delete annotations[INGRESS_ISSUER_ANNOTATIONS.ClusterIssuer];
  delete annotations[INGRESS_ISSUER_ANNOTATIONS.Issuer];
  // The apiserver's own bookkeeping annotation is not the author's.
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  const tls = (spec.tls ?? []).map((t) => ({ hosts: (t.hosts ?? []).join(', '), secretName: t.secretName ?? '' }));
  return {
    name: ing.metadata?.name ?? '',
    ingressClassName: spec.ingressClassName ?? '',
    annotations: formatPairs(annotations),
    rules: (spec.rules ?? []).map((r) => ({
      host: r.host ?? '',
      paths: (r.http?.paths ?? []).map((p) => ({ path: p.path ?? '', pathType: p.pathType ?? 'Prefix', service: p.backend?.service?.name ?? '', port: portText(p.backend) })),
    })),
    defaultService: spec.defaultBackend?.service?.name ?? '',
    defaultPort: portText(spec.defaultBackend),
    tlsMode: clusterIssuer || issuer ? 'issuer' : tls.length ? 'secret' : 'none',
    issuer: clusterIssuer ? `ClusterIssuer/${clusterIssuer}` : issuer ? `Issuer/${issuer}` : '',
    tls,
  };
}
