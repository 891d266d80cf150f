import { ZInvitationToken } from '@portico/contracts';

/**
 * The invitation secret from what the invitee has: the whole link (`…/invite#inv_…`), its
 * fragment, or the bare secret. Null when none of these holds a well-formed one.
 */
export function inviteTokenFrom(text: string): string | null {
  const trimmed = text.trim();
  const candidate = trimmed.includes('#') ? trimmed.slice(trimmed.lastIndexOf('#') + 1) : trimmed;
  return ZInvitationToken.safeParse(candidate).success ? candidate : null;
}
