import type { TRole as Role } from '@portico/contracts';
import type { Sql } from './pool.js';

export interface ApiTokenForAuth {
  id: string;
  organizationId: string;
  userId: string;
  role: Role;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  user: { email: string; name: string };
  membership: { role: Role; disabledAt: Date | null } | null;
}

/**
 * Authentication lookup by secret hash: the token, its creator and the creator's membership
 * in the token's organization, in one round trip and one prepared plan (it runs on every API
 * call made with a token). It is the one query not bound to an organization: the token itself
 * names its organization, and the caller is then scoped to it.
 */
export async function findApiTokenByHash(sql: Sql, tokenHash: string): Promise<ApiTokenForAuth | null> {
  const result = await sql.query<Omit<ApiTokenForAuth, 'user' | 'membership'> & { email: string; userName: string; memberRole: Role | null; memberDisabledAt: Date | null }>({
    name: 'api_token_by_hash',
    text: `SELECT t.id, t."organizationId", t."userId", t.role::text AS role, t."expiresAt", t."lastUsedAt", t."revokedAt",
             u.email, u.name AS "userName", m.role::text AS "memberRole", m."disabledAt" AS "memberDisabledAt"
           FROM "ApiToken" t
           JOIN "User" u ON u.id = t."userId"
           LEFT JOIN "Membership" m ON m."userId" = t."userId" AND m."organizationId" = t."organizationId"
           WHERE t."tokenHash" = $1`,
    values: [tokenHash],
  });
  const r = result.rows[0];
  if (!r) return null;
  const { email, userName, memberRole, memberDisabledAt, ...token } = r;
  return {
    ...token,
    user: { email, name: userName },
    membership: memberRole ? { role: memberRole, disabledAt: memberDisabledAt } : null,
  };
}
