'use client';

import type { TChangePreview } from '@portico/contracts';
import { Alert } from '@/modules/ui/components/alert';
import { CopyButton } from '@/modules/ui/components/copy-button';
import { cx } from '@/modules/ui/lib/cx';
import { DiffView, YamlView } from './code-views';

/** Moves focus to the input a warning is about (its `name` is the warning's field). */
function focusField(field: string) {
  const el = document.getElementsByName(field)[0];
  if (el instanceof HTMLElement) el.focus();
}

/** What a change will do, before it is submitted: diff, kubectl, warnings, conflicts, the manifest. */
export function ChangePreview({ preview, stale, force, onForce }: { preview: TChangePreview; stale: boolean; force: boolean; onForce: (v: boolean) => void }) {
  const target = `${preview.target.kind} ${preview.target.namespace ? `${preview.target.namespace}/` : ''}${preview.target.name}`;
  const kubectl = preview.kubectl.join('\n');
  return (
    <section aria-labelledby="preview-title" data-testid="change-preview" className={cx('space-y-4 rounded-lg border border-zinc-200 bg-zinc-50/60 p-4', stale && 'opacity-60')}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="preview-title" className="text-[15px] font-semibold text-zinc-900">
          Preview: {preview.operation === 'delete' ? 'delete' : preview.live.exists ? 'update' : 'create'} {target}
        </h2>
        {stale && <p className="text-xs font-medium text-amber-800">The form changed since: preview again before submitting.</p>}
      </div>
      {preview.live.syncedCopyStale && (
        <Alert tone="info">
          Portico’s synced copy is older than the live object (resourceVersion {preview.live.syncedResourceVersion ?? 'none'} here, {preview.live.resourceVersion} live). The diff below is against the
          live object.
        </Alert>
      )}
      {preview.warnings.length > 0 && (
        <div>
          <h3 className="mb-1.5 text-sm font-semibold text-zinc-800">Warnings</h3>
          <ul className="space-y-1.5" data-testid="preview-warnings">
            {preview.warnings.map((w, i) => (
              <li key={`${w.code}-${i}`} className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                {w.message}
                {w.field && (
                  <button type="button" onClick={() => focusField(w.field!)} className="ml-2 font-mono text-xs text-amber-800 underline hover:text-amber-950">
                    {w.field.replace(/^change\./, '')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview.conflicts.length > 0 && (
        <div className="rounded-md border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-900">
          <h3 className="font-semibold">Fields another manager owns</h3>
          <p className="mt-0.5">Applying would take these over; without force, the apply fails and nothing changes.</p>
          <ul className="mt-1.5 list-inside list-disc font-mono text-xs">
            {preview.conflicts.map((c) => (
              <li key={`${c.manager}-${c.field}`}>
                {c.field} <span className="font-sans">(owned by</span> {c.manager}
                <span className="font-sans">)</span>
              </li>
            ))}
          </ul>
          <label className="mt-2 flex items-center gap-2 font-medium">
            <input type="checkbox" checked={force} onChange={(e) => onForce(e.target.checked)} className="size-4 accent-red-600" />
            Take over these fields (force) — recorded in the audit trail
          </label>
        </div>
      )}
      <div>
        <h3 className="mb-1.5 text-sm font-semibold text-zinc-800">Diff against the live object</h3>
        <DiffView diff={preview.diff} label={`Diff of ${target}`} />
      </div>
      <div>
        <div className="mb-1.5 flex items-center justify-between gap-2">
          <h3 className="text-sm font-semibold text-zinc-800">Equivalent kubectl</h3>
          <CopyButton value={kubectl} label="Copy the kubectl command" showText className="border border-zinc-300 bg-white px-2 py-1 text-zinc-700" />
        </div>
        <pre data-testid="kubectl" tabIndex={0} aria-label="kubectl command" className="overflow-x-auto rounded-md bg-zinc-950 px-4 py-3 font-mono text-[12px] leading-5 text-zinc-100">
          {kubectl}
        </pre>
      </div>
      {preview.yaml && (
        <details>
          <summary className="cursor-pointer text-sm font-semibold text-zinc-800">Manifest Portico applies</summary>
          <div className="mt-2">
            <YamlView yaml={preview.yaml} label={`Manifest of ${target}`} />
          </div>
        </details>
      )}
    </section>
  );
}
