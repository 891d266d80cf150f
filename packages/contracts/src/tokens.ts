import { z } from 'zod';
import { ZDisplayName, ZIsoDate, ZRole, ZUuid, pageOf } from './common.js';

export const ZCreateApiTokenRequest = z.strictObject({
  name: ZDisplayName,
  role: ZRole.describe('No higher than your own role in the organization (with an API token: no higher than its role)'),
  expiresAt: ZIsoDate.optional().describe('Omit for a token that does not expire. Required when an API token mints the token: in the future, and no later than the minting token expires'),
});
export type TCreateApiTokenRequest = z.infer<typeof ZCreateApiTokenRequest>;

export const ZApiToken = z.object({
  id: ZUuid,
  name: z.string(),
  prefix: z.string(),
  role: ZRole,
  createdBy: z.object({ id: ZUuid, email: z.string() }),
  createdAt: ZIsoDate,
  expiresAt: ZIsoDate.nullable(),
  lastUsedAt: ZIsoDate.nullable(),
  revokedAt: ZIsoDate.nullable(),
});
export type TApiToken = z.infer<typeof ZApiToken>;

export const ZCreatedApiToken = z.object({
  token: ZApiToken,
  secret: z.string().describe('Shown once. Send as `Authorization: Bearer <secret>`'),
});
export type TCreatedApiToken = z.infer<typeof ZCreatedApiToken>;

export const ZApiTokenList = pageOf(ZApiToken);
export type TApiTokenList = z.infer<typeof ZApiTokenList>;
