'use client';

import { useState, type FormEvent } from 'react';
import { ZChangePasswordRequest } from '@portico/contracts';
import { clientApi } from '@/modules/api/lib/client-api';
import { fieldErrorsOf, problemMessage } from '@/modules/api/lib/problem';
import { Alert } from '@/modules/ui/components/alert';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import { Field, describedBy, inputClass } from '@/modules/ui/components/field';

type Errors = { form?: string; currentPassword?: string; newPassword?: string; confirm?: string };

/** Changes the signed-in user's password; the API ends their other sessions. */
export function ChangePasswordForm({ csrfToken }: { csrfToken?: string }) {
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const input = { currentPassword: String(form.get('currentPassword') ?? ''), newPassword: String(form.get('newPassword') ?? '') };
    setDone(false);
    const parsed = ZChangePasswordRequest.safeParse(input);
    const found: Errors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'currentPassword') found.currentPassword ??= 'Enter your current password.';
        if (issue.path[0] === 'newPassword') found.newPassword ??= input.newPassword && input.newPassword === input.currentPassword ? 'Choose a password different from the current one.' : 'At least 12 characters.';
      }
    }
    if (input.newPassword !== String(form.get('confirm') ?? '')) found.confirm = 'The two new passwords differ.';
    if (!parsed.success || found.confirm) {
      setErrors(found);
      return;
    }

    setPending(true);
    setErrors({});
    const res = await clientApi('/api/v1/me/password', { method: 'PUT', body: parsed.data, csrfToken });
    setPending(false);
    if (!res.ok) {
      const fields = fieldErrorsOf(res.problem);
      setErrors({ form: problemMessage(res.problem), currentPassword: fields.currentPassword, newPassword: fields.newPassword });
      return;
    }
    formEl.reset();
    setDone(true);
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-label="Change password" className="max-w-md space-y-4">
      <div aria-live="polite" className="empty:hidden">
        {errors.form && <Alert tone="error">{errors.form}</Alert>}
        {done && <Alert tone="success">Password changed. Your other sessions were signed out.</Alert>}
      </div>
      <Field id="current-password" label="Current password" error={errors.currentPassword}>
        <input id="current-password" name="currentPassword" type="password" autoComplete="current-password" maxLength={256} required aria-invalid={errors.currentPassword ? true : undefined} aria-describedby={describedBy('current-password', errors.currentPassword)} className={inputClass} />
      </Field>
      <Field id="new-password" label="New password" error={errors.newPassword} hint="At least 12 characters.">
        <input id="new-password" name="newPassword" type="password" autoComplete="new-password" maxLength={256} required aria-invalid={errors.newPassword ? true : undefined} aria-describedby={describedBy('new-password', errors.newPassword, 'hint')} className={inputClass} />
      </Field>
      <Field id="confirm-password" label="Repeat the new password" error={errors.confirm}>
        <input id="confirm-password" name="confirm" type="password" autoComplete="new-password" maxLength={256} required aria-invalid={errors.confirm ? true : undefined} aria-describedby={describedBy('confirm-password', errors.confirm)} className={inputClass} />
      </Field>
      <SubmitButton variant="primary" disabled={pending}>
        {pending ? 'Changing…' : 'Change password'}
      </SubmitButton>
    </form>
  );
}
