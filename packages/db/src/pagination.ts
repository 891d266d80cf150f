import { InvalidCursorError, decodeCursor, encodeCursor } from './cursor.js';

/**
 * Keyset pagination over (createdAt DESC, id DESC): stable under inserts, no OFFSET scans.
 * The cursor is opaque to clients and bound to its list (see `cursor.ts`).
 */
export interface PageRequest {
  limit: number;
  cursor?: string;
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Millisecond UTC ISO, as `toISOString` writes it: no years Postgres cannot store. */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The last row's key of a cursor made by `toPage(…, list)`; throws `InvalidCursorError` for any other. */
export function decodePageCursor(cursor: string | undefined, list: string): { createdAt: Date; id: string } | null {
  const keys = decodeCursor(cursor, list, 2);
  if (!keys) return null;
  const [iso, id] = keys as [string, string];
  const createdAt = new Date(iso);
  if (!ISO.test(iso) || Number.isNaN(createdAt.getTime())) throw new InvalidCursorError('malformed time');
  return { createdAt, id };
}

/** A Prisma `where` fragment selecting rows of `list` strictly after the cursor. */
export function afterCursor(cursor: string | undefined, list: string) {
  const c = decodePageCursor(cursor, list);
  if (!c) return {};
  return { OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] };
}

export const newestFirst = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

/** Call with `limit + 1` rows fetched; trims and computes the next cursor of `list`. */
export function toPage<T extends { createdAt: Date; id: string }>(rows: T[], limit: number, list: string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor(list, [last.createdAt.toISOString(), last.id]) : null;
  return { items, nextCursor };
}
