import pg from 'pg';

/**
 * Plain SQL over node-postgres, for the code whose work is set-based SQL anyway: the worker
 * (sync writes, leases, status) and the inventory reads. It loads in a few MB, where the
 * Prisma client's query compiler costs a process ≈ 85 MB of RSS and a few hundred µs of CPU
 * per query (measured in `npm run bench:sync`). Modelled CRUD stays with Prisma (`createDb`).
 */
export type Sql = Pick<pg.Pool, 'query'>;
export type SqlPool = pg.Pool;

/**
 * Commits are synchronous for every pool, the sync's included: with `synchronous_commit=off`
 * a Postgres crash loses writes already acknowledged, and a watch that sees no further event
 * would never redo them (docs/database.md, "Durability of the synced copy").
 * `statementTimeoutMs`: Postgres cancels a statement that runs longer (SQLSTATE 57014), so a
 * runaway query cannot hold a connection, and the server's CPU, for everyone (issue 8). The
 * sync's COPY loads one page (500 rows) per statement, well inside it; migrations use their own
 * connection without it.
 * @see https://www.postgresql.org/docs/current/runtime-config-client.html#GUC-STATEMENT-TIMEOUT
 */
export function createSqlPool(connectionString: string, options: { max?: number; applicationName?: string; statementTimeoutMs?: number } = {}): SqlPool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
  });
  // An idle client whose server went away emits 'error' on the pool; without a listener that
  // would crash the process. The next query gets a fresh connection (or fails and is retried).
  pool.on('error', () => undefined);
  return pool;
}
