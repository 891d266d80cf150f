/**
 * Vitest global setup shared by every workspace: a real, migrated Postgres database for this
 * run. `npm test` (scripts/test.mjs) creates it once and passes PORTICO_TEST_DATABASE_URL; a
 * bare `npx vitest` in a package makes its own fresh one (DATABASE_URL's server, else the
 * embedded server in .data/test-postgres).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export default async function setup(project: TestProject) {
  if (process.env.PORTICO_TEST_DATABASE_URL && process.env.PORTICO_TEST_DATABASE_BASE_URL) {
    project.provide('databaseUrl', process.env.PORTICO_TEST_DATABASE_URL);
    project.provide('databaseBaseUrl', process.env.PORTICO_TEST_DATABASE_BASE_URL);
    return;
  }
  const db = await import('@portico/db');
  let baseUrl = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!baseUrl) {
    const server = await db.startEmbeddedDatabase({ dataDir: path.join(root, '.data/test-postgres'), port: 54331 });
    baseUrl = server.adminUrl;
    stop = () => server.stop();
  }
  const url = await db.createFreshDatabase(baseUrl);
  await db.applyMigrations(url);
  project.provide('databaseUrl', url);
  project.provide('databaseBaseUrl', baseUrl);
  return async () => {
    await db.dropDatabase(url).catch(() => undefined);
    await stop();
  };
}
