import type { TNotificationPolicy } from '@portico/contracts';

/**
 * The notification form's text fields to the policy contract and back: addresses are typed one
 * per line (or separated by commas); per-owner lists as `owner: a@x, b@y`, one owner a line.
 */
export const splitEmails = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function parseOwnerLines(text: string): TNotificationPolicy['ownerRecipients'] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(':');
      return colon < 0 ? { owner: line, emails: [] } : { owner: line.slice(0, colon).trim(), emails: splitEmails(line.slice(colon + 1)) };
    });
}

export const ownerLines = (owners: TNotificationPolicy['ownerRecipients']): string => owners.map((o) => `${o.owner}: ${o.emails.join(', ')}`).join('\n');

/** A number field: its number, or NaN for text that is not one (the contract names the field). */
export const numberOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));
