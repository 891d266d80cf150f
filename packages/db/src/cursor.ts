/**
 * The one cursor codec of every keyset-paginated list. A cursor is base64url of
 * `{"v":1,"l":<list>,"k":[...keys, id]}`: it names the list (and sort) it was made for, so a
 * cursor from another list or another sort is refused instead of silently giving a wrong page.
 * Anything unreadable throws `InvalidCursorError`, which the API answers with a 400 naming
 * `cursor` (never page 1, never a 500 from Postgres).
 */
import { isStorableText } from '@portico/contracts';

/** A cursor the caller sent that this list did not make. The API maps it to 400 `query.cursor`. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor(readonly reason: string) {
    super(`invalid cursor: ${reason}`);
  }
}

const VERSION = 1;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Far above any real key (names are ≤ 253 characters); keeps decoding cheap. */
const MAX_KEY_LENGTH = 1024;

/** Encodes the keys of a page's last row (its id last) for the list `list` (e.g. `inventory:services:-age`). */
export function encodeCursor(list: string, keys: readonly string[]): string {
  return Buffer.from(JSON.stringify({ v: VERSION, l: list, k: keys })).toString('base64url');
}

/**
 * The keys inside a cursor made by `encodeCursor(list, …)` with `arity` keys, the last a uuid;
 * `null` when there is no cursor (the first page). Throws `InvalidCursorError` otherwise.
 */
export function decodeCursor(cursor: string | undefined, list: string, arity: number): string[] | null {
  if (cursor === undefined || cursor === '') return null;
  if (!BASE64URL.test(cursor)) throw new InvalidCursorError('not base64url');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('not a cursor');
  }
  if (typeof value !== 'object' || value === null || (value as { v?: unknown }).v !== VERSION) throw new InvalidCursorError('not a cursor');
  const { l, k } = value as { l?: unknown; k?: unknown };
  if (l !== list) throw new InvalidCursorError('made for another list or sort');
  // Keys go to Postgres as bound text: it refuses NUL, and a lone surrogate has no UTF-8 form.
  if (!Array.isArray(k) || k.length !== arity || !k.every((x) => typeof x === 'string' && x.length <= MAX_KEY_LENGTH && isStorableText(x))) {
    throw new InvalidCursorError('malformed keys');
  }
  if (!UUID.test(k[arity - 1] as string)) throw new InvalidCursorError('malformed id');
  return k as string[];
}
