/**
 * `node dist/bootstrap/cli.js`: applies migrations and creates the first organization and
 * admin on an empty database. Containers run it before the API; `npm start` does the same
 * through scripts/start.mjs. The generated password goes to stdout once, not to the log.
 */
import { applyMigrations, createDb } from '@portico/db';
import { z } from 'zod';
import { ensureFirstAdmin } from './ensure-first-admin.js';

const env = z
  .object({
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string'),
    // docker-compose passes unset variables as empty strings.
    PORTICO_ADMIN_EMAIL: z.preprocess((v) => v || undefined, z.email().optional()),
    PORTICO_ADMIN_PASSWORD: z.preprocess((v) => v || undefined, z.string().min(12, 'must be at least 12 characters').optional()),
  })
  .safeParse(process.env);
if (!env.success) {
  process.stderr.write(`portico-bootstrap: ${env.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n`);
  process.exit(78);
}
const { applied } = await applyMigrations(env.data.DATABASE_URL);
process.stdout.write(applied.length ? `Applied migrations: ${applied.join(', ')}\n` : 'Database schema is up to date.\n');
const db = createDb(env.data.DATABASE_URL, { max: 1 });
const admin = await ensureFirstAdmin(db, { email: env.data.PORTICO_ADMIN_EMAIL, password: env.data.PORTICO_ADMIN_PASSWORD });
await db.$disconnect();
if (admin.created) {
  process.stdout.write(`Created the first admin: ${admin.email}${admin.generatedPassword ? `  password: ${admin.generatedPassword}  (shown once)` : ''}\n`);
}
