import { Injectable } from '@nestjs/common';
import { AuditAction, type TApiTokenList, type TCreateApiTokenRequest, type TCreatedApiToken, roleAtLeast } from '@portico/contracts';
import { type Db, createApiToken, findApiToken, listApiTokens, revokeApiToken } from '@portico/db';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { RequestMeta } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { InjectDb } from '../database/database.module.js';
import { newApiTokenSecret, sha256 } from '../auth/secrets.js';
import { toApiTokenDto } from './tokens.mapper.js';

@Injectable()
export class TokensService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async list(caller: Principal, page: { limit: number; cursor?: string }): Promise<TApiTokenList> {
    // Admins oversee every token of the organization; others see their own.
    const result = await listApiTokens(this.db, caller.organizationId, { ...page, userId: caller.role === 'admin' ? undefined : caller.userId });
    return { items: result.items.map(toApiTokenDto), nextCursor: result.nextCursor };
  }

  async create(caller: Principal, input: TCreateApiTokenRequest, meta: RequestMeta): Promise<TCreatedApiToken> {
    if (!roleAtLeast(caller.role, input.role)) {
      throw new AppError('validation_failed', `A token cannot have more rights than you (${caller.role}).`, {
        invalidParams: [{ name: 'role', reason: `must be no higher than your role, ${caller.role}` }],
      });
    }
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw new AppError('validation_failed', 'The expiry must be in the future.', { invalidParams: [{ name: 'expiresAt', reason: 'must be in the future' }] });
    }
    const minter = caller.method === 'token' ? await this.mintingToken(caller, expiresAt) : null;
    const secret = newApiTokenSecret();
    return this.db.$transaction(async (tx) => {
      const row = await createApiToken(tx, caller.organizationId, { userId: caller.userId, name: input.name, prefix: secret.slice(0, 10), tokenHash: sha256(secret), role: input.role, expiresAt });
      const details = { name: row.name, role: row.role, ...(minter ? { mintedByToken: minter } : {}) };
      await this.audit.record(caller, meta, { action: AuditAction.TokenCreated, targetType: 'api_token', targetId: row.id, details }, tx);
      return { token: toApiTokenDto(row), secret };
    });
  }

  /**
   * An (admin, by the route's tokenMinRole) API token minting a token for automation: the new one
   * must expire, and no later than the minting token, so a leaked child never outlives its parent.
   */
  private async mintingToken(caller: Principal, expiresAt: Date | null): Promise<{ id: string; name: string }> {
    const parent = caller.tokenId ? await findApiToken(this.db, caller.organizationId, caller.tokenId) : null;
    if (!parent) throw new AppError('unauthenticated', 'The API token is unknown, expired or revoked.');
    if (!expiresAt) {
      throw new AppError('validation_failed', 'A token minted by an API token must expire.', { invalidParams: [{ name: 'expiresAt', reason: 'is required when an API token creates the token' }] });
    }
    if (parent.expiresAt && expiresAt.getTime() > parent.expiresAt.getTime()) {
      const reason = `must be no later than the minting token's expiry, ${parent.expiresAt.toISOString()}`;
      throw new AppError('validation_failed', 'The new token would outlive the token that mints it.', { invalidParams: [{ name: 'expiresAt', reason }] });
    }
    return { id: parent.id, name: parent.name };
  }

  async revoke(caller: Principal, id: string, meta: RequestMeta): Promise<void> {
    const token = await findApiToken(this.db, caller.organizationId, id);
    // Someone else's token is as invisible to a non-admin as another organization's.
    if (!token || (caller.role !== 'admin' && token.userId !== caller.userId)) throw new AppError('not_found', 'No such API token.');
    await this.db.$transaction(async (tx) => {
      await revokeApiToken(tx, caller.organizationId, id, new Date());
      await this.audit.record(caller, meta, { action: AuditAction.TokenRevoked, targetType: 'api_token', targetId: id, details: { name: token.name } }, tx);
    });
  }
}
