import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { type JobDefinition, jobs } from '@portico/contracts';
import type { Tx } from '@portico/db';
import { PgBoss, fromPrisma } from 'pg-boss';
import type { z } from 'zod';
import { LOGGER, type Logger } from '../common/logger.js';
import { API_ENV, type ApiEnv } from '../env.js';

/** Queues the API enqueues into; the worker creates the same ones, with the same policy, from the same definitions. */
const API_QUEUES: JobDefinition[] = [jobs.applyChange, jobs.sendMail];

/**
 * Enqueues jobs inside the caller's transaction (pg-boss writes its job row through the
 * Prisma transaction): a change and its job commit together or not at all, and a submit is
 * accepted whether or not a worker runs. This process only sends; it supervises and runs nothing.
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly boss: PgBoss;

  constructor(@Inject(API_ENV) env: ApiEnv, @Inject(LOGGER) logger: Logger) {
    this.boss = new PgBoss({ connectionString: env.DATABASE_URL, schema: 'pgboss', application_name: 'portico-api', supervise: false, schedule: false, max: 2 });
    this.boss.on('error', (err: Error) => logger.error({ err: { name: err.name, message: err.message } }, 'pg-boss error'));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    for (const definition of API_QUEUES) await this.boss.createQueue(definition.name, definition.queue ?? {});
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss.stop({ graceful: false });
  }

  /** Sends a job as part of `tx`; the payload is parsed with the job's contract first. */
  async send<S extends z.ZodType>(tx: Tx, definition: JobDefinition<S>, payload: z.infer<S>, options: { singletonKey?: string } = {}): Promise<void> {
    await this.boss.send(definition.name, definition.schema.parse(payload) as object, { ...options, db: fromPrisma(tx) });
  }
}
