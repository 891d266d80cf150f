'use client';

import type { TMigrationPreview } from '@portico/contracts';
import { DiffView, YamlView } from '@/modules/changes/components/code-views';
import { Section } from '@/modules/ui/components/section';
import { cx } from '@/modules/ui/lib/cx';
import { EquivalenceTable } from './equivalence-table';

/** The preview of a migration: the listeners added, both sides, the equivalence table, what is not translated, each object's dry-run. */
export function MigrationPreview({ preview, stale }: { preview: TMigrationPreview; stale: boolean }) {
  const { gateway } = preview;
  return (
    <div data-testid="migration-preview" className={cx('space-y-6', stale && 'opacity-60')}>
      {stale && <p className="text-xs font-medium text-amber-800">The form changed since: preview again before submitting.</p>}
      <Section id="migration-gateway" title={`${gateway.exists ? 'Gateway' : 'New Gateway'} ${gateway.namespace}/${gateway.name}`}>
        <div className="px-5 py-4 text-sm text-zinc-700">
          {gateway.addedListeners.length === 0 ? (
            <p>No listener to add: the Gateway already serves every host on the right port.</p>
          ) : (
            <>
              <p className="mb-2">Listeners {gateway.exists ? 'added' : 'created'}:</p>
              <ul className="list-disc space-y-1 pl-5" data-testid="added-listeners">
                {gateway.addedListeners.map((l) => (
                  <li key={l.name}>
                    <span className="font-mono">{l.name}</span>: {l.protocol} on port {l.port}, {l.hostname ? `host ${l.hostname}` : 'every host'}
                    {l.certificateSecret && `, certificate from Secret ${l.certificateSecret}`}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </Section>
      <Section id="migration-equivalence" title="Traffic equivalence" description="Requests for each host and path, routed as ingress-nginx routes them today and as the new objects will.">
        <EquivalenceTable rows={preview.equivalence} />
      </Section>
      <Section id="migration-untranslated" title="Not translated" description="What the new objects do not carry over, and why.">
        {preview.notTranslated.length === 0 ? (
          <p className="px-5 py-4 text-sm text-zinc-600">Everything was translated.</p>
        ) : (
          <ul className="divide-y divide-zinc-100 text-sm" data-testid="not-translated">
            {preview.notTranslated.map((n, i) => (
              <li key={i} className="px-5 py-2.5">
                <span className="font-mono text-xs text-zinc-900">
                  {n.ingress}: {n.field}
                </span>
                <span className="ml-2 text-zinc-600">{n.reason}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <div className="grid gap-6 lg:grid-cols-2">
        <Section id="migration-before" title="Before: Ingress">
          <div className="space-y-3 px-5 py-4">
            {preview.ingresses.map((i) => (
              <YamlView key={i.name} yaml={i.yaml} label={`Ingress ${i.name}`} />
            ))}
          </div>
        </Section>
        <Section id="migration-after" title="After: Gateway API">
          <div className="space-y-3 px-5 py-4">
            {preview.objects.map((o) => (
              <YamlView key={`${o.kind}/${o.name}`} yaml={o.yaml} label={`${o.kind} ${o.name}`} />
            ))}
          </div>
        </Section>
      </div>
      <Section
        id="migration-dry-run"
        title="Dry-run of each change"
        description="The cluster’s answer to a server-side dry-run of each object, against the live object. A warning that the migrated Ingress already serves a path, or that a new Gateway does not exist yet, is expected: the batch creates the Gateway, and both serve until you delete the Ingress."
      >
        <div className="space-y-5 px-5 py-4">
          {preview.objects.map((o) => (
            <div key={`${o.kind}/${o.name}`} className="space-y-2">
              <h3 className="text-sm font-semibold text-zinc-800">
                {o.preview.live.exists ? 'Update' : 'Create'} {o.kind} {o.namespace}/{o.name}
              </h3>
              {o.preview.warnings.map((w, i) => (
                <p key={i} className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  {w.message}
                </p>
              ))}
              <DiffView diff={o.preview.diff} label={`Diff of ${o.kind} ${o.name}`} />
            </div>
          ))}
        </div>
      </Section>
    </div>
  );
}
