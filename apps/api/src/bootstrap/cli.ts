/**
 * `node dist/bootstrap/cli.js`: applies migrations and creates the first organization and
 * admin on an empty database. Containers run it before the API; `npm start` does the same
 * through scripts/stack.mjs. The generated password goes to stdout once, not to the log.
 * With `--json`, stdout is one JSON object instead (`{ applied, admin }`): scripts/stack.mjs
 * reads it and prints the password in its own summary, still once.
 *
 * `node dist/bootstrap/cli.js rotate-secret-key` (`npm run rotate-secret-key`): re-seals every
 * cluster's credentials under PORTICO_SECRET_KEY; see rotate-secret-key.ts.
 *
 * `node dist/bootstrap/cli.js demo-cluster`: registers `npm start`'s simulator as the first
 * organization's cluster `demo`, from `{ server, caPem, token }` on stdin (a token is kept out
 * of argv and env, which other processes can read); see ensure-demo-cluster.ts.
 */
import { applyMigrations, createCredentialCipher, createDb } from '@portico/db';
import { z } from 'zod';
import { BOOTSTRAP_COMMANDS, type BootstrapCommand, parseBootstrapEnv } from '../env.js';
import { ensureDemoCluster } from './ensure-demo-cluster.js';
import { ensureFirstAdmin } from './ensure-first-admin.js';
import { rotateSecretKey } from './rotate-secret-key.js';

const args = process.argv.slice(2);
const command = args.find((a) => !a.startsWith('--')) ?? 'bootstrap';
const json = args.includes('--json');
if (!BOOTSTRAP_COMMANDS.includes(command as BootstrapCommand)) {
  process.stderr.write(`portico-bootstrap: unknown command "${command}" (expected ${BOOTSTRAP_COMMANDS.join(', ')})\n`);
  process.exit(64);
}

let env: ReturnType<typeof parseBootstrapEnv>;
try {
  env = parseBootstrapEnv(command as BootstrapCommand);
} catch (e) {
  process.stderr.write(`portico-bootstrap: ${(e as Error).message}\n`);
  process.exit(78);
}
if (command === 'rotate-secret-key') {
  const db = createDb(env.DATABASE_URL, { max: 1 });
  const keys = { current: env.PORTICO_SECRET_KEY!, previous: env.PORTICO_SECRET_KEY_PREVIOUS };
  const { exitCode } = await rotateSecretKey(db, keys, (line) => process.stdout.write(`${line}\n`)).finally(() => db.$disconnect());
  process.exit(exitCode);
}
if (command === 'demo-cluster') {
  const ZSimulator = z.object({ server: z.url(), caPem: z.string().min(1), token: z.string().min(1) });
  const sim = ZSimulator.parse(JSON.parse(await readStdin()));
  const db = createDb(env.DATABASE_URL, { max: 1 });
  const cipher = createCredentialCipher(env.PORTICO_SECRET_KEY!, env.PORTICO_SECRET_KEY_PREVIOUS.split(','));
  const registered = await ensureDemoCluster(db, cipher, sim).finally(() => db.$disconnect());
  process.stdout.write(json ? `${JSON.stringify(registered)}\n` : `Demo cluster registered: ${registered.clusterId} at ${sim.server}\n`);
  process.exit(0);
}
const { applied } = await applyMigrations(env.DATABASE_URL, env.PORTICO_MIGRATIONS_DIR);
if (!json) process.stdout.write(applied.length ? `Applied migrations: ${applied.join(', ')}\n` : 'Database schema is up to date.\n');
const db = createDb(env.DATABASE_URL, { max: 1 });
const admin = await ensureFirstAdmin(db, { email: env.PORTICO_ADMIN_EMAIL, password: env.PORTICO_ADMIN_PASSWORD });
await db.$disconnect();
if (json) process.stdout.write(`${JSON.stringify({ applied, admin })}\n`);
else if (admin.created) {
  process.stdout.write(`Created the first admin: ${admin.email}${admin.generatedPassword ? `  password: ${admin.generatedPassword}  (shown once)` : ''}\n`);
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text;
}
