import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  AuditAction,
  type TCertificateAlerts,
  type TNotificationPolicy,
  type TNotificationPolicyResponse,
  type TOutboxList,
  type TOutboxMessage,
  type TOutboxQuery,
  type TOutboxSummary,
  type TSendTestEmailRequest,
  type TSnooze,
  type TSnoozeRequest,
  jobs,
} from '@portico/contracts';
import {
  type Db,
  type Tx,
  adminEmails,
  createOutboxMessage,
  deleteSnooze,
  existingClusterIds,
  findCertificateIdentity,
  findNotificationPolicy,
  findOutboxMessage,
  findSnooze,
  listCertificateAlerts,
  listOutboxMessages,
  listUserEmails,
  lockAndCountTestEmails,
  organizationName,
  saveNotificationPolicy,
  saveSnooze,
} from '@portico/db';
import { AuditService } from '../audit/audit.service.js';
import { JobQueue } from '../changes/job-queue.service.js';
import { AppError } from '../common/app-error.js';
import type { RequestMeta } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { InjectDb } from '../database/database.module.js';
import { API_ENV, type ApiEnv } from '../env.js';
import { toAlertDto, toOutboxMessageDto, toOutboxSummaryDto, toPolicyDto, toSnoozeDto } from './notifications.mapper.js';
import { renderTestEmail } from './test-email.js';

const HOUR_MS = 3_600_000;

/** Certificate alerting: the policy, the outbox, the test e-mail, snoozes and alert history (docs/certificates.md#alerts). */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDb() private readonly db: Db,
    @Inject(API_ENV) private readonly env: ApiEnv,
    private readonly audit: AuditService,
    private readonly queue: JobQueue,
  ) {}

  async getPolicy(caller: Principal): Promise<TNotificationPolicyResponse> {
    return toPolicyDto(await findNotificationPolicy(this.db, caller.organizationId));
  }

  async updatePolicy(caller: Principal, input: TNotificationPolicy, meta: RequestMeta): Promise<TNotificationPolicyResponse> {
    const known = await existingClusterIds(
      this.db,
      caller.organizationId,
      input.clusterRecipients.map((c) => c.clusterId),
    );
    const unknown = input.clusterRecipients.findIndex((c) => !known.has(c.clusterId));
    if (unknown >= 0) {
      throw new AppError('validation_failed', 'A cluster in the recipients is not one of this organization.', {
        invalidParams: [{ name: `clusterRecipients.${unknown}.clusterId`, reason: 'is not a cluster of this organization' }],
      });
    }
    return this.db.$transaction(async (tx) => {
      const row = await saveNotificationPolicy(tx, caller.organizationId, input, caller.userId);
      const details = { mode: input.mode, warningDays: input.warningDays, criticalDays: input.criticalDays, recipients: input.recipients.length };
      await this.audit.record(caller, meta, { action: AuditAction.NotificationPolicyUpdated, targetType: 'notification_policy', targetId: row.id, details }, tx);
      return toPolicyDto(row);
    });
  }

  /** Writes a test e-mail to the outbox with its `mail.send` job, in one transaction: the worker sends it like any alert. */
  async sendTest(caller: Principal, input: TSendTestEmailRequest, meta: RequestMeta): Promise<TOutboxSummary> {
    const policy = await findNotificationPolicy(this.db, caller.organizationId);
    const to = input.to ?? (policy?.recipients.length ? policy.recipients : await adminEmails(this.db, caller.organizationId));
    if (!to.length) throw new AppError('validation_failed', 'Nobody to send to.', { invalidParams: [{ name: 'to', reason: 'is required while the policy has no recipients' }] });
    const content = renderTestEmail(await organizationName(this.db, caller.organizationId), caller.email, this.env.PORTICO_PUBLIC_URL);
    return this.db.$transaction(async (tx) => {
      await this.refuseBeyondTestEmailAllowance(tx, caller.organizationId);
      const row = await createOutboxMessage(tx, caller.organizationId, { id: randomUUID(), kind: 'test', to, ...content });
      await this.queue.send(tx, jobs.sendMail, { outboxId: row.id });
      await this.audit.record(caller, meta, { action: AuditAction.TestEmailQueued, targetType: 'outbox_message', targetId: row.id, details: { to } }, tx);
      return toOutboxSummaryDto(row);
    });
  }

  /** At most PORTICO_TEST_EMAILS_PER_HOUR in any hour (counted from the outbox, so every API replica agrees). */
  private async refuseBeyondTestEmailAllowance(tx: Tx, organizationId: string): Promise<void> {
    const limit = this.env.PORTICO_TEST_EMAILS_PER_HOUR;
    const now = Date.now();
    const { count, oldest } = await lockAndCountTestEmails(tx, organizationId, new Date(now - HOUR_MS));
    if (count < limit || !oldest) return;
    const retryAfterSeconds = Math.max(1, Math.ceil((oldest.getTime() + HOUR_MS - now) / 1000));
    throw new AppError('rate_limited', `At most ${limit} test e-mails an hour. Try again in ${Math.ceil(retryAfterSeconds / 60)} min.`, { retryAfterSeconds });
  }

  async listOutbox(caller: Principal, query: TOutboxQuery): Promise<TOutboxList> {
    const page = await listOutboxMessages(this.db, caller.organizationId, query);
    return { items: page.items.map(toOutboxSummaryDto), nextCursor: page.nextCursor };
  }

  async getOutbox(caller: Principal, id: string): Promise<TOutboxMessage> {
    const row = await findOutboxMessage(this.db, caller.organizationId, id);
    if (!row) throw new AppError('not_found', 'No such message.');
    return toOutboxMessageDto(row, this.env.PORTICO_PUBLIC_URL);
  }

  async snooze(caller: Principal, id: string, input: TSnoozeRequest, meta: RequestMeta): Promise<TSnooze> {
    const identity = await this.identity(caller, id);
    const until = new Date(input.until);
    if (until.getTime() <= Date.now()) throw new AppError('validation_failed', 'A snooze must end in the future.', { invalidParams: [{ name: 'until', reason: 'must be in the future' }] });
    return this.db.$transaction(async (tx) => {
      const row = await saveSnooze(tx, caller.organizationId, identity, { until, reason: input.reason, byUserId: caller.userId });
      const details = { ...identity, until: until.toISOString(), reason: input.reason };
      await this.audit.record(caller, meta, { action: AuditAction.CertificateSnoozed, targetType: 'certificate', targetId: id, details }, tx);
      return toSnoozeDto(row, caller.email);
    });
  }

  async unsnooze(caller: Principal, id: string, meta: RequestMeta): Promise<void> {
    const identity = await this.identity(caller, id);
    await this.db.$transaction(async (tx) => {
      if (!(await deleteSnooze(tx, caller.organizationId, identity))) return;
      await this.audit.record(caller, meta, { action: AuditAction.CertificateUnsnoozed, targetType: 'certificate', targetId: id, details: { ...identity } }, tx);
    });
  }

  async alerts(caller: Principal, id: string): Promise<TCertificateAlerts> {
    const identity = await this.identity(caller, id);
    const [snooze, alerts] = await Promise.all([findSnooze(this.db, caller.organizationId, identity), listCertificateAlerts(this.db, caller.organizationId, identity)]);
    const by = snooze?.byUserId ? (await listUserEmails(this.db, [snooze.byUserId]))[0]?.email : undefined;
    return { snooze: snooze ? toSnoozeDto(snooze, by ?? null) : null, alerts: alerts.map(toAlertDto) };
  }

  /** The certificate's identity (cluster, namespace, Secret): snoozes and alerts outlive the tracked row's id. */
  private async identity(caller: Principal, id: string) {
    const row = await findCertificateIdentity(this.db, caller.organizationId, id);
    if (!row) throw new AppError('not_found', 'No such certificate.');
    return { clusterId: row.clusterId, namespace: row.namespace, secretName: row.secretName };
  }
}
