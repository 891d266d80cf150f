import type { TAuditEvent } from '@portico/contracts';

/** Who did it, in one line: a user, a user through an API token, or nobody signed in. */
export function actorLabel(actor: TAuditEvent['actor']): string {
  if (actor.email && actor.tokenId) return `${actor.email} (API token)`;
  if (actor.email) return actor.email;
  if (actor.tokenId) return `API token ${actor.tokenId.slice(0, 8)}`;
  return 'Anonymous';
}

/** `token 1a2b3c4d` — enough of the id to tell rows apart; the full id is in the title. */
export function targetLabel(event: Pick<TAuditEvent, 'targetType' | 'targetId'>): string {
  if (!event.targetType && !event.targetId) return '—';
  const id = event.targetId ? (event.targetId.length > 12 ? `${event.targetId.slice(0, 8)}…` : event.targetId) : '';
  return [event.targetType, id].filter(Boolean).join(' ');
}
