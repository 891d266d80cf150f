import type { Tx } from '../client.js';
import type { Role } from '../generated/prisma/enums.js';
import { afterCursor, newestFirst, type PageRequest, toPage } from '../pagination.js';

/** Still open: neither accepted, declined nor revoked (it may have expired: callers check). */
const open = { acceptedAt: null, declinedAt: null, revokedAt: null };
const withNames = { organization: { select: { id: true, name: true, slug: true } }, invitedBy: { select: { name: true } } } as const;

/**
 * Creates the invitation of `email` to the organization, or replaces the existing row of that
 * pair (a new secret, role and dates; the old link stops working).
 */
export function upsertInvitation(tx: Tx, organizationId: string, data: { email: string; role: Role; invitedById: string; tokenHash: string; expiresAt: Date }) {
  const fresh = { role: data.role, invitedById: data.invitedById, tokenHash: data.tokenHash, expiresAt: data.expiresAt, createdAt: new Date(), acceptedAt: null, declinedAt: null, revokedAt: null };
  return tx.invitation.upsert({
    where: { organizationId_email: { organizationId, email: data.email } },
    create: { organizationId, email: data.email, ...fresh },
    update: fresh,
    include: withNames,
  });
}

/** Open invitations of one organization, newest first (expired ones included, to be revoked or re-sent). */
export async function listOpenInvitations(tx: Tx, organizationId: string, page: PageRequest) {
  const rows = await tx.invitation.findMany({
    where: { organizationId, ...open, ...afterCursor(page.cursor, 'invitations') },
    include: withNames,
    orderBy: newestFirst,
    take: page.limit + 1,
  });
  return toPage(rows, page.limit, 'invitations');
}

/** Marks an open invitation of this organization revoked; false when there is none. */
export async function revokeInvitation(tx: Tx, organizationId: string, id: string, at: Date) {
  const { count } = await tx.invitation.updateMany({ where: { id, organizationId, ...open }, data: { revokedAt: at } });
  return count === 1;
}

/** Open, unexpired invitations addressed to an e-mail, across organizations. */
export function listPendingInvitationsFor(tx: Tx, email: string, now: Date) {
  return tx.invitation.findMany({ where: { email, ...open, expiresAt: { gt: now } }, include: withNames, orderBy: newestFirst, take: 100 });
}

/** The open, unexpired invitation behind a secret's hash. */
export function findPendingInvitationByTokenHash(tx: Tx, tokenHash: string, now: Date) {
  return tx.invitation.findFirst({ where: { tokenHash, ...open, expiresAt: { gt: now } }, include: withNames });
}

/** The open, unexpired invitation `id` addressed to `email`. */
export function findPendingInvitationFor(tx: Tx, id: string, email: string, now: Date) {
  return tx.invitation.findFirst({ where: { id, email, ...open, expiresAt: { gt: now } }, include: withNames });
}

/**
 * Closes an open invitation as accepted or declined. A conditional update, so of two
 * concurrent answers exactly one wins; false for the other.
 */
export async function answerInvitation(tx: Tx, id: string, answer: 'accepted' | 'declined', at: Date) {
  const { count } = await tx.invitation.updateMany({
    where: { id, ...open, expiresAt: { gt: at } },
    data: answer === 'accepted' ? { acceptedAt: at } : { declinedAt: at },
  });
  return count === 1;
}
