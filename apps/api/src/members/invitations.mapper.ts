import type { TInvitation, TMyInvitation, TRole } from '@portico/contracts';

interface InvitationRow {
  id: string;
  email: string;
  role: TRole;
  createdAt: Date;
  expiresAt: Date;
  organization: { id: string; name: string; slug: string };
  invitedBy: { name: string } | null;
}

/** Explicit field list: the secret's hash and the answer dates never reach a response. */
export function toInvitationDto(row: InvitationRow, now: Date): TInvitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    invitedBy: row.invitedBy?.name ?? null,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    expired: row.expiresAt <= now,
  };
}

/** What the invitee sees: which organization, as whom, with which role. */
export function toMyInvitationDto(row: InvitationRow): TMyInvitation {
  return {
    id: row.id,
    organization: { id: row.organization.id, name: row.organization.name, slug: row.organization.slug },
    email: row.email,
    role: row.role,
    invitedBy: row.invitedBy?.name ?? null,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}
