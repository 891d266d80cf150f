import type { Prisma, Tx } from '../client.js';
import { afterCursor, newestFirst, type PageRequest, toPage } from '../pagination.js';

export interface AuditEventInput {
  organizationId: string | null;
  actorUserId?: string | null;
  actorTokenId?: string | null;
  action: string;
  outcome: 'success' | 'failure';
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  requestId?: string | null;
  details?: Prisma.InputJsonObject;
}

export function recordAuditEvent(tx: Tx, event: AuditEventInput) {
  return tx.auditEvent.create({ data: { ...event, details: event.details ?? {} } });
}

export async function listAuditEvents(tx: Tx, organizationId: string, page: PageRequest & { action?: string }) {
  const rows = await tx.auditEvent.findMany({
    where: { organizationId, ...(page.action ? { action: page.action } : {}), ...afterCursor(page.cursor, 'audit-events') },
    orderBy: newestFirst,
    take: page.limit + 1,
  });
  return toPage(rows, page.limit, 'audit-events');
}
