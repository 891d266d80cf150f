import Link from 'next/link';
import type { TChange } from '@portico/contracts';
import { Alert } from '@/modules/ui/components/alert';

/** What an applied change got from the cluster, or why it failed, in plain words. */
export function ChangeOutcome({ change }: { change: TChange }) {
  const { result, error } = change;
  if (change.state === 'failed' && error) {
    return (
      <Alert tone="error" title={`Failed: ${error.reason}`}>
        <p>{error.message}</p>
        {error.fields.length > 0 && (
          <ul className="mt-1.5 list-inside list-disc">
            {error.fields.map((f) => (
              <li key={f.name}>
                <span className="font-mono text-xs">{f.name}</span>: {f.reason}
              </li>
            ))}
          </ul>
        )}
        {error.conflicts.length > 0 && (
          <p className="mt-1.5">Owned by another manager: {error.conflicts.map((c) => `${c.field} (${c.manager})`).join(', ')}. Preview again and tick “take over these fields” to apply anyway.</p>
        )}
      </Alert>
    );
  }
  if (change.state !== 'applied' || !result) return null;
  return (
    <div className="space-y-2 text-sm" data-testid="change-result">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1.5">
        {result.allocated.clusterIP && (
          <>
            <dt className="text-zinc-500">Cluster IP</dt>
            <dd className="font-mono text-[12.5px] text-zinc-800" data-testid="allocated-cluster-ip">
              {result.allocated.clusterIP}
            </dd>
          </>
        )}
        {result.allocated.nodePorts.length > 0 && (
          <>
            <dt className="text-zinc-500">Node ports</dt>
            <dd className="font-mono text-[12.5px] text-zinc-800" data-testid="allocated-node-ports">
              {result.allocated.nodePorts.map((p) => `${p.port}/${p.protocol} → ${p.nodePort}`).join(', ')}
            </dd>
          </>
        )}
        {result.resourceVersion && (
          <>
            <dt className="text-zinc-500">resourceVersion</dt>
            <dd className="font-mono text-[12.5px] text-zinc-800">{result.resourceVersion}</dd>
          </>
        )}
      </dl>
      {result.warnings.map((w) => (
        <Alert key={w} tone="warning">
          The apiserver warned: {w}
        </Alert>
      ))}
      {change.operation === 'apply' &&
        (result.objectId ? (
          <Link href={`/objects/${result.objectId}`} className="inline-block font-medium text-accent-700 hover:underline">
            Open {change.target.kind} {change.target.name} →
          </Link>
        ) : (
          <p className="text-zinc-500">The object’s page appears once the sync has stored it…</p>
        ))}
    </div>
  );
}
