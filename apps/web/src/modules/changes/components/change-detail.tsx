'use client';

import Link from 'next/link';
import type { TChange } from '@portico/contracts';
import { Badge } from '@/modules/ui/components/badge';
import { Section } from '@/modules/ui/components/section';
import { formatDateTime } from '@/modules/ui/lib/format';
import { objectYaml, toYaml } from '../lib/editable-yaml';
import { unifiedDiff } from '../lib/line-diff';
import { useFollowedChange } from '../lib/use-followed-change';
import { ChangeActions, type ChangeViewer } from './change-actions';
import { ChangeCertificates } from './change-certificates';
import { ChangeOutcome } from './change-outcome';
import { ChangeStateBadge } from './change-state-badge';
import { DiffView, YamlView } from './code-views';

/** A change's page: its timeline, target, request, before → after, outcome and the actions open to this person. */
export function ChangeDetail({ initial, me }: { initial: TChange; me: ChangeViewer }) {
  const { change: c, setChange, moving } = useFollowedChange(initial);
  const target = `${c.target.kind} ${c.target.namespace ? `${c.target.namespace}/` : ''}${c.target.name}`;
  const before = objectYaml(c.before);
  const after = objectYaml(c.after);
  const timeline: [string, string | null, string?][] = [
    ['Submitted', c.createdAt, c.author.email ?? (c.author.tokenId ? 'with an API token' : undefined)],
    ['Decided', c.decision?.at ?? null, c.decision ? `${c.state === 'rejected' ? 'rejected' : 'approved'}${c.decision.reason ? `: ${c.decision.reason}` : ''}` : undefined],
    ['Started', c.startedAt, c.attempts > 1 ? `${c.attempts} attempts` : undefined],
    ['Finished', c.finishedAt, c.finishedAt ? c.state : undefined],
  ];
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <div className="min-w-0 space-y-6">
        <Section id="outcome" title="Outcome" actions={<ChangeStateBadge state={c.state} />}>
          <div className="space-y-3">
            {moving && <p className="text-xs text-zinc-500">Following the change…</p>}
            {c.state === 'awaiting_approval' && <p className="text-sm text-zinc-700">Waiting for an admin other than its author to approve or reject it.</p>}
            {c.state === 'cancelled' && <p className="text-sm text-zinc-700">Cancelled before it was applied: nothing changed in the cluster.</p>}
            {c.state === 'rejected' && <p className="text-sm text-zinc-700">Rejected: nothing changed in the cluster.</p>}
            <ChangeOutcome change={c} />
            <ChangeActions change={c} me={me} onChange={setChange} />
            {c.target.kind === 'Ingress' && c.state === 'applied' && <ChangeCertificates changeId={c.id} />}
          </div>
        </Section>
        <Section id="before-after" title="Before → after" description={c.before ? 'The object before the change and after it.' : 'The object did not exist before this change.'}>
          {before || after ? (
            <DiffView diff={unifiedDiff(before, after, ['before', 'after'])} label={`Before and after of ${target}`} />
          ) : (
            <p className="text-sm text-zinc-500">Known once it is applied.</p>
          )}
        </Section>
        <Section id="request" title="Request" description="What was asked, as sent to the API.">
          <YamlView yaml={toYaml(c.request)} label="The change request" />
        </Section>
      </div>
      <div className="min-w-0 space-y-6">
        <Section id="target" title="Target">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
            <dt className="text-zinc-500">Object</dt>
            <dd className="font-medium text-zinc-900">{target}</dd>
            <dt className="text-zinc-500">Cluster</dt>
            <dd>
              <Link href={`/clusters/${c.clusterId}`} className="hover:underline">
                {c.clusterName}
              </Link>
            </dd>
            <dt className="text-zinc-500">Operation</dt>
            <dd>
              <Badge>{c.type}</Badge> {c.operation}
            </dd>
            {c.reason && (
              <>
                <dt className="text-zinc-500">Reason</dt>
                <dd>{c.reason}</dd>
              </>
            )}
            <dt className="text-zinc-500">Precondition</dt>
            <dd className="text-zinc-700">
              {c.overwriteNewer
                ? 'none (apply over newer changes)'
                : c.baseResourceVersion
                  ? `resourceVersion ${c.baseResourceVersion}`
                  : c.baseResourceVersion === ''
                    ? 'the object does not exist yet'
                    : 'none'}
            </dd>
            {c.force && (
              <>
                <dt className="text-zinc-500">Force</dt>
                <dd className="font-medium text-amber-800">takes over fields of other managers</dd>
              </>
            )}
            {c.revertOfId && (
              <>
                <dt className="text-zinc-500">Reverts</dt>
                <dd>
                  <Link href={`/changes/${c.revertOfId}`} className="text-accent-700 hover:underline">
                    the change it undoes
                  </Link>
                </dd>
              </>
            )}
          </dl>
        </Section>
        <Section id="timeline" title="Timeline">
          <ol className="space-y-2 text-sm" data-testid="timeline">
            {timeline.map(([label, at, note]) => (
              <li key={label} className={at ? 'text-zinc-800' : 'text-muted'}>
                <span className="font-medium">{label}</span> <time className="tabular-nums">{at ? formatDateTime(at, { seconds: true }) : '—'}</time>
                {note && at && <span className="block text-xs text-zinc-500">{note}</span>}
              </li>
            ))}
          </ol>
        </Section>
      </div>
    </div>
  );
}
