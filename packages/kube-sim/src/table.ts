/**
 * `meta.k8s.io/v1` Table responses, which `kubectl get` asks for (`Accept: …;as=Table`).
 * Columns follow the apiserver's printers.
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#receiving-resources-as-tables
 * @see https://github.com/kubernetes/kubernetes/blob/v1.31.0/pkg/printers/internalversion/printers.go
 */
import { dig, type KubeObject } from './types.js';

type Cell = string | number;
interface Column {
  name: string;
  type?: 'string' | 'integer';
  format?: string;
  priority?: number;
  cell: (o: KubeObject, nowMs: number) => Cell;
}

const str = (v: unknown, dflt = '<none>'): string => (v === undefined || v === null || v === '' ? dflt : String(v));
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** kubectl's `duration.HumanDuration`, close enough. */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < -1) return '<invalid>';
  if (s < 0) return '0s';
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (h < 192) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (d < 365 * 2) return `${d}d`;
  const y = Math.floor(d / 365);
  if (d < 365 * 8) return d % 365 === 0 ? `${y}y` : `${y}y${d % 365}d`;
  return `${y}y`;
}

const NAME: Column = { name: 'Name', format: 'name', cell: (o) => o.metadata.name ?? '' };
const AGE: Column = {
  name: 'Age',
  cell: (o, now) => (o.metadata.creationTimestamp ? humanDuration(now - Date.parse(o.metadata.creationTimestamp)) : '<unknown>'),
};
const lbIngress = (o: KubeObject) => arr(dig(o, 'status', 'loadBalancer', 'ingress')).map((i) => String(dig(i, 'ip') ?? dig(i, 'hostname') ?? ''));
const condition = (o: KubeObject, type: string) =>
  str(
    dig(
      arr(dig(o, 'status', 'conditions')).find((c) => dig(c, 'type') === type),
      'status',
    ),
    'Unknown',
  );
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

function serviceExternalIp(o: KubeObject): string {
  const type = dig(o, 'spec', 'type');
  const external = arr(dig(o, 'spec', 'externalIPs')).map(String);
  if (type === 'ExternalName') return str(dig(o, 'spec', 'externalName'));
  if (type === 'LoadBalancer') {
    const ips = [...lbIngress(o), ...external];
    return ips.length ? ips.join(',') : '<pending>';
  }
  return external.length ? external.join(',') : '<none>';
}

function servicePorts(o: KubeObject): string {
  const ports = arr(dig(o, 'spec', 'ports')).map((p) => {
    const np = dig(p, 'nodePort');
    return `${dig(p, 'port')}${np ? `:${np}` : ''}/${dig(p, 'protocol') ?? 'TCP'}`;
  });
  return ports.length ? ports.join(',') : '<none>';
}

const selectorText = (sel: unknown) =>
  sel && typeof sel === 'object'
    ? Object.entries(sel as Record<string, string>)
        .map(([k, v]) => `${k}=${v}`)
        .join(',') || '<none>'
    : '<none>';

const COLUMNS: Record<string, Column[]> = {
  Service: [
    NAME,
    { name: 'Type', cell: (o) => str(dig(o, 'spec', 'type'), 'ClusterIP') },
    { name: 'Cluster-IP', cell: (o) => str(dig(o, 'spec', 'clusterIP')) },
    { name: 'External-IP', cell: serviceExternalIp },
    { name: 'Port(s)', cell: servicePorts },
    AGE,
    { name: 'Selector', priority: 1, cell: (o) => selectorText(dig(o, 'spec', 'selector')) },
  ],
  Pod: [
    NAME,
    {
      name: 'Ready',
      cell: (o) => {
        const cs = arr(dig(o, 'status', 'containerStatuses'));
        return `${cs.filter((c) => dig(c, 'ready') === true).length}/${arr(dig(o, 'spec', 'containers')).length}`;
      },
    },
    { name: 'Status', cell: (o) => str(dig(o, 'status', 'phase'), 'Pending') },
    { name: 'Restarts', type: 'string', cell: () => '0' },
    AGE,
    { name: 'IP', priority: 1, cell: (o) => str(dig(o, 'status', 'podIP')) },
    { name: 'Node', priority: 1, cell: (o) => str(dig(o, 'spec', 'nodeName')) },
  ],
  Deployment: [
    NAME,
    { name: 'Ready', cell: (o) => `${num(dig(o, 'status', 'readyReplicas'))}/${num(dig(o, 'spec', 'replicas'))}` },
    { name: 'Up-to-date', type: 'integer', cell: (o) => num(dig(o, 'status', 'updatedReplicas')) },
    { name: 'Available', type: 'integer', cell: (o) => num(dig(o, 'status', 'availableReplicas')) },
    AGE,
  ],
  ReplicaSet: [
    NAME,
    { name: 'Desired', type: 'integer', cell: (o) => num(dig(o, 'spec', 'replicas')) },
    { name: 'Current', type: 'integer', cell: (o) => num(dig(o, 'status', 'replicas')) },
    { name: 'Ready', type: 'integer', cell: (o) => num(dig(o, 'status', 'readyReplicas')) },
    AGE,
  ],
  StatefulSet: [NAME, { name: 'Ready', cell: (o) => `${num(dig(o, 'status', 'readyReplicas'))}/${num(dig(o, 'spec', 'replicas'))}` }, AGE],
  DaemonSet: [
    NAME,
    { name: 'Desired', type: 'integer', cell: (o) => num(dig(o, 'status', 'desiredNumberScheduled')) },
    { name: 'Current', type: 'integer', cell: (o) => num(dig(o, 'status', 'currentNumberScheduled')) },
    { name: 'Ready', type: 'integer', cell: (o) => num(dig(o, 'status', 'numberReady')) },
    AGE,
  ],
  Ingress: [
    NAME,
    { name: 'Class', cell: (o) => str(dig(o, 'spec', 'ingressClassName')) },
    {
      name: 'Hosts',
      cell: (o) =>
        arr(dig(o, 'spec', 'rules'))
          .map((r) => str(dig(r, 'host'), '*'))
          .join(',') || '*',
    },
    { name: 'Address', cell: (o) => lbIngress(o).join(',') },
    { name: 'Ports', cell: (o) => (arr(dig(o, 'spec', 'tls')).length ? '80, 443' : '80') },
    AGE,
  ],
  IngressClass: [NAME, { name: 'Controller', cell: (o) => str(dig(o, 'spec', 'controller')) }, { name: 'Parameters', cell: () => '<none>' }, AGE],
  NetworkPolicy: [NAME, { name: 'Pod-Selector', cell: (o) => selectorText(dig(o, 'spec', 'podSelector', 'matchLabels')) }, AGE],
  Namespace: [NAME, { name: 'Status', cell: (o) => str(dig(o, 'status', 'phase'), 'Active') }, AGE],
  Node: [
    NAME,
    { name: 'Status', cell: (o) => (condition(o, 'Ready') === 'True' ? 'Ready' : 'NotReady') },
    { name: 'Roles', cell: () => '<none>' },
    AGE,
    { name: 'Version', cell: (o) => str(dig(o, 'status', 'nodeInfo', 'kubeletVersion')) },
  ],
  Secret: [NAME, { name: 'Type', cell: (o) => str(o.type, 'Opaque') }, { name: 'Data', type: 'integer', cell: (o) => Object.keys((o.data as object | undefined) ?? {}).length }, AGE],
  ConfigMap: [NAME, { name: 'Data', type: 'integer', cell: (o) => Object.keys((o.data as object | undefined) ?? {}).length }, AGE],
  Endpoints: [
    NAME,
    {
      name: 'Endpoints',
      cell: (o) => {
        const eps = arr(o.subsets).flatMap((s) => {
          const ports = arr(dig(s, 'ports')).map((p) => dig(p, 'port'));
          return arr(dig(s, 'addresses')).flatMap((a) => (ports.length ? ports : ['']).map((p) => `${dig(a, 'ip')}${p === '' ? '' : `:${p}`}`));
        });
        return eps.length ? (eps.length > 3 ? `${eps.slice(0, 3).join(',')} + ${eps.length - 3} more...` : eps.join(',')) : '<none>';
      },
    },
    AGE,
  ],
  EndpointSlice: [
    NAME,
    { name: 'AddressType', cell: (o) => str(o.addressType) },
    {
      name: 'Ports',
      cell: (o) =>
        arr(o.ports)
          .map((p) => dig(p, 'port'))
          .join(',') || '<unset>',
    },
    {
      name: 'Endpoints',
      cell: (o) =>
        arr(o.endpoints)
          .flatMap((e) => arr(dig(e, 'addresses')))
          .join(',') || '<unset>',
    },
    AGE,
  ],
  Certificate: [NAME, { name: 'Ready', cell: (o) => condition(o, 'Ready') }, { name: 'Secret', cell: (o) => str(dig(o, 'spec', 'secretName')) }, AGE],
  CertificateRequest: [NAME, { name: 'Approved', cell: (o) => condition(o, 'Approved') }, { name: 'Ready', cell: (o) => condition(o, 'Ready') }, AGE],
  Issuer: [NAME, { name: 'Ready', cell: (o) => condition(o, 'Ready') }, AGE],
  ClusterIssuer: [NAME, { name: 'Ready', cell: (o) => condition(o, 'Ready') }, AGE],
  GatewayClass: [NAME, { name: 'Controller', cell: (o) => str(dig(o, 'spec', 'controllerName')) }, { name: 'Accepted', cell: (o) => condition(o, 'Accepted') }, AGE],
  Gateway: [
    NAME,
    { name: 'Class', cell: (o) => str(dig(o, 'spec', 'gatewayClassName')) },
    {
      name: 'Address',
      cell: (o) =>
        arr(dig(o, 'status', 'addresses'))
          .map((a) => dig(a, 'value'))
          .join(','),
    },
    { name: 'Programmed', cell: (o) => condition(o, 'Programmed') },
    AGE,
  ],
  HTTPRoute: [NAME, { name: 'Hostnames', cell: (o) => JSON.stringify(arr(dig(o, 'spec', 'hostnames'))) }, AGE],
  CustomResourceDefinition: [NAME, { name: 'Created At', cell: (o) => o.metadata.creationTimestamp ?? '' }],
};

/** Builds the Table for a list (or a single object, or one watch event). */
export function toTable(kind: string, objects: KubeObject[], nowMs: number, listMeta: { resourceVersion?: string; continue?: string }, includeObject: string | null, withHeaders = true) {
  const cols = COLUMNS[kind] ?? [NAME, AGE];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: withHeaders ? cols.map((c) => ({ name: c.name, type: c.type ?? 'string', format: c.format ?? '', description: c.name, priority: c.priority ?? 0 })) : [],
    rows: objects.map((o) => ({
      cells: cols.map((c) => c.cell(o, nowMs)),
      object: includeObject === 'None' ? undefined : includeObject === 'Object' ? o : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}
