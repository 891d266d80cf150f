'use client';

import type { TApiToken } from '@portico/contracts';
import { Badge } from '@/modules/ui/components/badge';
import { ConfirmRevoke, useRevokeConfirmation } from '@/modules/ui/components/confirm-revoke';
import { RoleBadge } from '@/modules/ui/components/role-badge';
import { ActionsTh, Table, Td, Th } from '@/modules/ui/components/table';
import { formatDate, formatDateTime } from '@/modules/ui/lib/format';
import { tokenStatus } from '../lib/token-status';

const statusTone = { active: 'success', expired: 'warning', revoked: 'danger' } as const;

export function TokensTable({ tokens, canRevoke, onRevoke }: { tokens: TApiToken[]; canRevoke: (t: TApiToken) => boolean; onRevoke: (t: TApiToken) => Promise<void> }) {
  const revoking = useRevokeConfirmation(onRevoke);

  if (tokens.length === 0) {
    return <p className="py-6 text-center text-sm text-zinc-500">No API tokens yet. Create one above to call the API from scripts and CI.</p>;
  }

  return (
    <Table label="API tokens">
      <thead>
        <tr>
          <Th>Token</Th>
          <Th>Role</Th>
          <Th>Created</Th>
          <Th>Expires</Th>
          <Th>Last used</Th>
          <Th>Status</Th>
          <ActionsTh />
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => {
          const status = tokenStatus(t);
          return (
            <tr key={t.id} data-token-id={t.id}>
              <Td className="max-w-64">
                <span className="block font-medium break-words text-zinc-900">{t.name}</span>
                <code className="mt-0.5 inline-block font-mono text-xs text-zinc-500">{t.prefix}…</code>
              </Td>
              <Td>
                <RoleBadge role={t.role} />
              </Td>
              <Td className="whitespace-nowrap text-zinc-600 tabular-nums">
                {formatDateTime(t.createdAt)}
                <span className="block text-xs text-zinc-500">by {t.createdBy.email}</span>
              </Td>
              <Td className="whitespace-nowrap text-zinc-600 tabular-nums">{t.expiresAt ? formatDate(t.expiresAt) : 'Never'}</Td>
              <Td className="whitespace-nowrap text-zinc-600 tabular-nums">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never'}</Td>
              <Td>
                <Badge tone={statusTone[status]}>{status}</Badge>
              </Td>
              <Td className="text-right whitespace-nowrap">
                {status !== 'revoked' && canRevoke(t) ? (
                  <ConfirmRevoke row={t} state={revoking} question="Revoke for good?" label={`Revoke token ${t.name}`} confirmLabel={`Confirm revoking token ${t.name}`} />
                ) : null}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
