import { z } from 'zod';
import { ZEmail, ZIsoDate, ZRole, ZUuid, pageOf } from './common.js';

export const ZMember = z.object({
  id: ZUuid.describe('The user id'),
  email: z.string(),
  name: z.string(),
  role: ZRole,
  disabled: z.boolean(),
  createdAt: ZIsoDate,
});
export type TMember = z.infer<typeof ZMember>;
export const ZMemberList = pageOf(ZMember);
export type TMemberList = z.infer<typeof ZMemberList>;

/**
 * Adding a member invites them (answer: `ZCreatedInvitation`): no account is created and no
 * password chosen here, so no admin ever holds a credential for someone else's account.
 */
export const ZCreateMemberRequest = z.strictObject({
  email: ZEmail,
  role: ZRole,
});
export type TCreateMemberRequest = z.infer<typeof ZCreateMemberRequest>;

export const ZUpdateMemberRequest = z
  .strictObject({ role: ZRole.optional(), disabled: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.disabled !== undefined, { message: 'give role or disabled' });
export type TUpdateMemberRequest = z.infer<typeof ZUpdateMemberRequest>;
