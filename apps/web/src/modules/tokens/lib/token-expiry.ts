/** Expiry choices offered by the create form; `custom` reveals a date input. */
export const EXPIRY_CHOICES = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'No expiry' },
  { value: 'custom', label: 'Custom date…' },
] as const;
export type ExpiryChoice = (typeof EXPIRY_CHOICES)[number]['value'];

const DAY = 24 * 60 * 60 * 1000;

/**
 * The `expiresAt` to send: undefined for no expiry; a custom date means the end of that day
 * in UTC, so a token "valid until the 30th" works all of the 30th.
 */
export function expiresAtOf(choice: ExpiryChoice, customDate: string, now = Date.now()): string | undefined | { error: string } {
  if (choice === 'never') return undefined;
  if (choice === 'custom') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(customDate)) return { error: 'Pick a date.' };
    const at = Date.parse(`${customDate}T23:59:59.000Z`);
    if (Number.isNaN(at)) return { error: 'Pick a valid date.' };
    if (at <= now) return { error: 'Pick a date in the future.' };
    return new Date(at).toISOString();
  }
  return new Date(now + Number(choice) * DAY).toISOString();
}

/** `YYYY-MM-DD` of tomorrow (UTC), the earliest custom expiry. */
export function tomorrowUtc(now = Date.now()): string {
  return new Date(now + DAY).toISOString().slice(0, 10);
}
