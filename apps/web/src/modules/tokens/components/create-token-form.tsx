'use client';

import { useState } from 'react';
import { ROLES, roleAtLeast, routes, type TCreatedApiToken, type TRole } from '@portico/contracts';
import { useContractForm } from '@/modules/forms/lib/use-contract-form';
import { Alert } from '@/modules/ui/components/alert';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import { Field, describedBy, inputClass, selectClass } from '@/modules/ui/components/field';
import { EXPIRY_CHOICES, expiresAtOf, tomorrowUtc, type ExpiryChoice } from '../lib/token-expiry';
import { formText } from '@/modules/forms/lib/form-text';

export function CreateTokenForm({ myRole, csrfToken, onCreated }: { myRole: TRole; csrfToken?: string; onCreated: (created: TCreatedApiToken) => void }) {
  const roles = ROLES.filter((r) => roleAtLeast(myRole, r));
  const [expiry, setExpiry] = useState<ExpiryChoice>('90');
  // To the minute, so re-reading an unchanged form gives the same body (an edit is a change of it).
  const expiryOf = (form: HTMLFormElement) => expiresAtOf(expiry, formText(new FormData(form), 'expiresOn'), Math.floor(Date.now() / 60_000) * 60_000);
  const { formProps, errors, pending } = useContractForm({
    route: routes.createToken,
    read: (form) => {
      const data = new FormData(form);
      const expiresAt = expiryOf(form);
      return { name: formText(data, 'name'), role: formText(data, 'role') as TRole, expiresAt: typeof expiresAt === 'string' ? expiresAt : undefined };
    },
    csrfToken,
    // `expiresAt` is made from the expiry choice (and its date input), so it has no input of its own.
    fields: ['name', 'role', 'expiresAt'],
    messages: { name: 'Give the token a name (up to 100 characters).', role: 'Pick a role.' },
    check: (_, form) => {
      const expiresAt = expiryOf(form);
      return { expiresAt: typeof expiresAt === 'object' ? expiresAt.error : undefined };
    },
    onSuccess: (created, { form }) => {
      form.reset();
      setExpiry('90');
      onCreated(created);
    },
  });

  return (
    <form method="post" {...formProps} aria-labelledby="create-token-title" className="space-y-4">
      <h3 id="create-token-title" className="text-sm font-semibold text-zinc-900">
        Create a token
      </h3>
      {errors.form && <Alert tone="error">{errors.form}</Alert>}
      <div className="flex flex-wrap items-start gap-x-4 gap-y-3">
        <div className="w-full sm:w-auto sm:min-w-64 sm:flex-1">
          <Field id="token-name" label="Name" error={errors.fields.name} hint="What will use it, e.g. “CI deploy”.">
            <input
              id="token-name"
              name="name"
              maxLength={100}
              required
              autoComplete="off"
              aria-invalid={errors.fields.name ? true : undefined}
              aria-describedby={describedBy('token-name', errors.fields.name, 'hint')}
              className={inputClass}
            />
          </Field>
        </div>
        <div className="w-36">
          <Field id="token-role" label="Role" error={errors.fields.role} hint="At most your own role.">
            <select
              id="token-role"
              name="role"
              defaultValue={roles.includes('viewer') ? 'viewer' : roles[0]}
              aria-describedby={describedBy('token-role', errors.fields.role, 'hint')}
              className={selectClass}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="w-40">
          <Field id="token-expiry" label="Expires" error={expiry === 'custom' ? undefined : errors.fields.expiresAt}>
            <select id="token-expiry" value={expiry} onChange={(e) => setExpiry(e.target.value as ExpiryChoice)} className={selectClass}>
              {EXPIRY_CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {expiry === 'custom' && (
          <div className="w-48">
            <Field id="token-expires-on" label="Expiry date" error={errors.fields.expiresAt} hint="Valid to the end of that day (UTC).">
              <input
                id="token-expires-on"
                name="expiresOn"
                type="date"
                min={tomorrowUtc()}
                required
                aria-invalid={errors.fields.expiresAt ? true : undefined}
                aria-describedby={describedBy('token-expires-on', errors.fields.expiresAt, 'hint')}
                className={inputClass}
              />
            </Field>
          </div>
        )}
        <div className="pt-6.5">
          <SubmitButton variant="primary" disabled={pending}>
            {pending ? 'Creating…' : 'Create token'}
          </SubmitButton>
        </div>
      </div>
    </form>
  );
}
