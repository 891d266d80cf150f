import { Inject, Injectable } from '@nestjs/common';
import {
  AuditAction,
  type TAcceptInvitationRequest,
  type TCreateMemberRequest,
  type TCreatedInvitation,
  type TInvitationList,
  type TMe,
  type TMyInvitation,
  type TMyInvitationList,
  ZPassword,
} from '@portico/contracts';
import {
  type Db,
  type Tx,
  UniqueViolationError,
  addMember,
  answerInvitation,
  createUser,
  findMember,
  findMemberByEmail,
  findPendingInvitationByTokenHash,
  findPendingInvitationFor,
  findUserByEmail,
  listOpenInvitations,
  listPendingInvitationsFor,
  revokeInvitation,
  switchSessionOrganization,
  upsertInvitation,
} from '@portico/db';
import { AuditService } from '../audit/audit.service.js';
import { AuthService } from '../auth/auth.service.js';
import { hashPassword } from '../auth/passwords.js';
import { newSecret, safeEqual, sha256 } from '../auth/secrets.js';
import { AppError } from '../common/app-error.js';
import type { RequestMeta } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { InjectDb } from '../database/database.module.js';
import { API_ENV, type ApiEnv } from '../env.js';
import { toInvitationDto, toMyInvitationDto } from './invitations.mapper.js';

export const INVITATION_TOKEN_PREFIX = 'inv_';
const GONE = 'This invitation is not valid: it was answered, revoked or replaced, or it has expired. Ask for a new one.';

type PendingInvitation = NonNullable<Awaited<ReturnType<typeof findPendingInvitationByTokenHash>>>;

/**
 * Invitations: the only way into an organization (issue 8, finding 1). An admin never creates
 * an account or chooses a password; the invitee accepts with the link's secret and, when the
 * e-mail already has an account, that account's own password. docs/security.md, "Invitation model".
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDb() private readonly db: Db,
    @Inject(API_ENV) private readonly env: ApiEnv,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Invites `email`. Whether it has an account elsewhere changes nothing here — not the
   * status, not the body, not the queries made — so the answer reveals nothing about it.
   */
  async invite(caller: Principal, input: TCreateMemberRequest, meta: RequestMeta): Promise<TCreatedInvitation> {
    const token = `${INVITATION_TOKEN_PREFIX}${newSecret()}`;
    const now = new Date();
    return this.db.$transaction(async (tx) => {
      if (await findMemberByEmail(tx, caller.organizationId, input.email)) {
        throw new AppError('conflict', `${input.email} is already a member of this organization.`);
      }
      const row = await upsertInvitation(tx, caller.organizationId, {
        email: input.email,
        role: input.role,
        invitedById: caller.userId,
        tokenHash: sha256(token),
        expiresAt: new Date(now.getTime() + this.env.PORTICO_INVITATION_TTL_HOURS * 3600_000),
      });
      await this.audit.record(caller, meta, { action: AuditAction.InvitationCreated, targetType: 'invitation', targetId: row.id, details: { email: input.email, role: input.role } }, tx);
      // The secret rides in the fragment: browsers never send it to a server or in a Referer.
      return { invitation: toInvitationDto(row, now), inviteUrl: `${new URL('/invite', this.env.PORTICO_PUBLIC_URL).href}#${token}` };
    });
  }

  async list(caller: Principal, page: { limit: number; cursor?: string }): Promise<TInvitationList> {
    const now = new Date();
    const result = await listOpenInvitations(this.db, caller.organizationId, page);
    return { items: result.items.map((r) => toInvitationDto(r, now)), nextCursor: result.nextCursor };
  }

  async revoke(caller: Principal, id: string, meta: RequestMeta): Promise<void> {
    await this.db.$transaction(async (tx) => {
      if (!(await revokeInvitation(tx, caller.organizationId, id, new Date()))) throw new AppError('not_found', 'No open invitation with that id in this organization.');
      await this.audit.record(caller, meta, { action: AuditAction.InvitationRevoked, targetType: 'invitation', targetId: id }, tx);
    });
  }

  /** What a link invites to, for the page that asks the invitee to accept. */
  async lookup(token: string): Promise<TMyInvitation> {
    return toMyInvitationDto(await this.pendingByToken(token));
  }

  /**
   * Accepts from the link without a session, then signs in to the organization. An existing
   * account must give its own password (throttled like a sign-in); an e-mail without one gets
   * an account with the password the invitee chooses now.
   */
  async acceptWithPassword(input: TAcceptInvitationRequest, meta: RequestMeta): Promise<{ secret: string; me: TMe }> {
    const invitation = await this.pendingByToken(input.token);
    const existing = await findUserByEmail(this.db, invitation.email);
    let newAccount: { name: string; passwordHash: string } | null = null;
    if (existing) {
      const { ok } = await this.auth.checkPassword(invitation.email, input.password, meta);
      if (!ok) {
        await this.audit.record({ userId: existing.id }, meta, {
          action: AuditAction.LoginFailed,
          outcome: 'failure',
          organizationId: null,
          details: { email: invitation.email, reason: 'wrong_password', via: 'invitation' },
        });
        throw new AppError('invalid_credentials', `Enter the password of your Portico account ${invitation.email}.`);
      }
    } else {
      newAccount = { name: requireName(input.name), passwordHash: await hashPassword(requireNewPassword(input.password)) };
    }

    const { user, membership } = await this.db.$transaction(async (tx) => {
      const user = existing ?? (await createAccount(tx, invitation.email, newAccount!));
      const membership = await this.join(tx, invitation, user.id);
      await this.audit.record(
        { userId: user.id, organizationId: invitation.organizationId },
        meta,
        { action: AuditAction.InvitationAccepted, targetType: 'invitation', targetId: invitation.id, details: { email: invitation.email, role: invitation.role, newAccount: !existing } },
        tx,
      );
      return { user, membership };
    });
    return this.auth.openSession(user, membership, meta);
  }

  async listMine(caller: Principal): Promise<TMyInvitationList> {
    const rows = await listPendingInvitationsFor(this.db, caller.email, new Date());
    return { items: rows.map(toMyInvitationDto) };
  }

  /**
   * Accepts an invitation addressed to the signed-in caller. The link's secret is still needed:
   * the password of an account proves who holds the account, not that they own the e-mail
   * (an admin could have opened their own invitation's link), and only the secret shows that
   * this is the person the inviting organization meant.
   */
  async acceptMine(caller: Principal, id: string, token: string, meta: RequestMeta): Promise<TMe> {
    const invitation = await findPendingInvitationFor(this.db, id, caller.email, new Date());
    if (!invitation) throw new AppError('not_found', GONE);
    if (!safeEqual(invitation.tokenHash, sha256(token))) {
      throw new AppError('validation_failed', 'That is not the link of this invitation.', { invalidParams: [{ name: 'token', reason: 'does not belong to this invitation' }] });
    }
    const membership = await this.db.$transaction(async (tx) => {
      const membership = await this.join(tx, invitation, caller.userId);
      await this.audit.record(
        { userId: caller.userId, organizationId: invitation.organizationId },
        meta,
        { action: AuditAction.InvitationAccepted, targetType: 'invitation', targetId: invitation.id, details: { email: invitation.email, role: invitation.role, newAccount: false } },
        tx,
      );
      return membership;
    });
    if (caller.sessionId) await switchSessionOrganization(this.db, caller.sessionId, invitation.organizationId);
    return this.auth.me({ ...caller, organizationId: invitation.organizationId, role: membership.role });
  }

  async declineMine(caller: Principal, id: string, meta: RequestMeta): Promise<void> {
    const invitation = await findPendingInvitationFor(this.db, id, caller.email, new Date());
    if (!invitation) throw new AppError('not_found', GONE);
    await this.db.$transaction(async (tx) => {
      if (!(await answerInvitation(tx, invitation.id, 'declined', new Date()))) throw new AppError('not_found', GONE);
      await this.audit.record(
        { userId: caller.userId, organizationId: invitation.organizationId },
        meta,
        { action: AuditAction.InvitationDeclined, targetType: 'invitation', targetId: invitation.id, details: { email: invitation.email } },
        tx,
      );
    });
  }

  private async pendingByToken(token: string): Promise<PendingInvitation> {
    const invitation = await findPendingInvitationByTokenHash(this.db, sha256(token), new Date());
    if (!invitation) throw new AppError('not_found', GONE);
    return invitation;
  }

  /** Closes the invitation (exactly once, even when answered twice at the same time) and adds the member. */
  private async join(tx: Tx, invitation: PendingInvitation, userId: string) {
    if (!(await answerInvitation(tx, invitation.id, 'accepted', new Date()))) throw new AppError('not_found', GONE);
    if (await findMember(tx, invitation.organizationId, userId)) throw new AppError('conflict', 'You are already a member of this organization.');
    return addMember(tx, invitation.organizationId, { userId, role: invitation.role });
  }
}

function requireName(name: string | undefined): string {
  if (!name) throw new AppError('validation_failed', 'Enter your name for the new account.', { invalidParams: [{ name: 'name', reason: 'is required for a new account' }] });
  return name;
}

function requireNewPassword(password: string): string {
  const parsed = ZPassword.safeParse(password);
  if (!parsed.success) throw new AppError('validation_failed', 'Choose a longer password.', { invalidParams: [{ name: 'password', reason: parsed.error.issues[0]?.message ?? 'is not allowed' }] });
  return parsed.data;
}

/** Two links for one new e-mail accepted at once: the second finds the account taken. */
async function createAccount(tx: Tx, email: string, account: { name: string; passwordHash: string }) {
  try {
    return await createUser(tx, { email, ...account });
  } catch (err) {
    if (err instanceof UniqueViolationError) {
      throw new AppError('conflict', 'An account for this e-mail was created a moment ago. Open the link again and sign in with its password.');
    }
    throw err;
  }
}
