import type { TMember } from '@portico/contracts';

interface MembershipRow {
  role: TMember['role'];
  disabledAt: Date | null;
  createdAt: Date;
  user: { id: string; email: string; name: string };
}

/** Explicit field list: the password hash never reaches a response. */
export function toMemberDto(row: MembershipRow): TMember {
  return { id: row.user.id, email: row.user.email, name: row.user.name, role: row.role, disabled: row.disabledAt !== null, createdAt: row.createdAt.toISOString() };
}
