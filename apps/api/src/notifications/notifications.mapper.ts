import { DEFAULT_NOTIFICATION_POLICY, type TCertificateAlert, type TNotificationPolicyResponse, type TOutboxMessage, type TOutboxSummary, type TSnooze, outboxMessageId } from '@portico/contracts';

// Responses list their fields one by one: a column added later (a token, an internal claim
// time) cannot reach a response by accident.

interface PolicyRow {
  warningDays: number;
  criticalDays: number;
  criticalLifetimeFraction: number;
  overdueHours: number;
  recipients: string[];
  clusterRecipients: unknown;
  ownerRecipients: unknown;
  mode: string;
  digestHourUtc: number;
  updatedAt: Date;
}

const asList = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

export function toPolicyDto(row: PolicyRow | null): TNotificationPolicyResponse {
  if (!row) return { policy: { ...DEFAULT_NOTIFICATION_POLICY }, updatedAt: null };
  return {
    policy: {
      warningDays: row.warningDays,
      criticalDays: row.criticalDays,
      criticalLifetimeFraction: row.criticalLifetimeFraction,
      overdueHours: row.overdueHours,
      recipients: row.recipients,
      clusterRecipients: asList<{ clusterId: string; emails: string[] }>(row.clusterRecipients).map((c) => ({ clusterId: c.clusterId, emails: c.emails })),
      ownerRecipients: asList<{ owner: string; emails: string[] }>(row.ownerRecipients).map((o) => ({ owner: o.owner, emails: o.emails })),
      mode: row.mode === 'digest' ? 'digest' : 'immediate',
      digestHourUtc: row.digestHourUtc,
    },
    updatedAt: row.updatedAt.toISOString(),
  };
}

interface OutboxRow {
  id: string;
  kind: string;
  to: string[];
  subject: string;
  state: string;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
}

export function toOutboxSummaryDto(row: OutboxRow): TOutboxSummary {
  return {
    id: row.id,
    kind: row.kind as TOutboxSummary['kind'],
    to: row.to,
    subject: row.subject,
    state: row.state as TOutboxSummary['state'],
    attempts: row.attempts,
    lastError: row.lastError,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toOutboxMessageDto(row: OutboxRow & { text: string; html: string; serverResponse: string | null; alertIds: string[] }, publicUrl: string): TOutboxMessage {
  return {
    ...toOutboxSummaryDto(row),
    text: row.text,
    html: row.html,
    serverResponse: row.serverResponse,
    messageId: outboxMessageId(row.id, publicUrl),
    alertIds: row.alertIds,
  };
}

export function toAlertDto(row: {
  id: string;
  level: string;
  fingerprintSha256: string;
  raisedAt: Date;
  resolvedAt: Date | null;
  resolution: string | null;
  lastNotifiedAt: Date | null;
}): TCertificateAlert {
  return {
    id: row.id,
    level: row.level as TCertificateAlert['level'],
    fingerprintSha256: row.fingerprintSha256,
    raisedAt: row.raisedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolution: row.resolution,
    lastNotifiedAt: row.lastNotifiedAt?.toISOString() ?? null,
  };
}

export function toSnoozeDto(row: { until: Date; reason: string; byUserId: string | null; createdAt: Date }, byEmail: string | null): TSnooze {
  return { until: row.until.toISOString(), reason: row.reason, byUserId: row.byUserId, byEmail, createdAt: row.createdAt.toISOString() };
}
