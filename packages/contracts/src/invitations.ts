import { z } from 'zod';
import { ZDisplayName, ZIsoDate, ZRole, ZUuid, pageOf } from './common.js';

/**
 * Invitations (issue 8, finding 1). Adding a member never creates or touches an account: it
 * creates an invitation whose secret link the admin passes on. Accepting needs that secret and,
 * for an e-mail that already has an account, the account's own password. See docs/security.md.
 */

/** The invitation secret from the link: `inv_` + 43 base64url characters (32 random bytes). */
export const ZInvitationToken = z.string().regex(/^inv_[A-Za-z0-9_-]{43}$/, 'is not an invitation link');

export const ZInvitation = z.object({
  id: ZUuid,
  email: z.string(),
  role: ZRole,
  invitedBy: z.string().nullable().describe('Name of the admin who invited; null when that account is gone'),
  createdAt: ZIsoDate,
  expiresAt: ZIsoDate,
  expired: z.boolean(),
});
export type TInvitation = z.infer<typeof ZInvitation>;
export const ZInvitationList = pageOf(ZInvitation);
export type TInvitationList = z.infer<typeof ZInvitationList>;

/**
 * The answer to "add a member", the same whether or not the e-mail has an account anywhere:
 * nothing in it tells an admin about accounts outside their organization.
 */
export const ZCreatedInvitation = z.object({
  invitation: ZInvitation,
  inviteUrl: z.string().describe('Give it to the invitee over a safe channel; shown once. Whoever holds it can accept the invitation.'),
});
export type TCreatedInvitation = z.infer<typeof ZCreatedInvitation>;

/** An invitation as its invitee sees it. */
export const ZMyInvitation = z.object({
  id: ZUuid,
  organization: z.object({ id: ZUuid, name: z.string(), slug: z.string() }),
  email: z.string(),
  role: ZRole,
  invitedBy: z.string().nullable(),
  createdAt: ZIsoDate,
  expiresAt: ZIsoDate,
});
export type TMyInvitation = z.infer<typeof ZMyInvitation>;
export const ZMyInvitationList = z.object({ items: z.array(ZMyInvitation) });
export type TMyInvitationList = z.infer<typeof ZMyInvitationList>;

export const ZLookupInvitationRequest = z.strictObject({ token: ZInvitationToken });
export type TLookupInvitationRequest = z.infer<typeof ZLookupInvitationRequest>;

/**
 * Accepting from the link without a session. `password`: the account's own password when the
 * e-mail has one; otherwise the new account's password (then at least 12 characters, and `name`
 * is needed). The form asks for both either way, so it says nothing about which case applies.
 */
export const ZAcceptInvitationRequest = z.strictObject({
  token: ZInvitationToken,
  password: z.string().min(1).max(256),
  name: ZDisplayName.optional().describe('Your name, for a new account; ignored when the e-mail already has one'),
});
export type TAcceptInvitationRequest = z.infer<typeof ZAcceptInvitationRequest>;

/** Accepting while signed in as the invitee: the secret from the link is still needed. */
export const ZAcceptMyInvitationRequest = z.strictObject({ token: ZInvitationToken });
export type TAcceptMyInvitationRequest = z.infer<typeof ZAcceptMyInvitationRequest>;
