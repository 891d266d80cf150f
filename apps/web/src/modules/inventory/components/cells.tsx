import Link from 'next/link';
import { Fragment } from 'react';
import type { TTlsSecretSummary, TCluster, TIngressSummary, TInventoryItem, TServiceSummary } from '@portico/contracts';
import { Badge } from '@/modules/ui/components/badge';
import { CopyButton } from '@/modules/ui/components/copy-button';
import { Icon } from '@/modules/ui/components/icons';
import { formatDate, formatDateTime } from '@/modules/ui/lib/format';
import { endpointsHealthy, endpointsProblem, expiryLabel, expiryTone, formatPort, ingressClassOf, serviceTypeLabel } from '../lib/describe';

export const objectHref = (id: string) => `/objects/${id}`;

export function NameCell({ item }: { item: Pick<TInventoryItem, 'id' | 'name'> }) {
  return (
    <Link href={objectHref(item.id)} className="font-medium break-words text-zinc-900 hover:text-accent-700 hover:underline">
      {item.name}
    </Link>
  );
}

export function ClusterCell({ item }: { item: Pick<TInventoryItem, 'cluster'> }) {
  return (
    <Link href={`/clusters/${item.cluster.id}`} className="break-words text-zinc-700 hover:underline">
      {item.cluster.name}
    </Link>
  );
}

export function Mono({ children }: { children: React.ReactNode }) {
  return <span className="font-mono text-[12.5px] text-zinc-700">{children}</span>;
}

export function Dash() {
  return <span className="text-muted">—</span>;
}

export function ServiceTypeBadge({ service }: { service: Pick<TServiceSummary, 'type' | 'headless'> }) {
  const label = serviceTypeLabel(service);
  const tone = label === 'LoadBalancer' ? 'accent' : label === 'NodePort' ? 'warning' : label === 'Headless' || label === 'ExternalName' ? 'neutral' : 'neutral';
  return <Badge tone={tone}>{label}</Badge>;
}

export function PortsCell({ ports }: { ports: TServiceSummary['ports'] }) {
  if (ports.length === 0) return <Dash />;
  return (
    <ul className="space-y-0.5 font-mono text-[12.5px] whitespace-nowrap text-zinc-700">
      {ports.map((p, i) => (
        <li key={`${p.port}-${p.protocol}-${i}`}>
          {formatPort(p)}
          {p.nodePort !== null && <span className="text-amber-800"> :{p.nodePort}</span>}
          {p.name && <span className="text-muted"> {p.name}</span>}
        </li>
      ))}
    </ul>
  );
}

export function EndpointsCell({ service }: { service: TServiceSummary }) {
  if (service.type === 'ExternalName') return <Dash />;
  const problem = endpointsProblem(service);
  const ok = endpointsHealthy(service);
  return (
    <span className={ok ? 'text-zinc-700 tabular-nums' : 'font-medium text-red-700 tabular-nums'} title={problem ?? undefined}>
      {service.endpoints.ready}/{service.endpoints.total}
      {problem && <span className="sr-only"> — {problem}</span>}
      {problem && (
        <span aria-hidden="true" className="block text-xs font-normal whitespace-nowrap">
          {service.selectorMatchesPods === false ? 'no Pods match' : service.endpoints.total === 0 ? 'no endpoints' : 'none ready'}
        </span>
      )}
    </span>
  );
}

export function DnsNameCell({ name }: { name: string }) {
  return (
    <span className="inline-flex items-start gap-0.5">
      <span className="font-mono text-xs text-zinc-600">
        {/* Break only after dots (`kube-dns.kube-system.` / `svc.cluster.local`), never at a "-" inside a label. */}
        {name.split('.').map((part, i, all) => (
          <Fragment key={i}>
            <span className="whitespace-nowrap">
              {part}
              {i < all.length - 1 && '.'}
            </span>
            {i < all.length - 1 && <wbr />}
          </Fragment>
        ))}
      </span>
      <CopyButton value={name} label={`Copy ${name}`} className="-mt-0.5" />
    </span>
  );
}

/**
 * The IngressClass an Ingress gets, named the same way everywhere: its own, or the cluster's
 * default marked "(cluster default)", or a plain "none" when the cluster has no default.
 */
export function IngressClassCell({ className, classes }: { className: string | null; classes: TCluster['facts']['ingressClasses'] }) {
  const { name, note } = ingressClassOf(className, classes);
  return (
    <span className="inline-flex flex-wrap items-center gap-1" data-testid="ingress-class">
      {name && <Badge>{name}</Badge>}
      {note && <span className="text-xs text-muted">{note}</span>}
    </span>
  );
}

export function ListCell({ values, mono = true }: { values: string[]; mono?: boolean }) {
  if (values.length === 0) return <Dash />;
  return (
    // One name per line in a table; a phone's card breaks a name longer than the screen instead of scrolling sideways.
    <ul className={mono ? 'space-y-0.5 font-mono text-[12.5px] whitespace-nowrap text-zinc-700 max-sm:wrap-anywhere max-sm:whitespace-normal' : 'space-y-0.5 text-zinc-700'}>
      {values.map((v) => (
        <li key={v}>{v}</li>
      ))}
    </ul>
  );
}

export function PathWarning({ warning }: { warning: string }) {
  return (
    <span className="mt-0.5 flex items-start gap-1 text-xs font-medium text-amber-800">
      <Icon name="warning" className="mt-px size-3.5 shrink-0" />
      <span>{warning}</span>
    </span>
  );
}

/** `host/path → service:port`, one line per path, with the API's warning under it. */
export function IngressPathsCell({ ingress }: { ingress: TIngressSummary }) {
  const rows = ingress.rules.flatMap((r) => r.paths.map((p) => ({ host: r.host, ...p })));
  if (rows.length === 0) return <Dash />;
  return (
    <ul className="space-y-1.5">
      {rows.map((p, i) => (
        <li key={`${p.host}-${p.path}-${i}`} className="text-[12.5px]">
          <span className="font-mono text-zinc-500">
            {ingress.hosts.length > 1 ? (p.host ?? '*') : ''}
            {p.path}
          </span>{' '}
          <span aria-hidden="true" className="text-muted">
            →
          </span>
          <span className="sr-only">to</span>{' '}
          {p.service ? (
            p.serviceId ? (
              <Link href={objectHref(p.serviceId)} className="font-mono text-accent-700 hover:underline">
                {p.service}:{p.port}
              </Link>
            ) : (
              <span className="font-mono text-zinc-700">
                {p.service}:{p.port}
              </span>
            )
          ) : (
            <span className="text-muted">no backend</span>
          )}
          {p.warning && <PathWarning warning={p.warning} />}
        </li>
      ))}
    </ul>
  );
}

export function IngressTlsCell({ ingress }: { ingress: TIngressSummary }) {
  if (ingress.tls.length === 0) return <span className="text-xs text-muted">no TLS</span>;
  return (
    <div className="space-y-1 text-[12.5px]">
      {ingress.tls.map((t, i) => (
        <p key={`${t.secretName}-${i}`} className="flex items-center gap-1">
          <Icon name="lock" className="size-3.5 shrink-0 text-emerald-600" />
          <span className="font-mono break-words text-zinc-700">{t.secretName ?? '(default certificate)'}</span>
        </p>
      ))}
      {ingress.issuer && <p className="text-xs text-zinc-500">issuer {ingress.issuer}</p>}
    </div>
  );
}

export function ExpiryCell({ cert }: { cert: TTlsSecretSummary }) {
  return <Badge tone={expiryTone(cert.daysLeft)}>{expiryLabel(cert)}</Badge>;
}

export function DateCell({ iso }: { iso: string | null }) {
  return (
    <time dateTime={iso ?? undefined} title={formatDateTime(iso)} className="whitespace-nowrap tabular-nums">
      {formatDate(iso)}
    </time>
  );
}
