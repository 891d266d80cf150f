'use client';

import { useState, type FormEvent } from 'react';
import { ROLES, ZCreateMemberRequest, ZCreatedInvitation, type TCreatedInvitation } from '@portico/contracts';
import { clientApi } from '@/modules/api/lib/client-api';
import { fieldErrorsOf, problemMessage } from '@/modules/api/lib/problem';
import { Alert } from '@/modules/ui/components/alert';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import { Field, describedBy, inputClass, selectClass } from '@/modules/ui/components/field';

type Errors = { form?: string; email?: string; role?: string };

const messages: Record<string, string> = {
  email: 'Enter a valid e-mail address.',
  role: 'Pick a role.',
};

/** Invites by e-mail. No account or password is made here: the invitee sets their own from the link. */
export function InviteMemberForm({ csrfToken, onInvited }: { csrfToken?: string; onInvited: (created: TCreatedInvitation) => void }) {
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const parsed = ZCreateMemberRequest.safeParse({ email: String(form.get('email') ?? ''), role: String(form.get('role') ?? '') });
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
    const res = await clientApi('/api/v1/members', { method: 'POST', body: parsed.data, csrfToken, schema: ZCreatedInvitation });
    setPending(false);
    if (!res.ok) {
      const fields = fieldErrorsOf(res.problem);
      setErrors({ form: problemMessage(res.problem), email: fields.email, role: fields.role });
      return;
    }
    formEl.reset();
    onInvited(res.data);
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-labelledby="invite-member-title" className="space-y-4">
      <div>
        <h3 id="invite-member-title" className="text-sm font-semibold text-zinc-900">
          Invite a member
        </h3>
        <p className="mt-0.5 text-sm text-zinc-600">You get a link to pass on. They accept it with their own password — or choose one, if they are new to Portico.</p>
      </div>
      {errors.form && <Alert tone="error">{errors.form}</Alert>}
      <div className="grid gap-x-4 gap-y-3 sm:grid-cols-[minmax(0,1fr)_8rem_auto] sm:items-start">
        <Field id="member-email" label="E-mail" error={errors.email}>
          <input id="member-email" name="email" type="email" autoComplete="off" maxLength={254} required aria-invalid={errors.email ? true : undefined} aria-describedby={describedBy('member-email', errors.email)} className={inputClass} />
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
        <div className="sm:pt-6.5">
          <SubmitButton variant="primary" disabled={pending}>
            {pending ? 'Inviting…' : 'Invite'}
          </SubmitButton>
        </div>
      </div>
    </form>
  );
}
