import { applyChangeJob } from './apply-change.job.js';
import { pruneExpiredJob } from './prune-expired.job.js';

/** Every job the worker registers (queue, cron, handler): a new job is one line here. */
export const allJobs = [pruneExpiredJob, applyChangeJob];
