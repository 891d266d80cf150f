import { z } from 'zod';

/**
 * Job definitions: a dotted name and the zod schema of its payload. The API enqueues with
 * them, the worker parses every payload with them before its handler runs. Payloads carry
 * ids, never credentials.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
  /**
   * The queue's policy (pg-boss queue options), where the API creates the queue too: a submit
   * must be accepted while no worker runs, and both must create it alike.
   */
  queue?: Readonly<Record<string, string | number | boolean>>;
}

const job = <S extends z.ZodType>(name: string, schema: S, queue?: JobDefinition['queue']): JobDefinition<S> => ({ name, schema, ...(queue ? { queue } : {}) });

export const jobs = {
  /** Deletes expired sessions and spent rate-limit windows (cron). */
  pruneExpired: job('maintenance.prune-expired', z.strictObject({})),
  /** Applies one change (server-side apply or delete) and records the outcome; keyed per object, so changes to one object run in submission order. */
  applyChange: job('changes.apply', z.strictObject({ changeId: z.uuid() }), {
    // FIFO per singletonKey (the target object): a later change to an object waits for the earlier one.
    policy: 'key_strict_fifo',
    // The handler records a final failure itself; these retries are for transient ones (and a killed worker).
    retryLimit: 1000,
    retryDelay: 1,
    retryBackoff: true,
    retryDelayMax: 60,
    // A worker killed mid-apply stops beating; its job is retried within seconds, not after the 15 min default expiry.
    heartbeatSeconds: 10,
    expireInSeconds: 300,
    notify: true,
  }),
  /** Raises, resolves and reminds certificate alerts for one organization (or all), writing their e-mails to the outbox in the same transaction. */
  evaluateCertificates: job('certificates.evaluate', z.strictObject({ organizationId: z.uuid().optional() })),
  /** Sends one outbox message over SMTP; claims it first (pending → sending), so two workers cannot both send it. */
  sendMail: job('mail.send', z.strictObject({ outboxId: z.uuid() }), {
    // The handler records a final failure itself (MAIL_MAX_ATTEMPTS); these retries space out an SMTP outage.
    retryLimit: 1000,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 300,
    heartbeatSeconds: 10,
    expireInSeconds: 120,
    // A queued e-mail wakes a worker at once instead of at its next poll.
    notify: true,
  }),
};
