import type { Tx } from '../client.js';

export function createSession(tx: Tx, data: { tokenHash: string; csrfToken: string; userId: string; organizationId: string; expiresAt: Date; ip?: string; userAgent?: string }) {
  return tx.session.create({ data });
}

/** The session with its user and its membership in the session's organization. */
export async function findSessionByTokenHash(tx: Tx, tokenHash: string) {
  const session = await tx.session.findUnique({ where: { tokenHash }, include: { user: true, organization: true } });
  if (!session) return null;
  const membership = await tx.membership.findUnique({ where: { userId_organizationId: { userId: session.userId, organizationId: session.organizationId } } });
  return { ...session, membership };
}

export function touchSession(tx: Tx, id: string, lastSeenAt: Date) {
  return tx.session.updateMany({ where: { id }, data: { lastSeenAt } });
}

export function switchSessionOrganization(tx: Tx, id: string, organizationId: string) {
  return tx.session.update({ where: { id }, data: { organizationId } });
}

export function deleteSession(tx: Tx, id: string) {
  return tx.session.deleteMany({ where: { id } });
}

/** Ends every session a member has open in one organization (role change or disable). */
export function deleteMemberSessions(tx: Tx, organizationId: string, userId: string) {
  return tx.session.deleteMany({ where: { organizationId, userId } });
}

/** Ends every session of a user except `keepId` (after a password change), in every organization. */
export function deleteOtherSessions(tx: Tx, userId: string, keepId: string) {
  return tx.session.deleteMany({ where: { userId, id: { not: keepId } } });
}
