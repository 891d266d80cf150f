'use client';

import { ROLES, type TMember, type TRole } from '@portico/contracts';
import { Badge } from '@/modules/ui/components/badge';
import { Button } from '@/modules/ui/components/button';
import { selectClass } from '@/modules/ui/components/field';
import { ActionsTh, Table, Td, Th } from '@/modules/ui/components/table';
import { formatDate } from '@/modules/ui/lib/format';

export function MembersTable({
  members,
  myUserId,
  busyId,
  onRole,
  onDisabled,
}: {
  members: TMember[];
  myUserId: string;
  busyId: string | null;
  onRole: (m: TMember, role: TRole) => void;
  onDisabled: (m: TMember, disabled: boolean) => void;
}) {
  return (
    <Table label="Members">
      <thead>
        <tr>
          <Th>E-mail</Th>
          <Th>Name</Th>
          <Th>Role</Th>
          <Th>Status</Th>
          <Th>Member since</Th>
          <ActionsTh />
        </tr>
      </thead>
      <tbody>
        {members.map((m) => {
          const isMe = m.id === myUserId;
          const busy = busyId === m.id;
          return (
            <tr key={m.id} data-member-email={m.email}>
              <Td className="font-medium text-zinc-900">
                {m.email}
                {isMe && (
                  <span className="ml-2">
                    <Badge>you</Badge>
                  </span>
                )}
              </Td>
              <Td>{m.name}</Td>
              <Td>
                <label htmlFor={`role-${m.id}`} className="sr-only">
                  Role of {m.email}
                </label>
                <select
                  id={`role-${m.id}`}
                  value={m.role}
                  disabled={busy || isMe}
                  title={isMe ? 'You cannot change your own role' : undefined}
                  onChange={(e) => onRole(m, e.target.value as TRole)}
                  className={`${selectClass} h-8 w-28 py-1`}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
              </Td>
              <Td>{m.disabled ? <Badge tone="danger">disabled</Badge> : <Badge tone="success">active</Badge>}</Td>
              <Td className="whitespace-nowrap text-zinc-600 tabular-nums">{formatDate(m.createdAt)}</Td>
              <Td className="text-right">
                {!isMe && (
                  <Button size="sm" variant="secondary" disabled={busy} onClick={() => onDisabled(m, !m.disabled)} aria-label={`${m.disabled ? 'Enable' : 'Disable'} ${m.email}`}>
                    {m.disabled ? 'Enable' : 'Disable'}
                  </Button>
                )}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
