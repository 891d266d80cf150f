'use client';

import { useState, type FormEvent } from 'react';
import { ROLES, ZCreateApiTokenRequest, ZCreatedApiToken, roleAtLeast, type TCreatedApiToken, type TRole } from '@portico/contracts';
import { clientApi } from '@/modules/api/lib/client-api';
import { fieldErrorsOf, problemMessage } from '@/modules/api/lib/problem';
import { Alert } from '@/modules/ui/components/alert';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import { Field, describedBy, inputClass, selectClass } from '@/modules/ui/components/field';
import { EXPIRY_CHOICES, expiresAtOf, tomorrowUtc, type ExpiryChoice } from '../lib/token-expiry';

type Errors = { form?: string; name?: string; role?: string; expiresAt?: string };

export function CreateTokenForm({ myRole, csrfToken, onCreated }: { myRole: TRole; csrfToken?: string; onCreated: (created: TCreatedApiToken) => void }) {
  const roles = ROLES.filter((r) => roleAtLeast(myRole, r));
  const [expiry, setExpiry] = useState<ExpiryChoice>('90');
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const expiresAt = expiresAtOf(expiry, String(form.get('expiresOn') ?? ''));
    if (typeof expiresAt === 'object') {
      setErrors({ expiresAt: expiresAt.error });
      return;
    }
    const parsed = ZCreateApiTokenRequest.safeParse({ name: String(form.get('name') ?? ''), role: String(form.get('role') ?? ''), expiresAt });
    if (!parsed.success) {
      const found: Errors = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'name') found.name ??= 'Give the token a name (up to 100 characters).';
        if (issue.path[0] === 'role') found.role ??= 'Pick a role.';
      }
      setErrors(found);
      return;
    }

    setPending(true);
    setErrors({});
    const res = await clientApi('/api/v1/tokens', { method: 'POST', body: parsed.data, csrfToken, schema: ZCreatedApiToken });
    setPending(false);
    if (!res.ok) {
      const fields = fieldErrorsOf(res.problem);
      setErrors({ form: problemMessage(res.problem), name: fields.name, role: fields.role, expiresAt: fields.expiresAt });
      return;
    }
    formEl.reset();
    setExpiry('90');
    onCreated(res.data);
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-labelledby="create-token-title" className="space-y-4">
      <h3 id="create-token-title" className="text-sm font-semibold text-zinc-900">
        Create a token
      </h3>
      {errors.form && <Alert tone="error">{errors.form}</Alert>}
      <div className="flex flex-wrap items-start gap-x-4 gap-y-3">
        <div className="w-full sm:w-auto sm:min-w-64 sm:flex-1">
          <Field id="token-name" label="Name" error={errors.name} hint="What will use it, e.g. “CI deploy”.">
            <input
              id="token-name"
              name="name"
              maxLength={100}
              required
              autoComplete="off"
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={describedBy('token-name', errors.name, 'hint')}
              className={inputClass}
            />
          </Field>
        </div>
        <div className="w-36">
          <Field id="token-role" label="Role" error={errors.role} hint="At most your own role.">
            <select id="token-role" name="role" defaultValue={roles.includes('viewer') ? 'viewer' : roles[0]} aria-describedby={describedBy('token-role', errors.role, 'hint')} className={selectClass}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="w-40">
          <Field id="token-expiry" label="Expires" error={expiry === 'custom' ? undefined : errors.expiresAt}>
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
            <Field id="token-expires-on" label="Expiry date" error={errors.expiresAt} hint="Valid to the end of that day (UTC).">
              <input
                id="token-expires-on"
                name="expiresOn"
                type="date"
                min={tomorrowUtc()}
                required
                aria-invalid={errors.expiresAt ? true : undefined}
                aria-describedby={describedBy('token-expires-on', errors.expiresAt, 'hint')}
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
