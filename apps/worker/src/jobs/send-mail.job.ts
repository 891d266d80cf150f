import { jobs, outboxMessageId } from '@portico/contracts';
import { claimOutboxMessage, recordOutboxFailure, recordOutboxSent } from '@portico/db/sql';
import { createTransport, type Transporter } from 'nodemailer';
import type { WorkerEnv } from '../env.js';
import { workerJob } from './worker-job.js';

/** Thrown to hand the job back to pg-boss for a retry with backoff; the message is pending again. */
class RetryLater extends Error {
  override readonly name = 'RetryLater';
}

let transport: { url: string; transporter: Transporter } | undefined;

/** One pooled SMTP transport per process (per SMTP_URL); timeouts stay below MAIL_CLAIM_STALE_SECONDS. */
function transporterFor(env: WorkerEnv): Transporter {
  const url = env.SMTP_URL!;
  if (transport?.url !== url) {
    transport?.transporter.close();
    const timeout = Math.min(30_000, (env.MAIL_CLAIM_STALE_SECONDS * 1000) / 3);
    transport = { url, transporter: createTransport({ url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout }) };
  }
  return transport.transporter;
}

/**
 * Sends one outbox message: claims it (pending → sending, so a second worker or a duplicate job
 * finds nothing to do), sends it over SMTP with a Message-ID stable across attempts, and records
 * the server's answer; on failure it goes back to pending and the job is retried with backoff,
 * until MAIL_MAX_ATTEMPTS, when it is recorded as failed.
 */
export const sendMailJob = workerJob({
  definition: jobs.sendMail,
  queue: jobs.sendMail.queue!,
  concurrency: () => 4,
  // A retry (after its backoff) or a dead worker's mail becomes runnable without a NOTIFY.
  pollSeconds: 2,
  async handle({ outboxId }, { sql, env, logger }) {
    const message = await claimOutboxMessage(sql, outboxId, env.MAIL_CLAIM_STALE_SECONDS);
    if (!message) return;
    try {
      if (!env.SMTP_URL) throw new Error('SMTP_URL is not set: no mail server to send to');
      const info = await transporterFor(env).sendMail({
        from: env.MAIL_FROM,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: outboxMessageId(message.id, env.PORTICO_PUBLIC_URL),
      });
      await recordOutboxSent(sql, message.id, String(info.response ?? ''));
      logger.info({ outboxId, attempts: message.attempts }, 'mail sent');
    } catch (err) {
      const final = message.attempts >= env.MAIL_MAX_ATTEMPTS;
      const reason = err instanceof Error ? err.message : String(err);
      await recordOutboxFailure(sql, message.id, reason, final);
      logger.warn({ outboxId, attempts: message.attempts, final, reason }, 'mail not sent');
      if (!final) throw new RetryLater(reason);
    }
  },
});
