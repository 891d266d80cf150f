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
 * `asyncCommit`: commits return before the WAL reaches disk. Only for writes that can be
 * redone — the sync engine's copy of a cluster is rebuilt by the next relist if a crash loses
 * its last commits — never for users, tokens, changes or audit.
 * @see https://www.postgresql.org/docs/current/wal-async-commit.html
 */
export function createSqlPool(connectionString: string, options: { max?: number; asyncCommit?: boolean; applicationName?: string } = {}): SqlPool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    ...(options.applicationName ? { application_name: options.applicationName } : {}),
    ...(options.asyncCommit ? { options: '-c synchronous_commit=off' } : {}),
  });
  // An idle client whose server went away emits 'error' on the pool; without a listener that
  // would crash the process. The next query gets a fresh connection (or fails and is retried).
  pool.on('error', () => undefined);
  return pool;
}
