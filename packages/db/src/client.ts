import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.js';

export { Prisma, PrismaClient } from './generated/prisma/client.js';
export type { Role } from './generated/prisma/enums.js';

export type Db = PrismaClient;
/** A Prisma transaction client: services open transactions and pass `tx` down to repositories. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/**
 * The one way to get a Prisma client: the pg driver adapter, no Prisma engine binary.
 * `asyncCommit`: commits return before the WAL reaches disk. Only for writes that can be
 * redone — the sync engine's copy of a cluster is rebuilt by the next relist if a crash loses
 * its last commits — never for users, tokens, changes or audit.
 * @see https://www.postgresql.org/docs/current/wal-async-commit.html
 */
export function createDb(connectionString: string, options: { max?: number; asyncCommit?: boolean } = {}): Db {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: options.max ?? 10, ...(options.asyncCommit ? { options: '-c synchronous_commit=off' } : {}) }),
  });
}
