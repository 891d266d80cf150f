import type { JobDefinition } from '@portico/contracts';
import type { CredentialCipher, SqlPool } from '@portico/db/sql';
import type { AddressPolicy, KubeClientLimits } from '@portico/kube';
import type { PgBoss, Queue } from 'pg-boss';
import type { z } from 'zod';
import type { WorkerEnv } from '../env.js';
import type { Logger } from '../logger.js';

export interface JobContext {
  sql: SqlPool;
  env: WorkerEnv;
  logger: Logger;
  /** Opens cluster credentials, in this process's memory only. */
  cipher: CredentialCipher;
  /** Where clusters may be and how much they may send (`KubeClient` options). */
  clusterOptions: { addressPolicy: AddressPolicy; limits: Partial<KubeClientLimits> };
  /** To enqueue follow-up jobs (inside a transaction: `db` option). */
  boss: PgBoss;
}

/**
 * A job the worker runs: its contract (name + payload schema), its queue policy (retries,
 * backoff, expiry — declared here, not hand-rolled), an optional cron, and an idempotent handler.
 */
export interface WorkerJob<S extends z.ZodType = z.ZodType> {
  definition: JobDefinition<S>;
  queue: Omit<Queue, 'name'>;
  /** How many of this job one worker runs at once (different objects; one object's changes run in order). */
  concurrency?: (env: WorkerEnv) => number;
  /**
   * How often an idle handler looks for a job even without a NOTIFY (pg-boss's default is 30 s
   * when NOTIFY is on). A job becomes runnable without one when its predecessor on the same key
   * finishes or a dead worker's job is handed out again, so a job that must not wait says so here.
   */
  pollSeconds?: number;
  cron?: string;
  handle(payload: z.infer<S>, ctx: JobContext): Promise<void>;
}

export const workerJob = <S extends z.ZodType>(job: WorkerJob<S>) => job;
