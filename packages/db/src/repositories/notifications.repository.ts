import type { Prisma, Tx } from '../client.js';
import { afterCursor, newestFirst, type PageRequest, toPage } from '../pagination.js';

// Certificate alerting for the API (issue 11): the organization's policy, the outbox, snoozes
// and alert history. Every function takes the organization id; a row of another organization
// is never found.

export interface NotificationPolicyData {
  warningDays: number;
  criticalDays: number;
  criticalLifetimeFraction: number;
  overdueHours: number;
  recipients: string[];
  clusterRecipients: Prisma.InputJsonArray;
  ownerRecipients: Prisma.InputJsonArray;
  mode: string;
  digestHourUtc: number;
}

export function findNotificationPolicy(tx: Tx, organizationId: string) {
  return tx.notificationPolicy.findUnique({ where: { organizationId } });
}

export function saveNotificationPolicy(tx: Tx, organizationId: string, data: NotificationPolicyData, updatedById: string | null) {
  const values = { ...data, updatedById, updatedAt: new Date() };
  return tx.notificationPolicy.upsert({ where: { organizationId }, create: { organizationId, ...values }, update: values });
}

/** The organization's clusters among `ids` (a policy may only name its own). */
export async function existingClusterIds(tx: Tx, organizationId: string, ids: string[]): Promise<Set<string>> {
  const rows = await tx.cluster.findMany({ where: { organizationId, id: { in: ids } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

/** E-mails of the organization's active admins: who is mailed while the policy names nobody. */
export async function adminEmails(tx: Tx, organizationId: string): Promise<string[]> {
  const rows = await tx.membership.findMany({ where: { organizationId, role: 'admin', disabledAt: null }, select: { user: { select: { email: true } } }, orderBy: { user: { email: 'asc' } } });
  return rows.map((r) => r.user.email);
}

/**
 * Test e-mails the organization wrote since `since` (and the oldest one's time), counted under a
 * per-organization lock held to the end of the transaction: two requests at once cannot both take
 * the last one of the allowance.
 */
export async function lockAndCountTestEmails(tx: Tx, organizationId: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtextextended(${`test-email:${organizationId}`}, 0))`;
  const agg = await tx.outboxMessage.aggregate({ where: { organizationId, kind: 'test', createdAt: { gte: since } }, _count: { _all: true }, _min: { createdAt: true } });
  return { count: agg._count._all, oldest: agg._min.createdAt };
}

export function createOutboxMessage(tx: Tx, organizationId: string, data: { id: string; kind: string; to: string[]; subject: string; text: string; html: string }) {
  return tx.outboxMessage.create({ data: { ...data, organizationId } });
}

export async function listOutboxMessages(tx: Tx, organizationId: string, page: PageRequest & { state?: string }) {
  const rows = await tx.outboxMessage.findMany({
    where: { organizationId, ...(page.state ? { state: page.state } : {}), ...afterCursor(page.cursor, 'outbox') },
    orderBy: newestFirst,
    take: page.limit + 1,
    omit: { html: true, text: true },
  });
  return toPage(rows, page.limit, 'outbox');
}

export function findOutboxMessage(tx: Tx, organizationId: string, id: string) {
  return tx.outboxMessage.findFirst({ where: { id, organizationId } });
}

/** A tracked certificate's identity (what snoozes and alerts are keyed by). */
export function findCertificateIdentity(tx: Tx, organizationId: string, id: string) {
  return tx.trackedCertificate.findFirst({ where: { id, organizationId }, select: { id: true, clusterId: true, namespace: true, secretName: true } });
}

type Identity = { clusterId: string; namespace: string; secretName: string };

export function findSnooze(tx: Tx, organizationId: string, identity: Identity) {
  return tx.certificateSnooze.findUnique({ where: { organizationId_clusterId_namespace_secretName: { organizationId, ...identity } } });
}

export function saveSnooze(tx: Tx, organizationId: string, identity: Identity, data: { until: Date; reason: string; byUserId: string | null }) {
  const key = { organizationId, ...identity };
  return tx.certificateSnooze.upsert({
    where: { organizationId_clusterId_namespace_secretName: key },
    create: { ...key, ...data },
    update: { ...data, createdAt: new Date() },
  });
}

export async function deleteSnooze(tx: Tx, organizationId: string, identity: Identity): Promise<boolean> {
  const result = await tx.certificateSnooze.deleteMany({ where: { organizationId, ...identity } });
  return result.count > 0;
}

/** Alerts of one certificate identity, every fingerprint it had, newest first. */
export function listCertificateAlerts(tx: Tx, organizationId: string, identity: Identity) {
  return tx.certificateAlert.findMany({ where: { organizationId, ...identity }, orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }], take: 200 });
}

export async function organizationName(tx: Tx, organizationId: string): Promise<string> {
  const row = await tx.organization.findUnique({ where: { id: organizationId }, select: { name: true } });
  return row?.name ?? '';
}
