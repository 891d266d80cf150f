import { jobs } from '@portico/contracts';
import { type EvaluationSummary, type Sql, evaluateCertificateAlerts } from '@portico/db/sql';
import { renderCertificateMails } from '../mail/certificate-mail.js';
import { workerJob, type JobContext } from './worker-job.js';

/**
 * Evaluates certificate alerts at `now` (a parameter: tests move it) and enqueues a `mail.send`
 * per e-mail written, in the evaluation's own transaction: an e-mail is queued exactly when its
 * alert is recorded as notified.
 */
export function evaluateCertificates(ctx: Pick<JobContext, 'sql' | 'env' | 'boss'>, now: Date, organizationId?: string): Promise<EvaluationSummary> {
  return evaluateCertificateAlerts(
    ctx.sql,
    { now, ...(organizationId ? { organizationId } : {}) },
    {
      render: (due) => renderCertificateMails(due, now, ctx.env.PORTICO_PUBLIC_URL),
      enqueue: (tx, outboxIds) => enqueueMails(ctx.boss, tx, outboxIds),
    },
  );
}

/** `mail.send` jobs for these outbox rows, written through `tx` so they commit with the rows. */
export async function enqueueMails(boss: JobContext['boss'], tx: Sql, outboxIds: string[]): Promise<void> {
  const db = { executeSql: (text: string, values?: unknown[]) => tx.query(text, values) };
  await boss.insert(
    jobs.sendMail.name,
    outboxIds.map((outboxId) => ({ data: { outboxId } })),
    { db },
  );
}

/**
 * After a sync changed a cluster's tracked certificates: one evaluation of its organization,
 * coalesced (the queue is `stately`: per organization at most one waiting and one running).
 */
export function enqueueCertificateEvaluation(boss: JobContext['boss'], organizationId: string, logger: JobContext['logger']): void {
  boss.send(jobs.evaluateCertificates.name, { organizationId }, { singletonKey: organizationId }).catch((err: Error) => {
    // The 5-minute schedule evaluates it anyway.
    logger.warn({ organizationId, err: err.message }, 'certificate evaluation not enqueued');
  });
}

/** Every 5 minutes for all organizations, and after a sync changed a cluster's certificates (one organization, coalesced per organization). */
export const evaluateCertificatesJob = workerJob({
  definition: jobs.evaluateCertificates,
  // stately: per singletonKey (organization) one job waiting and one running, so a burst of sync changes coalesces.
  queue: { policy: 'stately', retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 300 },
  cron: '*/5 * * * *',
  async handle({ organizationId }, ctx) {
    const summary = await evaluateCertificates(ctx, new Date(), organizationId);
    if (summary.raised || summary.resolved || summary.messages) ctx.logger.info({ job: jobs.evaluateCertificates.name, organizationId, ...summary }, 'certificate alerts evaluated');
  },
});
