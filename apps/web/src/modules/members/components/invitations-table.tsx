'use client';

import { useState } from 'react';
import type { TInvitation } from '@portico/contracts';
import { Badge } from '@/modules/ui/components/badge';
import { Button } from '@/modules/ui/components/button';
import { RoleBadge } from '@/modules/ui/components/role-badge';
import { Table, Td, Th } from '@/modules/ui/components/table';
import { formatDate, formatDateTime } from '@/modules/ui/lib/format';

/** Open invitations of the organization, each revocable (its link then stops working). */
export function InvitationsTable({ invitations, onRevoke }: { invitations: TInvitation[]; onRevoke: (i: TInvitation) => Promise<void> }) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  if (invitations.length === 0) return <p className="py-4 text-sm text-zinc-500">No open invitations.</p>;

  async function revoke(invitation: TInvitation) {
    setBusy(invitation.id);
    await onRevoke(invitation);
    setBusy(null);
    setConfirming(null);
  }

  return (
    <Table label="Pending invitations">
      <thead>
        <tr>
          <Th>E-mail</Th>
          <Th>Role</Th>
          <Th>Invited</Th>
          <Th>Expires</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {invitations.map((i) => (
          <tr key={i.id} data-invitation-email={i.email}>
            <Td className="font-medium text-zinc-900">{i.email}</Td>
            <Td>
              <RoleBadge role={i.role} />
            </Td>
            <Td className="whitespace-nowrap text-zinc-600 tabular-nums">
              {formatDateTime(i.createdAt)}
              {i.invitedBy && <span className="block text-xs text-zinc-500">by {i.invitedBy}</span>}
            </Td>
            <Td className="whitespace-nowrap text-zinc-600 tabular-nums">{i.expired ? <Badge tone="warning">expired</Badge> : formatDate(i.expiresAt)}</Td>
            <Td className="text-right whitespace-nowrap">
              {confirming === i.id ? (
                <span className="inline-flex items-center gap-2">
                  <span className="text-xs text-zinc-600">Revoke the link?</span>
                  <Button size="sm" variant="danger" onClick={() => revoke(i)} disabled={busy === i.id} autoFocus aria-label={`Confirm revoking the invitation of ${i.email}`}>
                    {busy === i.id ? 'Revoking…' : 'Confirm'}
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setConfirming(null)} disabled={busy === i.id}>
                    Cancel
                  </Button>
                </span>
              ) : (
                <Button size="sm" onClick={() => setConfirming(i.id)} aria-label={`Revoke the invitation of ${i.email}`}>
                  Revoke
                </Button>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
