import { jobs } from '@portico/contracts';
import { pruneExpired } from '@portico/db/sql';
import { workerJob } from './worker-job.js';

/** Idempotent: deleting what is already gone deletes nothing. */
export const pruneExpiredJob = workerJob({
  definition: jobs.pruneExpired,
  queue: { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 },
  cron: '*/10 * * * *',
  async handle(_payload, { sql, env, logger }) {
    const now = new Date();
    const removed = await pruneExpired(sql, { now, idleCutoff: new Date(now.getTime() - env.PORTICO_SESSION_IDLE_MINUTES * 60_000) });
    logger.info({ job: jobs.pruneExpired.name, ...removed }, 'pruned expired rows');
  },
});
