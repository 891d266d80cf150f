'use client';

import { useState, type FormEvent } from 'react';
import { ROLES, ZCreateMemberRequest, ZCreatedMember, type TCreatedMember } from '@portico/contracts';
import { clientApi } from '@/modules/api/lib/client-api';
import { fieldErrorsOf, problemMessage } from '@/modules/api/lib/problem';
import { Alert } from '@/modules/ui/components/alert';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import { Field, describedBy, inputClass, selectClass } from '@/modules/ui/components/field';

type Errors = { form?: string; email?: string; name?: string; role?: string; password?: string };

const messages: Record<string, string> = {
  email: 'Enter a valid e-mail address.',
  name: 'Enter a name (up to 100 characters).',
  role: 'Pick a role.',
  password: 'At least 12 characters, or leave empty to generate one.',
};

export function AddMemberForm({ csrfToken, onCreated }: { csrfToken?: string; onCreated: (created: TCreatedMember) => void }) {
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const password = String(form.get('password') ?? '');
    const input = { email: String(form.get('email') ?? ''), name: String(form.get('name') ?? ''), role: String(form.get('role') ?? ''), ...(password ? { password } : {}) };
    const parsed = ZCreateMemberRequest.safeParse(input);
    if (!parsed.success) {
      const found: Errors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as keyof Errors;
        if (key in messages) found[key] ??= messages[key];
      }
      setErrors(found);
      return;
    }

    setPending(true);
    setErrors({});
    const res = await clientApi('/api/v1/members', { method: 'POST', body: parsed.data, csrfToken, schema: ZCreatedMember });
    setPending(false);
    if (!res.ok) {
      const fields = fieldErrorsOf(res.problem);
      setErrors({ form: problemMessage(res.problem), email: fields.email, name: fields.name, role: fields.role, password: fields.password });
      return;
    }
    formEl.reset();
    onCreated(res.data);
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-labelledby="add-member-title" className="space-y-4">
      <h3 id="add-member-title" className="text-sm font-semibold text-zinc-900">
        Add a member
      </h3>
      {errors.form && <Alert tone="error">{errors.form}</Alert>}
      <div className="grid gap-x-4 gap-y-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,1.4fr)_minmax(0,1.2fr)_8rem_minmax(0,1.2fr)_auto] lg:items-start">
        <Field id="member-email" label="E-mail" error={errors.email}>
          <input id="member-email" name="email" type="email" autoComplete="off" required aria-invalid={errors.email ? true : undefined} aria-describedby={describedBy('member-email', errors.email)} className={inputClass} />
        </Field>
        <Field id="member-name" label="Name" error={errors.name}>
          <input id="member-name" name="name" autoComplete="off" maxLength={100} required aria-invalid={errors.name ? true : undefined} aria-describedby={describedBy('member-name', errors.name)} className={inputClass} />
        </Field>
        <Field id="member-role" label="Role" error={errors.role}>
          <select id="member-role" name="role" defaultValue="viewer" aria-describedby={describedBy('member-role', errors.role)} className={selectClass}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </Field>
        <Field id="member-password" label="Initial password" optional error={errors.password} hint="Leave empty to generate one.">
          <input
            id="member-password"
            name="password"
            type="password"
            autoComplete="new-password"
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={describedBy('member-password', errors.password, 'hint')}
            className={inputClass}
          />
        </Field>
        <div className="lg:pt-6.5">
          <SubmitButton variant="primary" disabled={pending}>
            {pending ? 'Adding…' : 'Add member'}
          </SubmitButton>
        </div>
      </div>
    </form>
  );
}
