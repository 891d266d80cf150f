import { z } from 'zod';
import { ZDisplayName, ZEmail, ZPassword, ZRole, ZUuid, pageOf } from './common.js';

export const ZMember = z.object({
  id: ZUuid.describe('The user id'),
  email: z.string(),
  name: z.string(),
  role: ZRole,
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type TMember = z.infer<typeof ZMember>;
export const ZMemberList = pageOf(ZMember);
export type TMemberList = z.infer<typeof ZMemberList>;

export const ZCreateMemberRequest = z.strictObject({
  email: ZEmail,
  name: ZDisplayName,
  role: ZRole,
  password: ZPassword.optional().describe('For a new user; omit to have one generated and returned once'),
});
export type TCreateMemberRequest = z.infer<typeof ZCreateMemberRequest>;

export const ZCreatedMember = z.object({
  member: ZMember,
  initialPassword: z.string().nullable().describe('Only when Portico generated it; shown once'),
});
export type TCreatedMember = z.infer<typeof ZCreatedMember>;

export const ZUpdateMemberRequest = z
  .strictObject({ role: ZRole.optional(), disabled: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.disabled !== undefined, { message: 'give role or disabled' });
export type TUpdateMemberRequest = z.infer<typeof ZUpdateMemberRequest>;
