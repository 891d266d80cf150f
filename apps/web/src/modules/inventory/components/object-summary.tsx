import Link from 'next/link';
import type { ReactNode } from 'react';
import type { TTlsSecretSummary, TGenericSummary, TIngressSummary, TInventoryItem, TServiceSummary } from '@portico/contracts';
import { CopyButton } from '@/modules/ui/components/copy-button';
import { Section } from '@/modules/ui/components/section';
import { Table, Td, Th } from '@/modules/ui/components/table';
import { formatDateTime } from '@/modules/ui/lib/format';
import { endpointsHealthy, endpointsProblem, grantFromLines, grantToLines } from '../lib/describe';
import { IngressClassOfCluster } from './ingress-class-of-cluster';
import { Dash, ExpiryCell, ListCell, Mono, PathWarning, ServiceTypeBadge, objectHref } from './cells';
import { IngressTlsDetail } from './ingress-tls-detail';
import { LabelList } from './label-list';

export const isService = (i: TInventoryItem): i is TServiceSummary => i.kind === 'Service' && 'ports' in i;
export const isIngress = (i: TInventoryItem): i is TIngressSummary => i.kind === 'Ingress' && 'rules' in i;
export const isCertificate = (i: TInventoryItem): i is TTlsSecretSummary => 'daysLeft' in i;
export const isGeneric = (i: TInventoryItem): i is TGenericSummary => 'details' in i;

function Facts({ rows }: { rows: Array<[string, React.ReactNode]> }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-zinc-500">{k}</dt>
          <dd className="min-w-0 text-zinc-800">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Selector({ selector }: { selector: Record<string, string> | null }) {
  return <LabelList labels={selector ?? {}} empty={<span className="text-muted">none (endpoints are managed by hand)</span>} />;
}

export function ServiceSummaryView({ service: s }: { service: TServiceSummary }) {
  const problem = endpointsProblem(s);
  return (
    <Section id="summary" title="Service">
      <div className="space-y-5">
        <Facts
          rows={[
            ['Type', <ServiceTypeBadge key="t" service={s} />],
            ['Cluster IP', s.clusterIP ? <Mono>{s.clusterIP}</Mono> : <Dash />],
            [
              'DNS name',
              <span key="dns" className="inline-flex items-center gap-1" data-testid="dns-name">
                <Mono>{s.dnsName}</Mono>
                <CopyButton value={s.dnsName} label={`Copy ${s.dnsName}`} />
              </span>,
            ],
            ['External', s.external.length ? <ListCell values={s.external} /> : <Dash />],
            ['Selector', <Selector key="sel" selector={s.selector} />],
            [
              'Endpoints',
              s.type === 'ExternalName' ? (
                <Dash />
              ) : (
                <span key="ep" className={endpointsHealthy(s) ? 'tabular-nums' : 'font-medium text-red-700 tabular-nums'}>
                  {s.endpoints.ready} ready of {s.endpoints.total}
                  {problem && <span className="ml-2 font-normal">— {problem}</span>}
                </span>
              ),
            ],
          ]}
        />
        <SummaryTable title="Ports" columns={['Name', 'Port', 'Target port', 'Protocol', 'Node port']} empty={s.ports.length === 0 ? 'No ports.' : null}>
          {s.ports.map((p, i) => (
            <tr key={`${p.port}-${p.protocol}-${i}`}>
              <Td>{p.name ?? <Dash />}</Td>
              <Td className="font-mono tabular-nums">{p.port}</Td>
              <Td className="font-mono">{p.targetPort ?? <Dash />}</Td>
              <Td>{p.protocol}</Td>
              <Td className="font-mono tabular-nums">{p.nodePort ?? <Dash />}</Td>
            </tr>
          ))}
        </SummaryTable>
      </div>
    </Section>
  );
}

export function IngressSummaryView({ ingress: i }: { ingress: TIngressSummary }) {
  const rows = i.rules.flatMap((r) => r.paths.map((p) => ({ host: r.host, ...p })));
  return (
    <Section id="summary" title="Ingress">
      <div className="space-y-5">
        <Facts
          rows={[
            ['Class', <IngressClassOfCluster key="c" className={i.className} clusterId={i.cluster.id} />],
            ['Hosts', <ListCell key="h" values={i.hosts} />],
            ['Address', <ListCell key="a" values={i.address} />],
            ['TLS', <IngressTlsDetail key="tls" ingress={i} />],
          ]}
        />
        <SummaryTable title="Rules" columns={['Host', 'Path', 'Path type', 'Backend']} empty={rows.length === 0 ? 'No rules: everything goes to the default backend.' : null}>
          {rows.map((p, n) => (
            <tr key={`${p.host}-${p.path}-${n}`}>
              <Td className="font-mono text-[13px]">{p.host ?? '*'}</Td>
              <Td className="font-mono text-[13px]">{p.path}</Td>
              <Td>{p.pathType}</Td>
              <Td>
                {p.service ? (
                  p.serviceId ? (
                    <Link href={objectHref(p.serviceId)} className="font-mono text-[13px] text-accent-700 hover:underline">
                      {p.service}:{p.port}
                    </Link>
                  ) : (
                    <span className="font-mono text-[13px]">
                      {p.service}:{p.port}
                    </span>
                  )
                ) : (
                  <Dash />
                )}
                {p.warning && <PathWarning warning={p.warning} />}
              </Td>
            </tr>
          ))}
        </SummaryTable>
      </div>
    </Section>
  );
}

export function CertificateSummaryView({ cert: c }: { cert: TTlsSecretSummary }) {
  return (
    <Section id="summary" title="Certificate">
      <Facts
        rows={[
          ['Subject', c.subject ?? <Dash />],
          ['DNS names', <ListCell key="d" values={c.dnsNames} />],
          ['Issuer', c.issuer ?? <Dash />],
          ['Not before', formatDateTime(c.notBefore)],
          ['Not after', formatDateTime(c.notAfter)],
          ['Days left', <ExpiryCell key="e" cert={c} />],
          ['Managed by', c.managedBy ? <Mono>{c.managedBy}</Mono> : <span className="text-zinc-500">not cert-manager</span>],
        ]}
      />
    </Section>
  );
}

/** Kinds without a dedicated view: hosts and the API's `details`, as they come. */
export function GenericSummaryView({ item }: { item: TGenericSummary }) {
  if (item.kind === 'ReferenceGrant')
    return (
      <Section id="summary" title="ReferenceGrant">
        <Facts
          rows={[
            ['From (kind/namespace)', <ListCell key="f" values={grantFromLines(item.details)} />],
            [`To (kind/name, in ${item.namespace})`, <ListCell key="t" values={grantToLines(item.details)} />],
          ]}
        />
      </Section>
    );
  // An HTTPRoute's parentStatus has its own section, in words (objects/[id]/page.tsx).
  const entries = Object.entries(item.details).filter(([k]) => k !== 'parentStatus');
  if (item.hosts.length === 0 && entries.length === 0) return null;
  return (
    <Section id="summary" title={item.kind}>
      <Facts
        rows={[
          ...(item.hosts.length ? ([['Hosts', <ListCell key="h" values={item.hosts} />]] as Array<[string, React.ReactNode]>) : []),
          ...entries.map(([k, v]): [string, React.ReactNode] => [
            k,
            typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? (
              <Mono>{String(v)}</Mono>
            ) : v === null ? (
              <Dash />
            ) : (
              <pre className="overflow-x-auto rounded bg-zinc-50 p-2 font-mono text-xs text-zinc-700">{JSON.stringify(v, null, 2)}</pre>
            ),
          ]),
        ]}
      />
    </Section>
  );
}

/** A titled table inside a summary, or the line that says why it has no rows. */
function SummaryTable({ title, columns, empty, children }: { title: string; columns: string[]; empty: string | null; children: ReactNode }) {
  return (
    <div>
      <h3 className="mb-2 text-sm font-semibold text-zinc-900">{title}</h3>
      {empty ? (
        <p className="text-sm text-zinc-500">{empty}</p>
      ) : (
        <Table label={title}>
          <thead>
            <tr>
              {columns.map((c) => (
                <Th key={c}>{c}</Th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </Table>
      )}
    </div>
  );
}
