import type { Tx } from '../client.js';
import type { Role } from '../generated/prisma/enums.js';
import { afterCursor, newestFirst, type PageRequest, toPage } from '../pagination.js';

/** Memberships of one organization. Every query is bound to `organizationId`. */
export async function listMembers(tx: Tx, organizationId: string, page: PageRequest) {
  const rows = await tx.membership.findMany({
    where: { organizationId, ...afterCursor(page.cursor, 'members') },
    include: { user: true },
    orderBy: newestFirst,
    take: page.limit + 1,
  });
  return toPage(rows, page.limit, 'members');
}

export function findMember(tx: Tx, organizationId: string, userId: string) {
  return tx.membership.findUnique({ where: { userId_organizationId: { userId, organizationId } }, include: { user: true } });
}

export function addMember(tx: Tx, organizationId: string, data: { userId: string; role: Role }) {
  return tx.membership.create({ data: { organizationId, ...data }, include: { user: true } });
}

export function updateMember(tx: Tx, organizationId: string, userId: string, data: { role?: Role; disabledAt?: Date | null }) {
  return tx.membership.update({ where: { userId_organizationId: { userId, organizationId } }, data, include: { user: true } });
}

export function countActiveAdmins(tx: Tx, organizationId: string) {
  return tx.membership.count({ where: { organizationId, role: 'admin', disabledAt: null } });
}

/** The membership of whoever has `email`, in this organization; one query whether or not the account exists. */
export function findMemberByEmail(tx: Tx, organizationId: string, email: string) {
  return tx.membership.findFirst({ where: { organizationId, user: { email } } });
}
