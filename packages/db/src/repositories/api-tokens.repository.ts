import type { Tx } from '../client.js';
import type { Role } from '../generated/prisma/enums.js';
import { afterCursor, newestFirst, type PageRequest, toPage } from '../pagination.js';

/** API tokens of one organization; `userId` narrows to one creator's tokens. */
export async function listApiTokens(tx: Tx, organizationId: string, page: PageRequest & { userId?: string }) {
  const rows = await tx.apiToken.findMany({
    where: { organizationId, ...(page.userId ? { userId: page.userId } : {}), ...afterCursor(page.cursor) },
    include: { user: { select: { id: true, email: true } } },
    orderBy: newestFirst,
    take: page.limit + 1,
  });
  return toPage(rows, page.limit);
}

export function createApiToken(
  tx: Tx,
  organizationId: string,
  data: { userId: string; name: string; prefix: string; tokenHash: string; role: Role; expiresAt: Date | null },
) {
  return tx.apiToken.create({ data: { organizationId, ...data }, include: { user: { select: { id: true, email: true } } } });
}

export function findApiToken(tx: Tx, organizationId: string, id: string) {
  return tx.apiToken.findFirst({ where: { id, organizationId } });
}

export function revokeApiToken(tx: Tx, organizationId: string, id: string, at: Date) {
  return tx.apiToken.updateMany({ where: { id, organizationId, revokedAt: null }, data: { revokedAt: at } });
}

/**
 * Authentication lookup by secret hash: the token, its creator and the creator's membership
 * in the token's organization, in one round trip (it runs on every API call made with a token).
 * It is the one query not bound to an organization: the token itself names its organization,
 * and the caller is then scoped to it.
 */
export async function findApiTokenByHash(tx: Tx, tokenHash: string) {
  const rows = await tx.$queryRaw<
    {
      id: string;
      organizationId: string;
      userId: string;
      role: Role;
      expiresAt: Date | null;
      lastUsedAt: Date | null;
      revokedAt: Date | null;
      email: string;
      userName: string;
      memberRole: Role | null;
      memberDisabledAt: Date | null;
      isMember: boolean;
    }[]
  >`
    SELECT t.id, t."organizationId", t."userId", t.role, t."expiresAt", t."lastUsedAt", t."revokedAt",
           u.email, u.name AS "userName", m.role AS "memberRole", m."disabledAt" AS "memberDisabledAt", m.id IS NOT NULL AS "isMember"
    FROM "ApiToken" t
    JOIN "User" u ON u.id = t."userId"
    LEFT JOIN "Membership" m ON m."userId" = t."userId" AND m."organizationId" = t."organizationId"
    WHERE t."tokenHash" = ${tokenHash}`;
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    organizationId: r.organizationId,
    userId: r.userId,
    role: r.role,
    expiresAt: r.expiresAt,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
    user: { email: r.email, name: r.userName },
    membership: r.isMember ? { role: r.memberRole!, disabledAt: r.memberDisabledAt } : null,
  };
}

export function markApiTokenUsed(tx: Tx, id: string, at: Date) {
  return tx.apiToken.updateMany({ where: { id }, data: { lastUsedAt: at } });
}
