import type { TAuditEvent } from '@portico/contracts';

interface AuditRow {
  id: string;
  action: string;
  outcome: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  requestId: string | null;
  details: unknown;
  createdAt: Date;
}

export function toAuditEventDto(row: AuditRow, emails: Map<string, string>): TAuditEvent {
  return {
    id: row.id,
    action: row.action,
    outcome: row.outcome === 'failure' ? 'failure' : 'success',
    actor: { userId: row.actorUserId, email: row.actorUserId ? (emails.get(row.actorUserId) ?? null) : null, tokenId: row.actorTokenId },
    targetType: row.targetType,
    targetId: row.targetId,
    ip: row.ip,
    requestId: row.requestId,
    details: (row.details ?? {}) as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
  };
}
