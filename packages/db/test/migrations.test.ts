import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { applyMigrations, createFreshDatabase, defaultMigrationsDir, dropDatabase } from '../src/index.js';

const created: string[] = [];
async function freshDb() {
  const url = await createFreshDatabase(inject('databaseBaseUrl'), 'portico_migrate');
  created.push(url);
  return url;
}
afterEach(async () => {
  while (created.length) await dropDatabase(created.pop()!);
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('migration runner', () => {
  it('applies every migration once and keeps Prisma’s bookkeeping', async () => {
    const url = await freshDb();
    const first = await applyMigrations(url);
    expect(first.applied.length).toBeGreaterThan(0);
    expect((await applyMigrations(url)).applied).toEqual([]);
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date; applied_steps_count: number }>(url, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    const sql = await readFile(path.join(defaultMigrationsDir(), first.applied[0], 'migration.sql'), 'utf8');
    const { createHash } = await import('node:crypto');
    expect(rows[0].checksum).toBe(createHash('sha256').update(sql).digest('hex'));
    expect(rows.every((r) => r.finished_at && r.applied_steps_count === 1)).toBe(true);
  });

  it('lets concurrent starters wait for each other instead of racing', async () => {
    const url = await freshDb();
    const results = await Promise.all([applyMigrations(url), applyMigrations(url), applyMigrations(url)]);
    expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
  });

  it('refuses a migration edited after it was applied', async () => {
    const url = await freshDb();
    const dir = await mkdtemp(path.join(tmpdir(), 'migrations-'));
    await cp(defaultMigrationsDir(), dir, { recursive: true });
    await applyMigrations(url, dir);
    const [name] = (await import('node:fs')).readdirSync(dir).filter((n) => !n.endsWith('.toml'));
    await writeFile(path.join(dir, name, 'migration.sql'), '-- edited\nSELECT 1;');
    await expect(applyMigrations(url, dir)).rejects.toThrow(/changed after it was applied/);
  });

  it('rolls back a failing migration entirely', async () => {
    const url = await freshDb();
    const dir = await mkdtemp(path.join(tmpdir(), 'migrations-'));
    await cp(defaultMigrationsDir(), dir, { recursive: true });
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(dir, '99999999999999_broken'));
    await writeFile(path.join(dir, '99999999999999_broken', 'migration.sql'), 'CREATE TABLE "Half" (id int);\nSELECT * FROM no_such_table;');
    await expect(applyMigrations(url, dir)).rejects.toThrow(/99999999999999_broken failed/);
    expect(await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`)).toHaveLength(0);
    expect(await query(url, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99999999999999_broken'`)).toHaveLength(0);
  });
});
