import { Inject, Injectable } from '@nestjs/common';
import { AuditAction, type TChangePasswordRequest, type TLoginRequest, type TMe, type TOrganizationSummary, type TRole, lowerRole } from '@portico/contracts';
import {
  type Db,
  type Sql,
  createSession,
  deleteOtherSessions,
  deleteSession,
  findApiTokenByHash,
  findSessionByTokenHash,
  findUserByEmail,
  listActiveMemberships,
  markApiTokenUsed,
  setUserPassword,
  switchSessionOrganization,
  touchSession,
} from '@portico/db';
import { AppError } from '../common/app-error.js';
import type { RequestMeta } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { AuditService } from '../audit/audit.service.js';
import { InjectDb, InjectSql } from '../database/database.module.js';
import { API_ENV, type ApiEnv } from '../env.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { API_TOKEN_PREFIX, newSecret, sha256 } from './secrets.js';

type TUserRow = NonNullable<Awaited<ReturnType<typeof findUserByEmail>>>;

// Writing lastSeenAt/lastUsedAt on every request would turn reads into writes; once a minute is enough.
const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class AuthService {
  constructor(
    @InjectDb() private readonly db: Db,
    @InjectSql() private readonly sql: Sql,
    @Inject(API_ENV) private readonly env: ApiEnv,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
  ) {}

  /** Verifies credentials and opens a session; returns the cookie secret and who signed in. */
  async login(input: TLoginRequest, meta: RequestMeta): Promise<{ secret: string; me: TMe }> {
    const { user, ok } = await this.checkPassword(input.email, input.password, meta);
    const memberships = user ? await listActiveMemberships(this.db, user.id) : [];
    const home = memberships[0];
    if (!user || !ok || !home) {
      await this.audit.record(user ? { userId: user.id } : null, meta, {
        action: AuditAction.LoginFailed,
        outcome: 'failure',
        organizationId: home?.organizationId ?? null,
        details: { email: input.email, reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'no_active_membership' },
      });
      throw new AppError('invalid_credentials', 'The e-mail or password is wrong, or your account is disabled.');
    }
    await this.audit.record({ userId: user.id, organizationId: home.organizationId }, meta, { action: AuditAction.LoginSucceeded });
    return this.openSession(user, home, meta);
  }

  /**
   * The account behind `email` (null when none) and whether `password` is its own; throttled per account
   * and address (429 once either is exhausted, even for the right password). An unknown e-mail
   * is verified against a dummy hash so both failures cost the same.
   */
  async checkPassword(email: string, password: string, meta: RequestMeta): Promise<{ user: TUserRow | null; ok: boolean }> {
    const reserved = await this.throttle.reserve(email, meta.ip);
    if ('retryAfterSeconds' in reserved) {
      await this.audit.record(null, meta, { action: AuditAction.LoginThrottled, outcome: 'failure', details: { email } });
      throw new AppError('rate_limited', `Too many failed sign-ins. Try again in ${reserved.retryAfterSeconds} s.`, { retryAfterSeconds: reserved.retryAfterSeconds });
    }
    const user = await findUserByEmail(this.db, email);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (user && ok) await reserved.attempt.succeeded();
    return { user, ok: !!user && ok };
  }

  /** Opens a session of `user` in `membership`'s organization. */
  async openSession(user: { id: string; email: string; name: string }, membership: { organizationId: string; role: TRole }, meta: RequestMeta): Promise<{ secret: string; me: TMe }> {
    const secret = newSecret();
    const session = await createSession(this.db, {
      tokenHash: sha256(secret),
      csrfToken: newSecret(24),
      userId: user.id,
      organizationId: membership.organizationId,
      expiresAt: new Date(Date.now() + this.env.PORTICO_SESSION_MAX_HOURS * 3600_000),
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    const principal: Principal = {
      userId: user.id,
      email: user.email,
      name: user.name,
      organizationId: membership.organizationId,
      role: membership.role,
      method: 'session',
      sessionId: session.id,
      csrfToken: session.csrfToken,
    };
    return { secret, me: await this.me(principal) };
  }

  /** Changes the caller's own password; every other session of theirs ends (all organizations). */
  async changePassword(caller: Principal, input: TChangePasswordRequest, meta: RequestMeta): Promise<void> {
    const { user, ok } = await this.checkPassword(caller.email, input.currentPassword, meta);
    if (!ok || user?.id !== caller.userId) {
      await this.audit.record(caller, meta, { action: AuditAction.PasswordChanged, outcome: 'failure', targetType: 'user', targetId: caller.userId, details: { reason: 'wrong_current_password' } });
      throw new AppError('validation_failed', 'The current password is wrong.', { invalidParams: [{ name: 'currentPassword', reason: 'is wrong' }] });
    }
    const passwordHash = await hashPassword(input.newPassword);
    await this.db.$transaction(async (tx) => {
      await setUserPassword(tx, caller.userId, passwordHash);
      const ended = caller.sessionId ? await deleteOtherSessions(tx, caller.userId, caller.sessionId) : { count: 0 };
      await this.audit.record(caller, meta, { action: AuditAction.PasswordChanged, targetType: 'user', targetId: caller.userId, details: { otherSessionsEnded: ended.count } }, tx);
    });
  }

  async logout(caller: Principal, meta: RequestMeta): Promise<void> {
    if (caller.sessionId) await deleteSession(this.db, caller.sessionId);
    await this.audit.record(caller, meta, { action: AuditAction.Logout });
  }

  /** The caller behind a session cookie, or null when it is unknown, expired, idle or disabled. */
  async principalFromSession(secret: string): Promise<Principal | null> {
    const session = await findSessionByTokenHash(this.db, sha256(secret));
    if (!session) return null;
    const now = Date.now();
    const idleLimit = this.env.PORTICO_SESSION_IDLE_MINUTES * 60_000;
    const active = session.expiresAt.getTime() > now && session.lastSeenAt.getTime() + idleLimit > now;
    if (!active || !session.membership || session.membership.disabledAt) {
      await deleteSession(this.db, session.id);
      return null;
    }
    if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await touchSession(this.db, session.id, new Date(now));
    return {
      userId: session.userId,
      email: session.user.email,
      name: session.user.name,
      organizationId: session.organizationId,
      role: session.membership.role,
      method: 'session',
      sessionId: session.id,
      csrfToken: session.csrfToken,
    };
  }

  /** The caller behind an API token; its role is capped by its creator's current role. */
  async principalFromToken(secret: string): Promise<Principal | null> {
    if (!secret.startsWith(API_TOKEN_PREFIX) || secret.length > 200) return null;
    const token = await findApiTokenByHash(this.sql, sha256(secret));
    const now = Date.now();
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= now)) return null;
    if (!token.membership || token.membership.disabledAt) return null;
    if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) await markApiTokenUsed(this.db, token.id, new Date(now));
    return {
      userId: token.userId,
      email: token.user.email,
      name: token.user.name,
      organizationId: token.organizationId,
      role: lowerRole(token.role, token.membership.role),
      method: 'token',
      tokenId: token.id,
    };
  }

  async me(caller: Principal): Promise<TMe> {
    const memberships = await listActiveMemberships(this.db, caller.userId);
    const organizations: TOrganizationSummary[] = memberships.map((m) => ({ id: m.organization.id, name: m.organization.name, slug: m.organization.slug, role: m.role }));
    const current = organizations.find((o) => o.id === caller.organizationId);
    if (!current) throw new AppError('unauthenticated', 'Your membership of this organization has ended.');
    return {
      user: { id: caller.userId, email: caller.email, name: caller.name },
      organization: { ...current, role: caller.role },
      organizations,
      authMethod: caller.method,
      ...(caller.csrfToken ? { csrfToken: caller.csrfToken } : {}),
    };
  }

  async switchOrganization(caller: Principal, organizationId: string): Promise<TMe> {
    const memberships = await listActiveMemberships(this.db, caller.userId);
    const target = memberships.find((m) => m.organizationId === organizationId);
    if (!target || !caller.sessionId) throw new AppError('not_found', 'You are not a member of that organization.');
    await switchSessionOrganization(this.db, caller.sessionId, organizationId);
    return this.me({ ...caller, organizationId, role: target.role });
  }
}
