'use client';

import { useState } from 'react';
import { routes, type TMyInvitation } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';
import { fieldErrorsOf, problemMessage } from '@/modules/api/lib/problem';
import { useContractForm } from '@/modules/forms/lib/use-contract-form';
import { inviteTokenFrom } from '@/modules/members/lib/invite-token';
import { InlineMessage, type InlineMessageValue } from '@/modules/ui/components/alert';
import { Button } from '@/modules/ui/components/button';
import { Field, describedBy, inputClass } from '@/modules/ui/components/field';
import { RoleBadge } from '@/modules/ui/components/role-badge';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import { formatDate } from '@/modules/ui/lib/format';
import { formText } from '@/modules/forms/lib/form-text';

/**
 * Invitations addressed to the signed-in user's e-mail. Accepting asks for the link they were
 * sent: being signed in proves who holds the account, the link that the organization meant them.
 */
export function MyInvitations({ initial, csrfToken }: { initial: TMyInvitation[]; csrfToken?: string }) {
  const [items, setItems] = useState(initial);
  const [accepting, setAccepting] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<InlineMessageValue | null>(null);

  async function decline(invitation: TMyInvitation) {
    setBusy(invitation.id);
    setMessage(null);
    const res = await apiCall(routes.declineMyInvitation, { params: { id: invitation.id }, csrfToken });
    setBusy(null);
    if (!res.ok) {
      setMessage({ tone: 'error', text: `Could not decline. ${problemMessage(res.problem)}` });
      return;
    }
    setItems((list) => list.filter((i) => i.id !== invitation.id));
    setMessage({ tone: 'ok', text: `Invitation to ${invitation.organization.name} declined.` });
  }

  return (
    <div>
      <InlineMessage message={message} />
      {items.length === 0 && <p className="text-sm text-zinc-500">No pending invitations.</p>}
      <ul aria-label="Pending invitations" className="divide-y divide-zinc-100">
        {items.map((i) => (
          <li key={i.id} className="space-y-3 py-3 first:pt-0 last:pb-0">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <p className="text-sm text-zinc-800">
                <span className="font-medium text-zinc-900">{i.organization.name}</span> invites you as <RoleBadge role={i.role} />
                <span className="block text-xs text-zinc-500">
                  {i.invitedBy ? `From ${i.invitedBy}, ` : ''}valid until {formatDate(i.expiresAt)}
                </span>
              </p>
              {accepting !== i.id && (
                <span className="flex gap-2">
                  <Button size="sm" variant="primary" onClick={() => setAccepting(i.id)} disabled={busy === i.id} aria-label={`Accept the invitation to ${i.organization.name}`}>
                    Accept
                  </Button>
                  <Button size="sm" onClick={() => decline(i)} disabled={busy === i.id} aria-label={`Decline the invitation to ${i.organization.name}`}>
                    Decline
                  </Button>
                </span>
              )}
            </div>
            {accepting === i.id && (
              <AcceptLinkForm invitation={i} csrfToken={csrfToken} onRefused={(text) => setMessage({ tone: 'error', text })} onCancel={() => setAccepting(null)} disabled={busy === i.id} />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The link that accepts `invitation` for the signed-in user: being signed in proves who holds
 * the account, the link that the organization meant them.
 */
function AcceptLinkForm({
  invitation,
  csrfToken,
  onRefused,
  onCancel,
  disabled,
}: {
  invitation: TMyInvitation;
  csrfToken?: string;
  onRefused: (text: string) => void;
  onCancel: () => void;
  disabled: boolean;
}) {
  const { formProps, errors, pending } = useContractForm({
    route: routes.acceptMyInvitation,
    params: { id: invitation.id },
    read: (form) => ({ token: inviteTokenFrom(formText(new FormData(form), 'link')) ?? '' }),
    csrfToken,
    // The input holds the whole link; `token` is the secret read from it.
    fields: ['token'],
    messages: { token: 'Paste the invitation link you were sent.' },
    onProblem(problem) {
      if (fieldErrorsOf(problem).token) return { form: null, fields: { token: 'That is not the link of this invitation.' } };
      onRefused(`Could not accept. ${problemMessage(problem)}`);
      return { form: null, fields: {} };
    },
    // A full load: the session now works in the new organization.
    onSuccess: () => window.location.assign('/'),
    navigatesOnSuccess: true,
  });
  const linkError = errors.fields.token;
  const id = `link-${invitation.id}`;
  const busy = pending || disabled;

  return (
    <form method="post" {...formProps} aria-label={`Accept the invitation to ${invitation.organization.name}`} className="flex flex-wrap items-start gap-3">
      <div className="min-w-64 flex-1">
        <Field id={id} label="Invitation link" error={linkError} hint="The link you were sent by the organization.">
          <input
            id={id}
            name="link"
            autoComplete="off"
            maxLength={2048}
            required
            autoFocus
            aria-invalid={linkError ? true : undefined}
            aria-describedby={describedBy(id, linkError, 'hint')}
            className={inputClass}
          />
        </Field>
      </div>
      <span className="flex gap-2 pt-6.5">
        <SubmitButton variant="primary" size="sm" disabled={busy}>
          {busy ? 'Joining…' : 'Join'}
        </SubmitButton>
        <Button size="sm" variant="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </span>
    </form>
  );
}
