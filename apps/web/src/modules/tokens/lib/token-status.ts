import type { TApiToken } from '@portico/contracts';

export type TokenStatus = 'active' | 'expired' | 'revoked';

/** Revoked wins over expired: it is the more deliberate state. */
export function tokenStatus(token: Pick<TApiToken, 'revokedAt' | 'expiresAt'>, now = Date.now()): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}
