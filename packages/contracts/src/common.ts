import { z } from 'zod';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

/** True when `role` grants at least what `needed` grants (viewer < editor < admin). */
export function roleAtLeast(role: TRole, needed: TRole): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** The lower of two roles: what a token may do is capped by its creator's current role. */
export function lowerRole(a: TRole, b: TRole): TRole {
  return ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b;
}

/**
 * Text Postgres cannot store: NUL (refused in `text`) and UTF-16 surrogates without their pair
 * (no UTF-8 form). The API refuses both in every string of every request; forms use the same test.
 */
// eslint-disable-next-line no-control-regex -- matching NUL is the point.
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const isStorableText = (s: string): boolean => !UNSTORABLE_TEXT.test(s);
export const UNSTORABLE_TEXT_REASON = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/**
 * Characters that make a name display as something else: C0/C1 controls and the bidirectional
 * overrides and isolates (Trojan Source, CVE-2021-42574), e.g. "Admin\u202Etxt.exe".
 * @see https://unicode.org/reports/tr36/#Bidirectional_Text_Spoofing
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const DECEPTIVE_CONTROLS = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** A string that can be stored: what every free-text field of a request builds on. */
export const ZText = z.string().refine(isStorableText, UNSTORABLE_TEXT_REASON);

export const ZUuid = z.uuid();
export const ZIdParams = z.strictObject({ id: ZUuid });
export type TIdParams = z.infer<typeof ZIdParams>;

export const ZEmail = z
  .email()
  .max(254)
  .transform((s) => s.trim().toLowerCase());
export const ZPassword = z.string().min(12, 'must be at least 12 characters').max(256).refine(isStorableText, UNSTORABLE_TEXT_REASON);
export const ZDisplayName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine(isStorableText, UNSTORABLE_TEXT_REASON)
  .refine((s) => !DECEPTIVE_CONTROLS.test(s), 'must not contain control characters or bidirectional overrides');

export const ZIsoDate = z.iso.datetime({ offset: true });

/** Opaque, bound to the list and sort that made it; a cursor from elsewhere is a 400. */
export const ZCursor = z.string().min(1).max(2048).describe('`nextCursor` of the previous page of this same list (same sort)');

/**
 * A page size from the query string: decimal digits only. `z.coerce.number` would also take
 * `0x10`, `1e1` and ` 5` (whatever `Number()` reads), so a typo would pass as some other size.
 */
export const ZLimit = z
  .preprocess((v) => (typeof v === 'string' && /^[0-9]{1,6}$/.test(v) ? Number(v) : v), z.number({ error: 'must be a whole number from 1 to 200' }).int().min(1).max(200))
  .default(50)
  .describe('Page size: how many items at most, 1 to 200 (default 50)');

/** Where the next page starts; a list's answer carries it. */
export const ZNextCursor = z.string().nullable().describe('Send as `cursor` (with the same filters and sort) for the next page; null on the last page');

/** Cursor pagination shared by every list endpoint. */
export const ZPageQuery = z.strictObject({
  limit: ZLimit,
  cursor: ZCursor.optional(),
});
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: ZNextCursor });
}
