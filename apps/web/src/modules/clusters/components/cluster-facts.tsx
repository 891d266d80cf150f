import type { TCluster } from '@portico/contracts';
import { Badge } from '@/modules/ui/components/badge';

function YesNo({ value }: { value: boolean | undefined }) {
  if (value === undefined) return <span className="text-muted">—</span>;
  return value ? <Badge tone="success">yes</Badge> : <Badge>no</Badge>;
}

/** What the worker found out about a cluster: version, nodes, CNI, ingress classes, add-ons. */
export function ClusterFacts({ facts }: { facts: TCluster['facts'] }) {
  const classes = facts.ingressClasses ?? [];
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
      <dt className="text-zinc-500">Kubernetes</dt>
      <dd className="font-mono text-[13px] text-zinc-800">{facts.kubernetesVersion ?? '—'}</dd>
      <dt className="text-zinc-500">Nodes</dt>
      <dd className="text-zinc-800 tabular-nums">{facts.nodeCount ?? '—'}</dd>
      <dt className="text-zinc-500">CNI</dt>
      <dd className="text-zinc-800">{facts.cniPlugin ?? <span className="text-muted">not detected</span>}</dd>
      <dt className="text-zinc-500">Ingress classes</dt>
      <dd className="text-zinc-800">
        {classes.length === 0 ? (
          <span className="text-muted">none</span>
        ) : (
          <ul className="flex flex-wrap gap-1.5">
            {classes.map((c) => (
              <li key={c.name} title={c.controller}>
                <Badge tone={c.isDefault ? 'accent' : 'neutral'}>
                  {c.name}
                  {c.isDefault && <span className="ml-1 font-normal">(default)</span>}
                </Badge>
              </li>
            ))}
          </ul>
        )}
      </dd>
      <dt className="text-zinc-500">Gateway API</dt>
      <dd>
        <YesNo value={facts.gatewayApi} />
      </dd>
      <dt className="text-zinc-500">cert-manager</dt>
      <dd>
        <YesNo value={facts.certManager} />
      </dd>
    </dl>
  );
}
