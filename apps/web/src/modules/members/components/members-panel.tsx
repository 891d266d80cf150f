'use client';

import { useState } from 'react';
import { routes, type TCreatedInvitation, type TInvitation, type TInvitationList, type TMember, type TMemberList, type TRole } from '@portico/contracts';
import { apiCall } from '@/modules/api/lib/client-api';
import { problemMessage } from '@/modules/api/lib/problem';
import { useLoadMore } from '@/modules/api/lib/use-load-more';
import { Button } from '@/modules/ui/components/button';
import { CopyBox } from '@/modules/ui/components/copy-box';
import { InlineMessage, type InlineMessageValue } from '@/modules/ui/components/alert';
import { LoadMore } from '@/modules/ui/components/load-more';
import { InvitationsTable } from './invitations-table';
import { InviteMemberForm } from './invite-member-form';
import { MembersTable } from './members-table';

export function MembersPanel({ initial, initialInvitations, myUserId, csrfToken }: { initial: TMemberList; initialInvitations: TInvitationList; myUserId: string; csrfToken?: string }) {
  const list = useLoadMore({ initial, route: routes.listMembers });
  const invitations = useLoadMore({ initial: initialInvitations, route: routes.listInvitations });
  const [created, setCreated] = useState<TCreatedInvitation | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState<InlineMessageValue | null>(null);
  const [invitationMessage, setInvitationMessage] = useState<InlineMessageValue | null>(null);

  function onInvited(c: TCreatedInvitation) {
    setCreated(c);
    setInvitationMessage({ tone: 'ok', text: `${c.invitation.email} invited as ${c.invitation.role}.` });
    // Inviting an address again replaces its invitation (same id, new link).
    invitations.setItems((items) => [c.invitation, ...items.filter((i) => i.id !== c.invitation.id)]);
  }

  async function revoke(invitation: TInvitation) {
    setInvitationMessage(null);
    const res = await apiCall(routes.revokeInvitation, { params: { id: invitation.id }, csrfToken });
    if (!res.ok) {
      setInvitationMessage({ tone: 'error', text: `Could not revoke the invitation of ${invitation.email}. ${problemMessage(res.problem)}` });
      return;
    }
    invitations.setItems((items) => items.filter((i) => i.id !== invitation.id));
    if (created?.invitation.id === invitation.id) setCreated(null);
    setInvitationMessage({ tone: 'ok', text: `Invitation of ${invitation.email} revoked.` });
  }

  async function update(member: TMember, body: { role?: TRole; disabled?: boolean }, done: string) {
    setBusyId(member.id);
    setMessage(null);
    const res = await apiCall(routes.updateMember, { params: { id: member.id }, body, csrfToken });
    setBusyId(null);
    if (!res.ok) {
      setMessage({ tone: 'error', text: `Could not update ${member.email}. ${problemMessage(res.problem)}` });
      return;
    }
    list.setItems((items) => items.map((m) => (m.id === member.id ? res.data : m)));
    setMessage({ tone: 'ok', text: done });
  }

  return (
    <div className="space-y-6">
      <InviteMemberForm csrfToken={csrfToken} onInvited={onInvited} />
      {created && (
        <div role="region" aria-labelledby="invite-link-title" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50/60 p-4">
          <h3 id="invite-link-title" className="text-sm font-semibold text-zinc-900">
            Invitation link for {created.invitation.email}
          </h3>
          <p className="text-sm text-zinc-700">
            Give it to them over a safe channel: whoever holds it can accept the invitation. <strong className="font-semibold">It will not be shown again.</strong>
          </p>
          <CopyBox id="invite-link" label={`Invitation link for ${created.invitation.email}`} value={created.inviteUrl} />
          <Button size="sm" onClick={() => setCreated(null)}>
            Done
          </Button>
        </div>
      )}
      <div>
        <h3 className="mb-2 text-sm font-semibold text-zinc-900">Pending invitations</h3>
        <InlineMessage message={invitationMessage} />
        <InvitationsTable invitations={invitations.items} onRevoke={revoke} />
        {invitations.items.length > 0 && (
          <LoadMore
            hasMore={!!invitations.nextCursor}
            loading={invitations.loading}
            error={invitations.error}
            onLoadMore={invitations.loadMore}
            shown={invitations.items.length}
            noun={['invitation', 'invitations']}
          />
        )}
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold text-zinc-900">Members</h3>
        <InlineMessage message={message} />
        <MembersTable
          members={list.items}
          myUserId={myUserId}
          busyId={busyId}
          onRole={(m, role) => update(m, { role }, `${m.email} is now ${role}.`)}
          onDisabled={(m, disabled) => update(m, { disabled }, disabled ? `${m.email} is disabled and can no longer sign in.` : `${m.email} is enabled again.`)}
        />
        <LoadMore hasMore={!!list.nextCursor} loading={list.loading} error={list.error} onLoadMore={list.loadMore} shown={list.items.length} noun={['member', 'members']} />
      </div>
    </div>
  );
}
