import { Injectable } from '@nestjs/common';
import { AuditAction, type TMember, type TMemberList, type TUpdateMemberRequest } from '@portico/contracts';
import { type Db, countActiveAdmins, deleteMemberSessions, findMember, listMembers, updateMember } from '@portico/db';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { RequestMeta } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { InjectDb } from '../database/database.module.js';
import { toMemberDto } from './members.mapper.js';

@Injectable()
export class MembersService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async list(caller: Principal, page: { limit: number; cursor?: string }): Promise<TMemberList> {
    const result = await listMembers(this.db, caller.organizationId, page);
    return { items: result.items.map(toMemberDto), nextCursor: result.nextCursor };
  }

  async update(caller: Principal, userId: string, input: TUpdateMemberRequest, meta: RequestMeta): Promise<TMember> {
    return this.db.$transaction(async (tx) => {
      const current = await findMember(tx, caller.organizationId, userId);
      if (!current) throw new AppError('not_found', 'No such member in this organization.');
      const losesAdmin = current.role === 'admin' && !current.disabledAt && ((input.role && input.role !== 'admin') || input.disabled === true);
      if (losesAdmin && (await countActiveAdmins(tx, caller.organizationId)) <= 1) {
        throw new AppError('conflict', 'An organization needs at least one active admin. Promote someone else first.');
      }
      const disabledAt = input.disabled === undefined ? undefined : input.disabled ? (current.disabledAt ?? new Date()) : null;
      const updated = await updateMember(tx, caller.organizationId, userId, { role: input.role, disabledAt });
      // A disabled member's sessions here end at once (tokens stop too: the guard checks the membership).
      if (input.disabled) await deleteMemberSessions(tx, caller.organizationId, userId);
      await this.audit.record(caller, meta, { action: AuditAction.MemberUpdated, targetType: 'user', targetId: userId, details: { ...input } }, tx);
      return toMemberDto(updated);
    });
  }
}
