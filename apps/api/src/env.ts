import { clusterClientEnvShape } from '@portico/kube';
import { z } from 'zod';

/**
 * The API's configuration, parsed once at boot (the first thing main.ts does). Nothing else
 * reads process.env. A bad value stops the process with a message naming the variable.
 */
const ZBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const ZSecretKey = z.string().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 random bytes, base64-encoded (openssl rand -base64 32)');

const ZDatabaseUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string');
/** Where the migrations are, when not beside the package (`prisma/migrations` of the checkout). */
const ZMigrationsDir = z.preprocess((v) => v || undefined, z.string().optional());

const ZApiEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: ZDatabaseUrl,
  PORTICO_MIGRATIONS_DIR: ZMigrationsDir,
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORTICO_SECRET_KEY: ZSecretKey,
  /** Earlier keys, comma-separated, so credentials sealed before a rotation still open. */
  PORTICO_SECRET_KEY_PREVIOUS: z.string().default(''),
  PORTICO_PUBLIC_URL: z.url().default('http://localhost:3000'),
  PORTICO_COOKIE_SECURE: ZBool.optional(),
  PORTICO_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  PORTICO_SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  PORTICO_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  PORTICO_LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(20),
  PORTICO_LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Test e-mails an organization may send per hour: anyone's address can be typed in, so it must not become a relay. */
  PORTICO_TEST_EMAILS_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** How long an invitation link stays valid. */
  PORTICO_INVITATION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(168),
  PORTICO_TRUST_PROXY: z.string().default('loopback'),
  ...clusterClientEnvShape,
  PORTICO_BODY_LIMIT: z.string().default('1mb'),
  /** Postgres cancels any one statement running longer (0: no limit). */
  DATABASE_STATEMENT_TIMEOUT_SECONDS: z.coerce.number().min(0).default(30),
});

export type ApiEnv = z.infer<typeof ZApiEnv> & { cookieSecure: boolean };

export function parseApiEnv(source: NodeJS.ProcessEnv = process.env): ApiEnv {
  const parsed = ZApiEnv.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  return { ...env, cookieSecure: env.PORTICO_COOKIE_SECURE ?? env.PORTICO_PUBLIC_URL.startsWith('https://') };
}

export const API_ENV = Symbol('API_ENV');

export const BOOTSTRAP_COMMANDS = ['bootstrap', 'rotate-secret-key', 'demo-cluster'] as const;
export type BootstrapCommand = (typeof BOOTSTRAP_COMMANDS)[number];

/** The bootstrap CLI's configuration (bootstrap/cli.ts): what migrations, the first admin and the sealing commands need. */
export function parseBootstrapEnv(command: BootstrapCommand, source: NodeJS.ProcessEnv = process.env) {
  const parsed = z
    .object({
      DATABASE_URL: ZDatabaseUrl,
      PORTICO_MIGRATIONS_DIR: ZMigrationsDir,
      // docker-compose passes unset variables as empty strings.
      PORTICO_ADMIN_EMAIL: z.preprocess((v) => v || undefined, z.email().optional()),
      PORTICO_ADMIN_PASSWORD: z.preprocess((v) => v || undefined, z.string().min(12, 'must be at least 12 characters').optional()),
      // Only the commands that seal read the keys; bootstrapping must not fail on an unset or empty one.
      PORTICO_SECRET_KEY: command === 'bootstrap' ? z.string().optional() : ZSecretKey,
      PORTICO_SECRET_KEY_PREVIOUS: z.string().default(''),
    })
    .safeParse(source);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}
