import type { Tx } from '../client.js';
import { pendingMigrations } from '../migrate.js';

/** Ready = the database answers and every migration on disk is applied (the API's /readyz). */
export async function checkReadiness(db: Tx, migrationsDir?: string): Promise<{ database: boolean; migrations: boolean }> {
  let database = false;
  let migrations = false;
  try {
    await db.$queryRaw`SELECT 1`;
    database = true;
    migrations = (await pendingMigrations((sql) => db.$queryRawUnsafe(sql), migrationsDir)).length === 0;
  } catch {
    // reported as not ready
  }
  return { database, migrations };
}
