import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.js';

export { Prisma, PrismaClient } from './generated/prisma/client.js';
export type { Role } from './generated/prisma/enums.js';

export type Db = PrismaClient;
/** A Prisma transaction client: services open transactions and pass `tx` down to repositories. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/**
 * The one way to get a Prisma client: the pg driver adapter, no Prisma engine binary.
 * `statementTimeoutMs`: Postgres cancels any statement running longer (SQLSTATE 57014).
 */
export function createDb(connectionString: string, options: { max?: number; statementTimeoutMs?: number } = {}): Db {
  return new PrismaClient({
    adapter: new PrismaPg({
      connectionString,
      max: options.max ?? 10,
      // Postgres cancels a statement that runs longer (see createSqlPool).
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    }),
  });
}
