'use client';

import type { TInvitation } from '@portico/contracts';
import { Badge } from '@/modules/ui/components/badge';
import { ConfirmRevoke, useRevokeConfirmation } from '@/modules/ui/components/confirm-revoke';
import { RoleBadge } from '@/modules/ui/components/role-badge';
import { ActionsTh, Table, Td, Th } from '@/modules/ui/components/table';
import { formatDate, formatDateTime } from '@/modules/ui/lib/format';

/** Open invitations of the organization, each revocable (its link then stops working). */
export function InvitationsTable({ invitations, onRevoke }: { invitations: TInvitation[]; onRevoke: (i: TInvitation) => Promise<void> }) {
  const revoking = useRevokeConfirmation(onRevoke);

  if (invitations.length === 0) return <p className="py-4 text-sm text-zinc-500">No open invitations.</p>;

  return (
    <Table label="Pending invitations">
      <thead>
        <tr>
          <Th>E-mail</Th>
          <Th>Role</Th>
          <Th>Invited</Th>
          <Th>Expires</Th>
          <ActionsTh />
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
              <ConfirmRevoke row={i} state={revoking} question="Revoke the link?" label={`Revoke the invitation of ${i.email}`} confirmLabel={`Confirm revoking the invitation of ${i.email}`} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
