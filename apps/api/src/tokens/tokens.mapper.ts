import type { TApiToken } from '@portico/contracts';

interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  role: TApiToken['role'];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  user: { id: string; email: string };
}

/** Explicit field list: the token hash (or any column added later) never reaches a response. */
export function toApiTokenDto(row: ApiTokenRow): TApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    createdBy: { id: row.user.id, email: row.user.email },
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
