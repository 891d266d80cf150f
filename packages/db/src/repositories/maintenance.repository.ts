import type { Tx } from '../client.js';

/** Removes sessions past their absolute or idle lifetime and rate-limit windows that ended. */
export async function pruneExpired(tx: Tx, options: { now: Date; idleCutoff: Date }): Promise<{ sessions: number; rateLimits: number }> {
  const sessions = await tx.session.deleteMany({ where: { OR: [{ expiresAt: { lt: options.now } }, { lastSeenAt: { lt: options.idleCutoff } }] } });
  const rateLimits = await tx.rateLimitBucket.deleteMany({ where: { resetAt: { lt: options.now } } });
  return { sessions: sessions.count, rateLimits: rateLimits.count };
}
