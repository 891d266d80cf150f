import type { TTlsSecretSummary, TGenericSummary, TIngressSummary, TInventoryItem, TServiceSummary } from '@portico/contracts';
import { Badge } from '@/modules/ui/components/badge';
import { ageOf, grantFromLines, grantToLines } from '../lib/describe';
import type { Column } from './inventory-list';
import {
  ClusterCell,
  Dash,
  DateCell,
  DnsNameCell,
  EndpointsCell,
  ExpiryCell,
  IngressClassCell,
  IngressPathsCell,
  IngressTlsCell,
  ListCell,
  Mono,
  NameCell,
  PortsCell,
  ServiceTypeBadge,
} from './cells';

/** Name, namespace and cluster open every list; age closes it. */
function common<T extends TInventoryItem>(withNamespace = true): { head: Column<T>[]; tail: Column<T>[] } {
  const head: Column<T>[] = [{ key: 'name', header: 'Name', sort: 'name', cell: (i) => <NameCell item={i} /> }];
  if (withNamespace) head.push({ key: 'namespace', header: 'Namespace', sort: 'namespace', cell: (i) => <span className="whitespace-nowrap">{i.namespace}</span> });
  head.push({ key: 'cluster', header: 'Cluster', sort: 'cluster', cell: (i) => <ClusterCell item={i} /> });
  const tail: Column<T>[] = [
    {
      key: 'age',
      header: 'Age',
      sort: 'age',
      cell: (i, { now }) => (
        <span className="whitespace-nowrap text-zinc-500 tabular-nums" title={i.createdAt ?? undefined}>
          {ageOf(i.createdAt, now)}
        </span>
      ),
    },
  ];
  return { head, tail };
}

export function serviceColumns(): Column<TServiceSummary>[] {
  const { head, tail } = common<TServiceSummary>();
  return [
    ...head,
    {
      key: 'type',
      header: 'Type / IP',
      cell: (s) => (
        <div className="space-y-1 whitespace-nowrap">
          <ServiceTypeBadge service={s} />
          <div>{s.clusterIP && s.clusterIP !== 'None' ? <Mono>{s.clusterIP}</Mono> : <span className="text-xs text-muted">no cluster IP</span>}</div>
        </div>
      ),
    },
    { key: 'ports', header: 'Ports', cell: (s) => <PortsCell ports={s.ports} /> },
    { key: 'external', header: 'External', cell: (s) => <ListCell values={s.external} /> },
    { key: 'endpoints', header: 'Endpoints', cell: (s) => <EndpointsCell service={s} /> },
    { key: 'dns', header: 'DNS name', className: 'min-w-44', cell: (s) => <DnsNameCell name={s.dnsName} /> },
    ...tail,
  ];
}

export function ingressColumns(): Column<TIngressSummary>[] {
  const { head, tail } = common<TIngressSummary>();
  return [
    ...head,
    { key: 'class', header: 'Class', cell: (i, { clusters }) => <IngressClassCell className={i.className} classes={clusters.get(i.cluster.id)?.facts.ingressClasses} /> },
    { key: 'hosts', header: 'Hosts', cell: (i) => <ListCell values={i.hosts} /> },
    { key: 'paths', header: 'Paths → backends', className: 'min-w-52', cell: (i) => <IngressPathsCell ingress={i} /> },
    { key: 'tls', header: 'TLS', cell: (i) => <IngressTlsCell ingress={i} /> },
    ...tail,
  ];
}

export function tlsSecretColumns(): Column<TTlsSecretSummary>[] {
  const { head, tail } = common<TTlsSecretSummary>();
  return [
    ...head,
    {
      key: 'subject',
      header: 'Subject / DNS names',
      cell: (c) => (
        <div className="space-y-0.5">
          {c.subject && <p className="text-[12.5px] break-words text-zinc-800">{c.subject}</p>}
          <ListCell values={c.dnsNames} />
        </div>
      ),
    },
    { key: 'issuer', header: 'Issuer', cell: (c) => (c.issuer ? <span className="text-[12.5px] break-words">{c.issuer}</span> : <Dash />) },
    { key: 'notAfter', header: 'Not after', cell: (c) => <DateCell iso={c.notAfter} /> },
    { key: 'daysLeft', header: 'Days left', cell: (c) => <ExpiryCell cert={c} /> },
    { key: 'managedBy', header: 'Managed by', cell: (c) => (c.managedBy ? <Mono>{c.managedBy}</Mono> : <span className="text-xs text-muted">not cert-manager</span>) },
    ...tail,
  ];
}

type Detail = Record<string, unknown>;
const arr = (v: unknown): Detail[] => (Array.isArray(v) ? (v as Detail[]) : []);
// eslint-disable-next-line @typescript-eslint/no-base-to-string -- detail cells hold JSON scalars; String() is their display form.
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

export function gatewayClassColumns(): Column<TGenericSummary>[] {
  const { head, tail } = common<TGenericSummary>(false);
  return [...head, { key: 'controller', header: 'Controller', cell: (g) => (g.details.controllerName ? <Mono>{str(g.details.controllerName)}</Mono> : <Dash />) }, ...tail];
}

export function gatewayColumns(): Column<TGenericSummary>[] {
  const { head, tail } = common<TGenericSummary>();
  return [
    ...head,
    { key: 'class', header: 'Class', cell: (g) => (g.details.gatewayClassName ? <Badge>{str(g.details.gatewayClassName)}</Badge> : <Dash />) },
    {
      key: 'listeners',
      header: 'Listeners',
      cell: (g) => <ListCell values={arr(g.details.listeners).map((l) => `${str(l.name)} ${str(l.protocol)}/${str(l.port)}${l.hostname ? ` ${str(l.hostname)}` : ''}`)} />,
    },
    ...tail,
  ];
}

export function httpRouteColumns(): Column<TGenericSummary>[] {
  const { head, tail } = common<TGenericSummary>();
  return [
    ...head,
    { key: 'hosts', header: 'Hostnames', cell: (r) => <ListCell values={r.hosts} /> },
    {
      key: 'parents',
      header: 'Parents',
      cell: (r) => <ListCell values={arr(r.details.parentRefs).map((p) => `${p.namespace ? `${str(p.namespace)}/` : ''}${str(p.name)}${p.sectionName ? `:${str(p.sectionName)}` : ''}`)} />,
    },
    {
      key: 'backends',
      header: 'Backends',
      cell: (r) => (
        <ListCell
          values={arr(r.details.backends).map(
            (b) => `${str(b.name)}${b.port !== null && b.port !== undefined ? `:${str(b.port)}` : ''}${Number(b.weight ?? 1) !== 1 ? ` (weight ${str(b.weight)})` : ''}`,
          )}
        />
      ),
    },
    ...tail,
  ];
}

export function referenceGrantColumns(): Column<TGenericSummary>[] {
  const { head, tail } = common<TGenericSummary>();
  return [
    ...head,
    { key: 'from', header: 'From (kind/namespace)', cell: (g) => <ListCell values={grantFromLines(g.details)} /> },
    { key: 'to', header: 'To (kind/name)', cell: (g) => <ListCell values={grantToLines(g.details)} /> },
    ...tail,
  ];
}
