import type { Tx } from '../client.js';
import type { Role } from '../generated/prisma/enums.js';
import { afterCursor, newestFirst, type PageRequest, toPage } from '../pagination.js';

/** API tokens of one organization; `userId` narrows to one creator's tokens. */
export async function listApiTokens(tx: Tx, organizationId: string, page: PageRequest & { userId?: string }) {
  const rows = await tx.apiToken.findMany({
    where: { organizationId, ...(page.userId ? { userId: page.userId } : {}), ...afterCursor(page.cursor, 'api-tokens') },
    include: { user: { select: { id: true, email: true } } },
    orderBy: newestFirst,
    take: page.limit + 1,
  });
  return toPage(rows, page.limit, 'api-tokens');
}

export function createApiToken(tx: Tx, organizationId: string, data: { userId: string; name: string; prefix: string; tokenHash: string; role: Role; expiresAt: Date | null }) {
  return tx.apiToken.create({ data: { organizationId, ...data }, include: { user: { select: { id: true, email: true } } } });
}

export function findApiToken(tx: Tx, organizationId: string, id: string) {
  return tx.apiToken.findFirst({ where: { id, organizationId } });
}

export function revokeApiToken(tx: Tx, organizationId: string, id: string, at: Date) {
  return tx.apiToken.updateMany({ where: { id, organizationId, revokedAt: null }, data: { revokedAt: at } });
}

export function markApiTokenUsed(tx: Tx, id: string, at: Date) {
  return tx.apiToken.updateMany({ where: { id }, data: { lastUsedAt: at } });
}
