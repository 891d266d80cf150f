import { Injectable } from '@nestjs/common';
import { AuditAction, type TOrganizationSummary } from '@portico/contracts';
import { type Db, createOrganization } from '@portico/db';
import { AuditService } from '../audit/audit.service.js';
import type { RequestMeta } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { InjectDb } from '../database/database.module.js';

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** Creates an organization with the caller as its admin (the audit event is recorded in it). */
  async create(caller: Principal, name: string, meta: RequestMeta): Promise<TOrganizationSummary> {
    return this.db.$transaction(async (tx) => {
      const org = await createOrganization(tx, { name, ownerId: caller.userId });
      await this.audit.record({ ...caller, organizationId: org.id }, meta, { action: AuditAction.OrganizationCreated, targetType: 'organization', targetId: org.id, details: { name } }, tx);
      return { id: org.id, name: org.name, slug: org.slug, role: 'admin' as const };
    });
  }
}
