import { applyChangeJob } from './apply-change.job.js';
import { pruneExpiredJob } from './prune-expired.job.js';
import { evaluateCertificatesJob } from './evaluate-certificates.job.js';
import { sendMailJob } from './send-mail.job.js';

/** Every job the worker registers (queue, cron, handler): a new job is one line here. */
export const allJobs = [pruneExpiredJob, applyChangeJob, evaluateCertificatesJob, sendMailJob];
