import Link from 'next/link';
import type { TInventoryObject, TWorkloadSummary } from '@portico/contracts';
import { Badge } from '@/modules/ui/components/badge';
import { Section } from '@/modules/ui/components/section';
import { Table, Td, Th } from '@/modules/ui/components/table';
import { formatPort } from '../lib/describe';
import { Dash, Mono, objectHref } from './cells';
import { LabelList } from './label-list';

export const isWorkload = (i: TInventoryObject['item']): i is TWorkloadSummary => 'replicas' in i && 'containers' in i;

/** A Deployment, StatefulSet or DaemonSet: its pods, what they listen on, and the Services that reach them. */
export function WorkloadSummaryView({ workload: w }: { workload: TWorkloadSummary }) {
  const ports = w.containers.flatMap((c) => c.ports.map((p) => ({ container: c.name, ...p })));
  const allReady = w.replicas.ready >= w.replicas.desired;
  return (
    <>
      <Section id="summary" title={w.kind}>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-zinc-500">Replicas</dt>
          <dd className={allReady ? 'text-zinc-800 tabular-nums' : 'font-medium text-red-700 tabular-nums'} data-testid="replicas">
            {w.replicas.ready} ready of {w.replicas.desired}
          </dd>
          <dt className="text-zinc-500">Selector</dt>
          <dd className="min-w-0 space-y-1">
            <LabelList labels={w.selector.matchLabels} empty={<span className="text-muted">no matchLabels</span>} />
            {w.selector.matchExpressions.length > 0 && (
              <ul className="space-y-0.5 font-mono text-[12.5px] text-zinc-700">
                {w.selector.matchExpressions.map((e, i) => (
                  <li key={`${e.key}-${i}`}>
                    {e.key} {e.operator} {e.values.length ? `(${e.values.join(', ')})` : ''}
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt className="text-zinc-500">Pod labels</dt>
          <dd className="min-w-0">
            <LabelList labels={w.podLabels} empty={<span className="text-muted">none: no Service can select these pods</span>} />
          </dd>
          <dt className="text-zinc-500">Images</dt>
          <dd className="min-w-0">{w.containers.length ? <Mono>{w.containers.map((c) => c.image ?? '?').join(', ')}</Mono> : <Dash />}</dd>
        </dl>
      </Section>
      <Section id="container-ports" title="Container ports" description="What the pods listen on: a Service's targetPort names one of these by number or name.">
        {ports.length === 0 ? (
          <p className="text-sm text-zinc-500">No container declares a port (a Service can still target one by number).</p>
        ) : (
          <Table label="Container ports">
            <thead>
              <tr>
                <Th>Container</Th>
                <Th>Name</Th>
                <Th>Port</Th>
                <Th>Protocol</Th>
              </tr>
            </thead>
            <tbody>
              {ports.map((p, i) => (
                <tr key={`${p.container}-${p.containerPort}-${p.protocol}-${i}`}>
                  <Td>{p.container ?? <Dash />}</Td>
                  <Td className="font-mono">{p.name ?? <Dash />}</Td>
                  <Td className="font-mono tabular-nums">{p.containerPort}</Td>
                  <Td>{p.protocol}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>
      <Section id="services" title="Services" description="Services of this namespace whose selector matches the pod labels.">
        {w.services.length === 0 ? (
          <p className="text-sm text-zinc-500">No Service selects these pods: nothing in the cluster sends them traffic by name.</p>
        ) : (
          <Table label="Services selecting this workload">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Type</Th>
                <Th>Ports</Th>
              </tr>
            </thead>
            <tbody>
              {w.services.map((s) => (
                <tr key={s.id}>
                  <Td>
                    <Link href={objectHref(s.id)} className="font-medium text-accent-700 hover:underline">
                      {s.name}
                    </Link>
                  </Td>
                  <Td>
                    <Badge>{s.type}</Badge>
                  </Td>
                  <Td className="font-mono text-[12.5px]">{s.ports.length ? s.ports.map((p) => formatPort(p)).join(', ') : <Dash />}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>
    </>
  );
}
