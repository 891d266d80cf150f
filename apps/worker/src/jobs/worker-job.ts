import type { JobDefinition } from '@portico/contracts';
import type { Sql } from '@portico/db/sql';
import type { Queue } from 'pg-boss';
import type { z } from 'zod';
import type { WorkerEnv } from '../env.js';
import type { Logger } from '../logger.js';

export interface JobContext {
  sql: Sql;
  env: WorkerEnv;
  logger: Logger;
}

/**
 * A job the worker runs: its contract (name + payload schema), its queue policy (retries,
 * backoff, expiry — declared here, not hand-rolled), an optional cron, and an idempotent handler.
 */
export interface WorkerJob<S extends z.ZodType = z.ZodType> {
  definition: JobDefinition<S>;
  queue: Omit<Queue, 'name'>;
  cron?: string;
  handle(payload: z.infer<S>, ctx: JobContext): Promise<void>;
}

export const workerJob = <S extends z.ZodType>(job: WorkerJob<S>) => job;
