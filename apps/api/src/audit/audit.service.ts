import { Injectable } from '@nestjs/common';
import type { TAuditAction, TAuditEventList, TAuditEventQuery } from '@portico/contracts';
import { type AuditEventInput, type Db, type Tx, listAuditEvents, listUserEmails, recordAuditEvent } from '@portico/db';
import { InjectDb } from '../database/database.module.js';
import type { RequestMeta } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { toAuditEventDto } from './audit.mapper.js';

@Injectable()
export class AuditService {
  constructor(@InjectDb() private readonly db: Db) {}

  /** Records an action done by `actor` in their organization; pass `tx` to commit with the change. */
  record(
    actor: { userId: string; organizationId?: string; tokenId?: string } | null,
    meta: RequestMeta,
    event: { action: TAuditAction; outcome?: 'success' | 'failure'; organizationId?: string | null; targetType?: string; targetId?: string; details?: AuditEventInput['details'] },
    tx: Tx = this.db,
  ) {
    return recordAuditEvent(tx, {
      organizationId: event.organizationId !== undefined ? event.organizationId : (actor?.organizationId ?? null),
      actorUserId: actor?.userId ?? null,
      actorTokenId: actor?.tokenId ?? null,
      action: event.action,
      outcome: event.outcome ?? 'success',
      targetType: event.targetType,
      targetId: event.targetId,
      ip: meta.ip,
      requestId: meta.requestId,
      details: event.details,
    });
  }

  async list(caller: Principal, query: TAuditEventQuery): Promise<TAuditEventList> {
    const page = await listAuditEvents(this.db, caller.organizationId, query);
    const actorIds = [...new Set(page.items.map((e) => e.actorUserId).filter((id): id is string => !!id))];
    const users = await listUserEmails(this.db, actorIds);
    const emails = new Map(users.map((u) => [u.id, u.email]));
    return { items: page.items.map((e) => toAuditEventDto(e, emails)), nextCursor: page.nextCursor };
  }
}
