'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { routes, type TSnooze, type TSnoozeRequest } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { useContractForm } from '@/modules/forms/lib/use-contract-form';
import { formText } from '@/modules/forms/lib/form-text';
import { Alert } from '@/modules/ui/components/alert';
import { Button } from '@/modules/ui/components/button';
import { TextField } from '@/modules/ui/components/field';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import { formatDateTime } from '@/modules/ui/lib/format';

/** A date field (yyyy-mm-dd) as the end of that day, UTC: "snooze until the 12th" includes the 12th. */
const endOfDay = (date: string) => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T23:59:59.000Z` : date);

/**
 * Snooze (acknowledge) one certificate until a date, with a reason: no alert is raised or
 * reminded for it until then. Shows the current snooze, who set it and why, and ends it.
 */
export function SnoozeForm({ certificateId, snooze, csrfToken, canEdit }: { certificateId: string; snooze: TSnooze | null; csrfToken?: string; canEdit: boolean }) {
  const router = useRouter();
  const [endError, setEndError] = useState<string | null>(null);
  const { formProps, errors, pending } = useContractForm({
    route: routes.snoozeCertificate,
    params: { id: certificateId },
    csrfToken,
    read: (form): TSnoozeRequest => {
      const data = new FormData(form);
      return { until: endOfDay(formText(data, 'until')), reason: formText(data, 'reason') };
    },
    messages: { until: 'Pick a date in the future.', reason: 'Say why (at most 500 characters).' },
    onSuccess: (_, { form }) => {
      form.reset();
      router.refresh();
    },
  });
  async function end() {
    const res = await apiCall(routes.unsnoozeCertificate, { params: { id: certificateId }, csrfToken });
    if (res.ok) router.refresh();
    else setEndError(problemMessage(res.problem));
  }

  return (
    <div className="space-y-4">
      {snooze && (
        <Alert tone="info" title={`Snoozed until ${formatDateTime(snooze.until)}`}>
          {snooze.byEmail ?? 'Someone'}: “{snooze.reason}”
          {canEdit && (
            <Button size="sm" className="ml-3" onClick={() => void end()}>
              End snooze
            </Button>
          )}
        </Alert>
      )}
      {endError && <Alert tone="error">{endError}</Alert>}
      {canEdit && (
        <form method="post" {...formProps} aria-label="Snooze alerts" className="grid max-w-xl gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-end">
          <TextField id="snooze-until" name="until" label="Snooze until" type="date" required error={errors.fields.until} />
          <TextField id="snooze-reason" name="reason" label="Reason" maxLength={500} required error={errors.fields.reason} />
          <SubmitButton disabled={pending}>{pending ? 'Snoozing…' : snooze ? 'Change snooze' : 'Snooze'}</SubmitButton>
          {errors.form && (
            <div className="sm:col-span-3">
              <Alert tone="error">{errors.form}</Alert>
            </div>
          )}
        </form>
      )}
    </div>
  );
}
