'use client';

import { useState } from 'react';
import { MAX_RECIPIENTS, routes, type TNotificationPolicy, ZEmail } from '@portico/contracts';
import { useContractForm } from '@/modules/forms/lib/use-contract-form';
import { formText } from '@/modules/forms/lib/form-text';
import { Alert } from '@/modules/ui/components/alert';
import { Field, TextField, describedBy, inputClass, selectClass } from '@/modules/ui/components/field';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import { numberOf, ownerLines, parseOwnerLines, splitEmails } from '../lib/policy-values';

interface ClusterOption {
  id: string;
  name: string;
}

const badAddress = (list: string[]) => list.find((e) => !ZEmail.safeParse(e).success);
const listError = (list: string[]) => {
  const bad = badAddress(list);
  if (bad !== undefined) return `“${bad}” is not an e-mail address.`;
  return list.length > MAX_RECIPIENTS ? `At most ${MAX_RECIPIENTS} addresses.` : undefined;
};

/**
 * Settings → Notifications: thresholds, recipients (default, per cluster, per owner) and
 * immediate or daily digest, validated with the policy contract as you type (the API names any
 * field it refuses the same way). Read-only for non-admins.
 */
export function NotificationPolicyForm({ policy, clusters, csrfToken, canEdit }: { policy: TNotificationPolicy; clusters: ClusterOption[]; csrfToken?: string; canEdit: boolean }) {
  const [saved, setSaved] = useState(false);
  const clusterEmails = new Map(policy.clusterRecipients.map((c) => [c.clusterId, c.emails.join('\n')]));
  const read = (form: HTMLFormElement): TNotificationPolicy => {
    const data = new FormData(form);
    return {
      warningDays: numberOf(formText(data, 'warningDays')),
      criticalDays: numberOf(formText(data, 'criticalDays')),
      criticalLifetimeFraction: numberOf(formText(data, 'criticalLifetimePercent')) / 100,
      overdueHours: numberOf(formText(data, 'overdueHours')),
      recipients: splitEmails(formText(data, 'recipients')),
      clusterRecipients: clusters.map((c) => ({ clusterId: c.id, emails: splitEmails(formText(data, `cluster-${c.id}`)) })).filter((c) => c.emails.length > 0),
      ownerRecipients: parseOwnerLines(formText(data, 'ownerRecipients')),
      mode: formText(data, 'mode') === 'digest' ? 'digest' : 'immediate',
      digestHourUtc: numberOf(formText(data, 'digestHourUtc')),
    };
  };
  const { formProps, errors, pending } = useContractForm({
    route: routes.updateNotificationPolicy,
    read,
    csrfToken,
    fields: ['warningDays', 'criticalDays', 'criticalLifetimeFraction', 'overdueHours', 'recipients', 'ownerRecipients', 'mode', 'digestHourUtc', ...clusters.map((c) => `cluster-${c.id}`)],
    messages: {
      warningDays: 'A whole number of days, 0 or more.',
      overdueHours: 'A whole number of hours, 0 or more.',
      criticalLifetimeFraction: 'A percentage between 0 and 100 (exclusive).',
      digestHourUtc: 'An hour from 0 to 23.',
    },
    // Per-address reasons next to the list they are in (the contract names `recipients.3`, which has no field of its own).
    check: (v) => ({
      recipients: listError(v.recipients),
      ownerRecipients: v.ownerRecipients.map((o) => listError(o.emails) ?? (o.owner ? undefined : 'Each line needs an owner before the colon.')).find(Boolean),
      ...Object.fromEntries(v.clusterRecipients.map((c) => [`cluster-${c.clusterId}`, listError(c.emails)])),
    }),
    refused: (n) => `Not saved: fix the ${n === 1 ? 'field' : `${n} fields`} marked below.`,
    onSuccess: () => setSaved(true),
  });
  const fractionError = errors.fields.criticalLifetimeFraction;

  return (
    <form method="post" {...formProps} onSubmitCapture={() => setSaved(false)} aria-label="Notification settings" className="space-y-6">
      <div aria-live="polite" className="empty:hidden">
        {errors.form && <Alert tone="error">{errors.form}</Alert>}
        {saved && <Alert tone="success">Saved. The next evaluation (within 5 minutes) uses these settings.</Alert>}
      </div>
      <fieldset disabled={!canEdit} className="space-y-6">
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold text-zinc-900">When to alert</legend>
          <TextField id="warning-days" name="warningDays" label="Warning under (days left)" type="number" min={0} defaultValue={policy.warningDays} error={errors.fields.warningDays} />
          <TextField id="critical-days" name="criticalDays" label="Critical under (days left)" type="number" min={0} defaultValue={policy.criticalDays} error={errors.fields.criticalDays} />
          <TextField
            id="critical-percent"
            name="criticalLifetimePercent"
            label="Critical under (% of the lifetime left)"
            type="number"
            step="any"
            defaultValue={Math.round(policy.criticalLifetimeFraction * 10000) / 100}
            hint="So 90-day, 45-day and 1-year certificates all work: 16.67 % is 15 days of 90."
            error={fractionError}
          />
          <TextField
            id="overdue-hours"
            name="overdueHours"
            label="Warning when renewal is overdue by (hours)"
            type="number"
            min={0}
            defaultValue={policy.overdueHours}
            error={errors.fields.overdueHours}
          />
        </fieldset>
        <fieldset className="space-y-4">
          <legend className="mb-2 text-sm font-semibold text-zinc-900">Who is told</legend>
          <Field id="recipients" label="Default recipients" hint="One address a line. Empty: the organization's admins." error={errors.fields.recipients}>
            <textarea
              id="recipients"
              name="recipients"
              rows={3}
              className={inputClass}
              defaultValue={policy.recipients.join('\n')}
              aria-invalid={errors.fields.recipients ? true : undefined}
              aria-describedby={describedBy('recipients', errors.fields.recipients, 'hint')}
            />
          </Field>
          {clusters.map((c) => {
            const id = `cluster-${c.id}`;
            return (
              <Field key={c.id} id={id} label={`Also for cluster ${c.name}`} optional error={errors.fields[id]}>
                <textarea
                  id={id}
                  name={id}
                  rows={2}
                  className={inputClass}
                  defaultValue={clusterEmails.get(c.id) ?? ''}
                  aria-invalid={errors.fields[id] ? true : undefined}
                  aria-describedby={describedBy(id, errors.fields[id])}
                />
              </Field>
            );
          })}
          <Field
            id="owner-recipients"
            label="Also for owners"
            optional
            hint="One owner a line: team-payments: a@example.com, b@example.com (the portico.dev/owner label)."
            error={errors.fields.ownerRecipients}
          >
            <textarea
              id="owner-recipients"
              name="ownerRecipients"
              rows={3}
              className={inputClass}
              defaultValue={ownerLines(policy.ownerRecipients)}
              aria-invalid={errors.fields.ownerRecipients ? true : undefined}
              aria-describedby={describedBy('owner-recipients', errors.fields.ownerRecipients, 'hint')}
            />
          </Field>
        </fieldset>
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold text-zinc-900">How</legend>
          <Field id="mode" label="Delivery" error={errors.fields.mode}>
            <select id="mode" name="mode" defaultValue={policy.mode} className={selectClass}>
              <option value="immediate">Immediately, one e-mail per alert (reminded daily)</option>
              <option value="digest">A daily digest</option>
            </select>
          </Field>
          <TextField id="digest-hour" name="digestHourUtc" label="Digest hour (UTC)" type="number" min={0} max={23} defaultValue={policy.digestHourUtc} error={errors.fields.digestHourUtc} />
        </fieldset>
      </fieldset>
      {canEdit && (
        <SubmitButton variant="primary" disabled={pending}>
          {pending ? 'Saving…' : 'Save notification settings'}
        </SubmitButton>
      )}
    </form>
  );
}
