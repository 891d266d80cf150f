/**
 * `node dist/bootstrap/cli.js`: applies migrations and creates the first organization and
 * admin on an empty database. Containers run it before the API; `npm start` does the same
 * through scripts/start.mjs. The generated password goes to stdout once, not to the log.
 *
 * `node dist/bootstrap/cli.js rotate-secret-key` (`npm run rotate-secret-key`): re-seals every
 * cluster's credentials under PORTICO_SECRET_KEY; see rotate-secret-key.ts.
 */
import { applyMigrations, createDb } from '@portico/db';
import { z } from 'zod';
import { ZSecretKey } from '../env.js';
import { ensureFirstAdmin } from './ensure-first-admin.js';
import { rotateSecretKey } from './rotate-secret-key.js';

const command = process.argv[2] ?? 'bootstrap';
if (command !== 'bootstrap' && command !== 'rotate-secret-key') {
  process.stderr.write(`portico-bootstrap: unknown command "${command}" (expected bootstrap or rotate-secret-key)\n`);
  process.exit(64);
}

const env = z
  .object({
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string'),
    // docker-compose passes unset variables as empty strings.
    PORTICO_ADMIN_EMAIL: z.preprocess((v) => v || undefined, z.email().optional()),
    PORTICO_ADMIN_PASSWORD: z.preprocess((v) => v || undefined, z.string().min(12, 'must be at least 12 characters').optional()),
    // Only the rotation reads the keys; bootstrapping must not fail on an unset or empty one.
    PORTICO_SECRET_KEY: command === 'rotate-secret-key' ? ZSecretKey : z.string().optional(),
    PORTICO_SECRET_KEY_PREVIOUS: z.string().default(''),
  })
  .safeParse(process.env);
if (!env.success) {
  process.stderr.write(`portico-bootstrap: ${env.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n`);
  process.exit(78);
}
if (command === 'rotate-secret-key') {
  const db = createDb(env.data.DATABASE_URL, { max: 1 });
  const keys = { current: env.data.PORTICO_SECRET_KEY!, previous: env.data.PORTICO_SECRET_KEY_PREVIOUS };
  const { exitCode } = await rotateSecretKey(db, keys, (line) => process.stdout.write(`${line}\n`)).finally(() => db.$disconnect());
  process.exit(exitCode);
}
const { applied } = await applyMigrations(env.data.DATABASE_URL);
process.stdout.write(applied.length ? `Applied migrations: ${applied.join(', ')}\n` : 'Database schema is up to date.\n');
const db = createDb(env.data.DATABASE_URL, { max: 1 });
const admin = await ensureFirstAdmin(db, { email: env.data.PORTICO_ADMIN_EMAIL, password: env.data.PORTICO_ADMIN_PASSWORD });
await db.$disconnect();
if (admin.created) {
  process.stdout.write(`Created the first admin: ${admin.email}${admin.generatedPassword ? `  password: ${admin.generatedPassword}  (shown once)` : ''}\n`);
}
