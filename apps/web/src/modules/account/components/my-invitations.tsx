'use client';

import { useState, type FormEvent } from 'react';
import { ZMe, type TMyInvitation } from '@portico/contracts';
import { clientApi } from '@/modules/api/lib/client-api';
import { fieldErrorsOf, problemMessage } from '@/modules/api/lib/problem';
import { inviteTokenFrom } from '@/modules/members/lib/invite-token';
import { InlineMessage, type InlineMessageValue } from '@/modules/ui/components/alert';
import { Button } from '@/modules/ui/components/button';
import { Field, describedBy, inputClass } from '@/modules/ui/components/field';
import { RoleBadge } from '@/modules/ui/components/role-badge';
import { SubmitButton } from '@/modules/ui/components/submit-button';
import { formatDate } from '@/modules/ui/lib/format';

/**
 * Invitations addressed to the signed-in user's e-mail. Accepting asks for the link they were
 * sent: being signed in proves who holds the account, the link that the organization meant them.
 */
export function MyInvitations({ initial, csrfToken }: { initial: TMyInvitation[]; csrfToken?: string }) {
  const [items, setItems] = useState(initial);
  const [accepting, setAccepting] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [linkError, setLinkError] = useState<string | undefined>();
  const [message, setMessage] = useState<InlineMessageValue | null>(null);

  async function decline(invitation: TMyInvitation) {
    setBusy(invitation.id);
    setMessage(null);
    const res = await clientApi(`/api/v1/me/invitations/${encodeURIComponent(invitation.id)}/decline`, { method: 'POST', csrfToken });
    setBusy(null);
    if (!res.ok) {
      setMessage({ tone: 'error', text: `Could not decline. ${problemMessage(res.problem)}` });
      return;
    }
    setItems((list) => list.filter((i) => i.id !== invitation.id));
    setMessage({ tone: 'ok', text: `Invitation to ${invitation.organization.name} declined.` });
  }

  async function accept(event: FormEvent<HTMLFormElement>, invitation: TMyInvitation) {
    event.preventDefault();
    const token = inviteTokenFrom(String(new FormData(event.currentTarget).get('link') ?? ''));
    if (!token) {
      setLinkError('Paste the invitation link you were sent.');
      return;
    }
    setBusy(invitation.id);
    setLinkError(undefined);
    setMessage(null);
    const res = await clientApi(`/api/v1/me/invitations/${encodeURIComponent(invitation.id)}/accept`, { method: 'POST', body: { token }, csrfToken, schema: ZMe });
    if (res.ok) {
      // A full load: the session now works in the new organization.
      window.location.assign('/');
      return;
    }
    setBusy(null);
    if (fieldErrorsOf(res.problem).token) setLinkError('That is not the link of this invitation.');
    else setMessage({ tone: 'error', text: `Could not accept. ${problemMessage(res.problem)}` });
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
              <form method="post" onSubmit={(e) => accept(e, i)} noValidate aria-label={`Accept the invitation to ${i.organization.name}`} className="flex flex-wrap items-start gap-3">
                <div className="min-w-64 flex-1">
                  <Field id={`link-${i.id}`} label="Invitation link" error={linkError} hint="The link you were sent by the organization.">
                    <input id={`link-${i.id}`} name="link" autoComplete="off" maxLength={2048} required autoFocus aria-invalid={linkError ? true : undefined} aria-describedby={describedBy(`link-${i.id}`, linkError, 'hint')} className={inputClass} />
                  </Field>
                </div>
                <span className="flex gap-2 pt-6.5">
                  <SubmitButton variant="primary" size="sm" disabled={busy === i.id}>
                    {busy === i.id ? 'Joining…' : 'Join'}
                  </SubmitButton>
                  <Button size="sm" variant="ghost" onClick={() => setAccepting(null)} disabled={busy === i.id}>
                    Cancel
                  </Button>
                </span>
              </form>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
