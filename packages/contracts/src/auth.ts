import { z } from 'zod';
import { ZDisplayName, ZEmail, ZPassword, ZRole, ZUuid } from './common.js';

export const ZLoginRequest = z.strictObject({
  email: ZEmail,
  password: z.string().min(1).max(256),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZOrganizationSummary = z.object({
  id: ZUuid,
  name: z.string(),
  slug: z.string(),
  role: ZRole,
});
export type TOrganizationSummary = z.infer<typeof ZOrganizationSummary>;

export const ZUser = z.object({ id: ZUuid, email: z.string(), name: z.string() });
export type TUser = z.infer<typeof ZUser>;

/** Who is calling, in which organization, with which role — for sessions and tokens alike. */
export const ZMe = z.object({
  user: ZUser,
  organization: ZOrganizationSummary,
  organizations: z.array(ZOrganizationSummary),
  authMethod: z.enum(['session', 'token']),
  csrfToken: z.string().optional().describe('Send it back as the X-CSRF-Token header on writes made with the session cookie'),
});
export type TMe = z.infer<typeof ZMe>;

export const ZSwitchOrganizationRequest = z.strictObject({ organizationId: ZUuid });
export type TSwitchOrganizationRequest = z.infer<typeof ZSwitchOrganizationRequest>;

export const ZCreateOrganizationRequest = z.strictObject({ name: ZDisplayName });
export type TCreateOrganizationRequest = z.infer<typeof ZCreateOrganizationRequest>;

/** Changing your own password: the current one is required; your other sessions end. */
export const ZChangePasswordRequest = z
  .strictObject({ currentPassword: z.string().min(1).max(256), newPassword: ZPassword })
  .refine((v) => v.currentPassword !== v.newPassword, { message: 'must differ from the current password', path: ['newPassword'] });
export type TChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;
