import { jobs, ZChangeRequest } from '@portico/contracts';
import { claimChange, findClusterForChange, findRevertedChange, noteChangeRetry, openClusterCredentials, recordChangeOutcome, type ClaimedChange } from '@portico/db/sql';
import {
  ChangeInputError,
  type ChangePlan,
  KubeClient,
  changeClientOf,
  describeKubeFailure,
  executeChange,
  fieldMapperFor,
  planChange,
  planRevert,
  serviceFormFields,
  type ExecuteOutcome,
} from '@portico/kube';
import { workerJob, type JobContext } from './worker-job.js';

/** Thrown to hand the job back to pg-boss for a retry with backoff; the change stays `applying`. */
class RetryLater extends Error {
  override readonly name = 'RetryLater';
}

/**
 * Applies one change: claims it (pending → applying), renders it against the live cluster,
 * server-side applies or deletes it, and records the outcome with its audit event in one
 * transaction. Idempotent: a re-run after a crash finds the change recorded (nothing to do) or
 * still applying (resumes; an apply already in effect is recorded, not repeated).
 */
export const applyChangeJob = workerJob({
  definition: jobs.applyChange,
  queue: jobs.applyChange.queue!,
  concurrency: (env) => env.CHANGE_CONCURRENCY,
  // The next change to an object, or one a killed worker left, is runnable without a NOTIFY.
  pollSeconds: 0.5,
  async handle({ changeId }, ctx) {
    const change = await claimChange(ctx.sql, changeId);
    if (!change) return; // cancelled, rejected, already recorded, or waiting for approval
    const outcome = await attempt(change, ctx);
    if (outcome.state === 'failed' && outcome.retryable && change.attempts < ctx.env.CHANGE_MAX_ATTEMPTS) {
      await noteChangeRetry(ctx.sql, change.id, { ...outcome.error, message: `${outcome.error.message} (attempt ${change.attempts} of ${ctx.env.CHANGE_MAX_ATTEMPTS})` });
      ctx.logger.warn({ changeId, attempt: change.attempts, reason: outcome.error.reason }, 'change will be retried');
      throw new RetryLater(outcome.error.reason);
    }
    const recorded = await recordChangeOutcome(ctx.sql, change, {
      state: outcome.state,
      manifest: outcome.manifest,
      before: outcome.before,
      after: outcome.state === 'applied' ? outcome.after : null,
      result: outcome.state === 'applied' ? { uid: outcome.uid, resourceVersion: outcome.resourceVersion, allocated: outcome.allocated, warnings: outcome.warnings } : null,
      error: outcome.state === 'failed' ? outcome.error : null,
      audit: {
        action: outcome.state === 'applied' ? 'change.applied' : 'change.failed',
        details: {
          type: change.type,
          operation: change.operation,
          target: { apiVersion: change.apiVersion, kind: change.kind, namespace: change.namespace, name: change.name },
          force: change.force,
          overwriteNewer: change.overwriteNewer,
          attempts: change.attempts,
          ...(outcome.state === 'failed' ? { reason: outcome.error.reason } : { resourceVersion: outcome.resourceVersion }),
        },
      },
    });
    ctx.logger.info({ changeId, state: outcome.state, recorded, attempts: change.attempts }, 'change finished');
  },
});

type Attempt = ExecuteOutcome & { manifest: unknown };

async function attempt(change: ClaimedChange, ctx: JobContext): Promise<Attempt> {
  const cluster = await findClusterForChange(ctx.sql, change.organizationId, change.id);
  if (!cluster) return failed('ClusterGone', 'The cluster was removed from Portico.');
  let client: KubeClient;
  try {
    const secret = openClusterCredentials(ctx.cipher, cluster);
    client = new KubeClient({ server: cluster.server, insecureSkipTlsVerify: cluster.insecureSkipTlsVerify, ...secret }, ctx.clusterOptions);
  } catch {
    return failed('CredentialsUnreadable', "The cluster's credentials could not be opened by this worker; enter them again.");
  }
  try {
    const kube = changeClientOf(client);
    let plan: ChangePlan;
    try {
      plan = await planFor(change, ctx, (path) => kube.get(path));
    } catch (err) {
      if (err instanceof ChangeInputError) return failed('Invalid', err.message, [{ name: err.field, reason: err.message }]);
      // Reading the source failed (unreachable, 403…): the same words and retry rule as an apply.
      const { retryable, ...error } = describeKubeFailure(err, serviceFormFields);
      return { state: 'failed', before: null, error: { reason: error.reason, message: error.message, fields: error.fields, conflicts: error.conflicts }, retryable, manifest: null };
    }
    const outcome = await executeChange(kube, plan, {
      baseResourceVersion: change.baseResourceVersion,
      overwriteNewer: change.overwriteNewer,
      force: change.force,
      resuming: change.previousState === 'applying',
      mapField: fieldMapperFor(change.type),
    });
    return { ...outcome, manifest: plan.manifest ?? null };
  } finally {
    void client.close();
  }
}

async function planFor(change: ClaimedChange, ctx: JobContext, get: (path: string) => Promise<Record<string, unknown> | undefined>): Promise<ChangePlan> {
  const target = { apiVersion: change.apiVersion, kind: change.kind, namespace: change.namespace, name: change.name };
  if (change.type === 'revert') {
    const original = change.revertOfId ? await findRevertedChange(ctx.sql, change.organizationId, change.revertOfId) : undefined;
    if (!original) throw new ChangeInputError('revertOf', 'The change to revert no longer exists.');
    return planRevert({ target, operation: change.operation, before: original.before });
  }
  return planChange(ZChangeRequest.parse(change.request), get);
}

function failed(reason: string, message: string, fields: { name: string; reason: string }[] = []): Attempt {
  return { state: 'failed', before: null, error: { reason, message, fields, conflicts: [] }, retryable: false, manifest: null };
}
