import type { Tx } from '../client.js';

/**
 * Fixed-window counter in Postgres, shared by every API replica. One statement, so two
 * replicas counting the same key at once cannot lose an increment.
 * Returns the count in the current window and when the window resets.
 */
export async function hitRateLimit(tx: Tx, key: string, windowMs: number): Promise<{ count: number; resetAt: Date }> {
  const rows = await tx.$queryRaw<{ count: number; resetAt: Date }[]>`
    INSERT INTO "RateLimitBucket" ("key", "count", "resetAt")
    VALUES (${key}, 1, now() + ${windowMs} * interval '1 millisecond')
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."resetAt" <= now() THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "resetAt" = CASE WHEN "RateLimitBucket"."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE "RateLimitBucket"."resetAt" END
    RETURNING "count", "resetAt"`;
  const row = rows[0];
  if (!row) throw new Error('rate limit upsert returned no row');
  return row;
}

/** The current window of a key without counting a hit (null when none is open). */
export async function peekRateLimit(tx: Tx, key: string): Promise<{ count: number; resetAt: Date } | null> {
  const row = await tx.rateLimitBucket.findUnique({ where: { key } });
  return row && row.resetAt > new Date() ? { count: row.count, resetAt: row.resetAt } : null;
}

/** Gives back one hit of the current window (a reserved attempt that turned out not to count). */
export function refundRateLimit(tx: Tx, key: string) {
  return tx.$executeRaw`UPDATE "RateLimitBucket" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ${key} AND "resetAt" > now()`;
}

export function clearRateLimit(tx: Tx, key: string) {
  return tx.rateLimitBucket.deleteMany({ where: { key } });
}
