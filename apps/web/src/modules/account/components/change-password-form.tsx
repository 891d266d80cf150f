'use client';

import { useState } from 'react';
import { routes, type TChangePasswordRequest } from '@portico/contracts';
import { useContractForm } from '@/modules/forms/lib/use-contract-form';
import { Alert } from '@/modules/ui/components/alert';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import { TextField } from '@/modules/ui/components/field';
import { formText } from '@/modules/forms/lib/form-text';

const read = (form: HTMLFormElement): TChangePasswordRequest => {
  const data = new FormData(form);
  return { currentPassword: formText(data, 'currentPassword'), newPassword: formText(data, 'newPassword') };
};

/** Changes the signed-in user's password; the API ends their other sessions. */
export function ChangePasswordForm({ csrfToken }: { csrfToken?: string }) {
  const [done, setDone] = useState(false);
  const { formProps, errors, pending } = useContractForm({
    route: routes.changePassword,
    read,
    csrfToken,
    messages: {
      currentPassword: 'Enter your current password.',
      newPassword: (v) => (v.newPassword && v.newPassword === v.currentPassword ? 'Choose a password different from the current one.' : 'At least 12 characters.'),
    },
    // Not part of the request: the form's own guard against a typo in the new password.
    check: (v, form) => ({ confirm: v.newPassword !== formText(new FormData(form), 'confirm') ? 'The two new passwords differ.' : undefined }),
    onSuccess: (_, { form }) => {
      form.reset();
      setDone(true);
    },
  });

  return (
    <form method="post" {...formProps} onSubmitCapture={() => setDone(false)} aria-label="Change password" className="max-w-md space-y-4">
      <div aria-live="polite" className="empty:hidden">
        {errors.form && <Alert tone="error">{errors.form}</Alert>}
        {done && <Alert tone="success">Password changed. Your other sessions were signed out.</Alert>}
      </div>
      <TextField id="current-password" label="Current password" error={errors.fields.currentPassword} name="currentPassword" type="password" autoComplete="current-password" maxLength={256} required />
      <TextField
        id="new-password"
        label="New password"
        error={errors.fields.newPassword}
        hint="At least 12 characters."
        name="newPassword"
        type="password"
        autoComplete="new-password"
        maxLength={256}
        required
      />
      <TextField id="confirm-password" label="Repeat the new password" error={errors.fields.confirm} name="confirm" type="password" autoComplete="new-password" maxLength={256} required />
      <SubmitButton variant="primary" disabled={pending}>
        {pending ? 'Changing…' : 'Change password'}
      </SubmitButton>
    </form>
  );
}
