'use client';

import { ROLES, routes, type TCreateMemberRequest, type TCreatedInvitation } from '@portico/contracts';
import { useContractForm } from '@/modules/forms/lib/use-contract-form';
import { Alert } from '@/modules/ui/components/alert';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import { Field, TextField, describedBy, selectClass } from '@/modules/ui/components/field';
import { formText } from '@/modules/forms/lib/form-text';

const read = (form: HTMLFormElement) => {
  const data = new FormData(form);
  return { email: formText(data, 'email'), role: formText(data, 'role') as TCreateMemberRequest['role'] };
};

/** Invites by e-mail. No account or password is made here: the invitee sets their own from the link. */
export function InviteMemberForm({ csrfToken, onInvited }: { csrfToken?: string; onInvited: (created: TCreatedInvitation) => void }) {
  const { formProps, errors, pending } = useContractForm({
    route: routes.createMember,
    read,
    csrfToken,
    messages: { email: 'Enter a valid e-mail address.', role: 'Pick a role.' },
    onSuccess: (created, { form }) => {
      form.reset();
      onInvited(created);
    },
  });

  return (
    <form method="post" {...formProps} aria-labelledby="invite-member-title" className="space-y-4">
      <div>
        <h3 id="invite-member-title" className="text-sm font-semibold text-zinc-900">
          Invite a member
        </h3>
        <p className="mt-0.5 text-sm text-zinc-600">You get a link to pass on. They accept it with their own password — or choose one, if they are new to Portico.</p>
      </div>
      {errors.form && <Alert tone="error">{errors.form}</Alert>}
      <div className="grid gap-x-4 gap-y-3 sm:grid-cols-[minmax(0,1fr)_8rem_auto] sm:items-start">
        <TextField id="member-email" label="E-mail" error={errors.fields.email} name="email" type="email" autoComplete="off" maxLength={254} required />
        <Field id="member-role" label="Role" error={errors.fields.role}>
          <select id="member-role" name="role" defaultValue="viewer" aria-describedby={describedBy('member-role', errors.fields.role)} className={selectClass}>
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
