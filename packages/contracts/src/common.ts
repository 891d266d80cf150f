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

export const ZUuid = z.uuid();
export const ZIdParams = z.strictObject({ id: ZUuid });
export type TIdParams = z.infer<typeof ZIdParams>;

export const ZEmail = z.email().max(254).transform((s) => s.trim().toLowerCase());
export const ZPassword = z.string().min(12, 'must be at least 12 characters').max(256);
export const ZDisplayName = z.string().trim().min(1).max(100);

export const ZIsoDate = z.iso.datetime({ offset: true });

/** Cursor pagination shared by every list endpoint. */
export const ZPageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
