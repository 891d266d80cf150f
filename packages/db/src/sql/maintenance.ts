import type { Sql } from './pool.js';

/** Deletes expired sessions (absolute or idle) and rate-limit buckets whose window has passed. */
export async function pruneExpired(sql: Sql, options: { now: Date; idleCutoff: Date }): Promise<{ sessions: number; rateLimits: number }> {
  const sessions = await sql.query(`DELETE FROM "Session" WHERE "expiresAt" < $1 OR "lastSeenAt" < $2`, [options.now, options.idleCutoff]);
  const rateLimits = await sql.query(`DELETE FROM "RateLimitBucket" WHERE "resetAt" < $1`, [options.now]);
  return { sessions: sessions.rowCount ?? 0, rateLimits: rateLimits.rowCount ?? 0 };
}
