import { clusterClientEnvShape } from '@portico/kube';
import { z } from 'zod';

/** The worker's configuration, parsed once at boot; nothing else reads process.env. */
const ZWorkerEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_HEALTH_HOST: z.string().default('127.0.0.1'),
  WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  WORKER_SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(30),
  PORTICO_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  PORTICO_SECRET_KEY: z.string().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 random bytes, base64-encoded (openssl rand -base64 32)'),
  /** Earlier keys, comma-separated, so credentials sealed before a rotation still open. */
  PORTICO_SECRET_KEY_PREVIOUS: z.string().default(''),
  ...clusterClientEnvShape,
  /** Postgres cancels any one statement running longer (0: no limit). */
  DATABASE_STATEMENT_TIMEOUT_SECONDS: z.coerce.number().min(0).default(30),
  /** Objects one cluster may have in the copy, all synced kinds together; over it that cluster's sync stops. */
  SYNC_MAX_OBJECTS_PER_CLUSTER: z.coerce.number().int().min(1).default(200_000),
  SYNC_LEASE_TTL_SECONDS: z.coerce.number().int().min(5).default(20),
  SYNC_SCAN_INTERVAL_SECONDS: z.coerce.number().min(0.2).default(5),
  /** How often each cluster's discovery is read again, to pick up CRDs installed or removed. */
  SYNC_DISCOVERY_INTERVAL_SECONDS: z.coerce.number().min(0.2).default(60),
  /** Attempts at a change that keeps failing transiently (cluster unreachable, 5xx) before it is recorded as failed. */
  CHANGE_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(8),
  /** Changes one worker applies at once (to different objects). */
  CHANGE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** How often pg-boss looks for jobs whose worker died (missed heartbeats) and hands them out again. */
  WORKER_SUPERVISE_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(5),
  /** Where the mailer sends (smtp:// or smtps://, credentials in the URL). Unset: messages wait in the outbox, their attempts failing. */
  SMTP_URL: z.preprocess((v) => v || undefined, z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional()),
  MAIL_FROM: z.string().min(3).default('Portico <portico@localhost>'),
  /** The portal's address, for links in e-mails (the API's variable of the same name). */
  PORTICO_PUBLIC_URL: z.url().default('http://localhost:3000'),
  /** Attempts at one e-mail before it is recorded as failed (backoff between them: 5 s doubling, at most 5 min). */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(12),
  /** A message left `sending` this long (its worker died mid-send) may be sent again; longer than any SMTP timeout. */
  MAIL_CLAIM_STALE_SECONDS: z.coerce.number().int().min(1).default(120),
});
export type WorkerEnv = z.infer<typeof ZWorkerEnv>;

export function parseWorkerEnv(source: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const parsed = ZWorkerEnv.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}
