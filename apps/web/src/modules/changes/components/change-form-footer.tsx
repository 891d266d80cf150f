'use client';

import { Alert } from '@/modules/ui/components/alert';
import { Button } from '@/modules/ui/components/button';
import { inputClass } from '@/modules/ui/components/field';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import type { ChangeForm } from '../lib/use-change-form';
import { ChangePreview } from './change-preview';
import { ChangeProgress } from './change-progress';

/**
 * The end of every change form: the preview, then Submit (with the reason and the explicit
 * choices a preview may call for), then the change followed live. The form's own submit
 * previews until the preview matches the form, then submits.
 */
export function ChangeFormFooter({ cf, canSubmit, submitLabel = 'Submit change', danger = false }: { cf: ChangeForm; canSubmit: boolean; submitLabel?: string; danger?: boolean }) {
  const { stage, preview, stalePreview, pending, options } = cf;
  const shown = preview ?? stalePreview;
  return (
    <div className="space-y-4">
      <div aria-live="polite">{cf.errors.form && <Alert tone="error">{cf.errors.form}</Alert>}</div>
      {shown && <ChangePreview preview={shown} stale={!preview} force={options.force} onForce={options.setForce} />}
      {stage === 'edit' && (
        <SubmitButton variant="primary" disabled={pending}>
          {pending ? 'Previewing…' : shown ? 'Preview again' : 'Preview'}
        </SubmitButton>
      )}
      {stage === 'previewed' &&
        (canSubmit ? (
          <div className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
            <div className="space-y-1.5">
              <label htmlFor="change-reason" className="block text-sm font-medium text-zinc-800">
                Reason <span className="font-normal text-zinc-500">(optional, for the change record and the approver)</span>
              </label>
              <input id="change-reason" value={options.reason} maxLength={500} onChange={(e) => options.setReason(e.target.value)} className={inputClass} />
            </div>
            <label className="flex items-center gap-2 text-sm text-zinc-700">
              <input type="checkbox" checked={options.overwriteNewer} onChange={(e) => options.setOverwriteNewer(e.target.checked)} className="size-4" />
              Apply even if the object changes after this preview (otherwise the apply fails and nothing changes)
            </label>
            <SubmitButton variant={danger ? 'danger' : 'primary'} disabled={pending}>
              {pending ? 'Submitting…' : submitLabel}
            </SubmitButton>
          </div>
        ) : (
          <Alert tone="info">Viewers may preview; an editor or admin submits changes.</Alert>
        ))}
      {stage === 'submitted' && cf.submitted && (
        <>
          <ChangeProgress initial={cf.submitted} />
          <Button onClick={cf.startOver}>Make another change</Button>
        </>
      )}
    </div>
  );
}
