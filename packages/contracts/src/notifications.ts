import { z } from 'zod';
import { ZEmail, ZIsoDate, ZPageQuery, ZText, ZUuid, pageOf } from './common.js';

/** How many addresses one list (default, a cluster's, an owner's) may hold: a policy is not a mailing list. */
export const MAX_RECIPIENTS = 50;

const ZRecipients = z.array(ZEmail).max(MAX_RECIPIENTS, `at most ${MAX_RECIPIENTS} addresses`);

export const NOTIFICATION_MODES = ['immediate', 'digest'] as const;

/**
 * An organization's alerting policy (issue 11). The thresholds are those of
 * `ZCertificateThresholds` (certificates.ts): warning under `warningDays` left or renewal overdue
 * by `overdueHours`; critical under `criticalDays` or under `criticalLifetimeFraction` of the
 * certificate's lifetime. Cross-field rules name the field they refuse.
 */
export const ZNotificationPolicy = z
  .strictObject({
    warningDays: z.number().int().min(0, 'must not be negative').max(3650),
    criticalDays: z.number().int().min(0, 'must not be negative').max(3650),
    criticalLifetimeFraction: z.number().gt(0, 'must be between 0 and 1 (exclusive)').lt(1, 'must be between 0 and 1 (exclusive)'),
    overdueHours: z
      .number()
      .int()
      .min(0, 'must not be negative')
      .max(24 * 365),
    recipients: ZRecipients,
    clusterRecipients: z.array(z.strictObject({ clusterId: ZUuid, emails: ZRecipients })).max(200),
    ownerRecipients: z.array(z.strictObject({ owner: ZText.pipe(z.string().min(1).max(253)), emails: ZRecipients })).max(200),
    mode: z.enum(NOTIFICATION_MODES).describe('immediate: one e-mail per alert as it is raised; digest: one e-mail a day at digestHourUtc'),
    digestHourUtc: z.number().int().min(0).max(23),
  })
  .superRefine((p, ctx) => {
    if (p.criticalDays >= p.warningDays) {
      ctx.addIssue({ code: 'custom', path: ['criticalDays'], message: 'must be fewer days than warningDays' });
    }
    const seen = new Set<string>();
    p.clusterRecipients.forEach((c, i) => {
      if (seen.has(c.clusterId)) ctx.addIssue({ code: 'custom', path: ['clusterRecipients', i, 'clusterId'], message: 'is listed twice' });
      seen.add(c.clusterId);
    });
    const owners = new Set<string>();
    p.ownerRecipients.forEach((o, i) => {
      if (owners.has(o.owner)) ctx.addIssue({ code: 'custom', path: ['ownerRecipients', i, 'owner'], message: 'is listed twice' });
      owners.add(o.owner);
    });
  });
export type TNotificationPolicy = z.infer<typeof ZNotificationPolicy>;

/** The policy an organization has before an admin saves one: the issue's defaults, nobody to mail. */
export const DEFAULT_NOTIFICATION_POLICY: TNotificationPolicy = {
  warningDays: 14,
  criticalDays: 7,
  criticalLifetimeFraction: 1 / 6,
  overdueHours: 24,
  recipients: [],
  clusterRecipients: [],
  ownerRecipients: [],
  mode: 'immediate',
  digestHourUtc: 8,
};

export const ZNotificationPolicyResponse = z.object({
  policy: z.object({
    warningDays: z.number(),
    criticalDays: z.number(),
    criticalLifetimeFraction: z.number(),
    overdueHours: z.number(),
    recipients: z.array(z.string()),
    clusterRecipients: z.array(z.object({ clusterId: z.string(), emails: z.array(z.string()) })),
    ownerRecipients: z.array(z.object({ owner: z.string(), emails: z.array(z.string()) })),
    mode: z.enum(NOTIFICATION_MODES),
    digestHourUtc: z.number(),
  }),
  updatedAt: ZIsoDate.nullable(),
});
export type TNotificationPolicyResponse = z.infer<typeof ZNotificationPolicyResponse>;

export const ZSendTestEmailRequest = z.strictObject({
  to: z.array(ZEmail).min(1).max(MAX_RECIPIENTS).optional().describe("Omit to send to the policy's default recipients"),
});
export type TSendTestEmailRequest = z.infer<typeof ZSendTestEmailRequest>;

export const OUTBOX_KINDS = ['alert', 'reminder', 'digest', 'resolved', 'test'] as const;
export const OUTBOX_STATES = ['pending', 'sending', 'sent', 'failed'] as const;

export const ZOutboxSummary = z.object({
  id: ZUuid,
  kind: z.enum(OUTBOX_KINDS),
  to: z.array(z.string()),
  subject: z.string(),
  state: z.enum(OUTBOX_STATES),
  attempts: z.number(),
  lastError: z.string().nullable(),
  sentAt: ZIsoDate.nullable(),
  createdAt: ZIsoDate,
});
export type TOutboxSummary = z.infer<typeof ZOutboxSummary>;

export const ZOutboxMessage = ZOutboxSummary.extend({
  text: z.string(),
  html: z.string().describe('Rendered HTML; show it sandboxed (iframe srcdoc with an empty sandbox), never inline'),
  serverResponse: z.string().nullable(),
  messageId: z.string().describe('The Message-ID header the mail was sent with (stable per message)'),
  alertIds: z.array(z.string()),
});
export type TOutboxMessage = z.infer<typeof ZOutboxMessage>;

export const ZOutboxList = pageOf(ZOutboxSummary);
export type TOutboxList = z.infer<typeof ZOutboxList>;
export const ZOutboxQuery = ZPageQuery.extend({ state: z.enum(OUTBOX_STATES).optional() });
export type TOutboxQuery = z.infer<typeof ZOutboxQuery>;

export const ALERT_LEVELS = ['expired', 'critical', 'warning', 'renewal-overdue'] as const;
export type TAlertLevel = (typeof ALERT_LEVELS)[number];

export const ZCertificateAlert = z.object({
  id: ZUuid,
  level: z.enum(ALERT_LEVELS),
  fingerprintSha256: z.string(),
  raisedAt: ZIsoDate,
  resolvedAt: ZIsoDate.nullable(),
  resolution: z.string().nullable(),
  lastNotifiedAt: ZIsoDate.nullable(),
});
export type TCertificateAlert = z.infer<typeof ZCertificateAlert>;

export const ZSnooze = z.object({
  until: z.string(),
  reason: z.string(),
  byUserId: z.string().nullable(),
  byEmail: z.string().nullable(),
  createdAt: ZIsoDate,
});
export type TSnooze = z.infer<typeof ZSnooze>;

export const ZCertificateAlerts = z.object({ snooze: ZSnooze.nullable(), alerts: z.array(ZCertificateAlert) });
export type TCertificateAlerts = z.infer<typeof ZCertificateAlerts>;

export const ZSnoozeRequest = z.strictObject({
  until: ZIsoDate.describe('Until when no alert is raised or reminded for this certificate; must be in the future'),
  reason: ZText.pipe(z.string().trim().min(1, 'is required').max(500)),
});
export type TSnoozeRequest = z.infer<typeof ZSnoozeRequest>;

/** The Message-ID of an outbox message, the same on every attempt: a copy sent after a crash mid-send is recognisably the same e-mail. */
export function outboxMessageId(outboxId: string, publicUrl: string): string {
  let host = 'portico.invalid';
  try {
    host = new URL(publicUrl).hostname || host;
  } catch {
    // keep the placeholder: a Message-ID must still be sent
  }
  return `<outbox-${outboxId}@${host}>`;
}
