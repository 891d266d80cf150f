import { isStorableText, type TInvalidParam, UNSTORABLE_TEXT_REASON } from '@portico/contracts';

/** Deeper than any request body we accept; keeps the walk bounded on hostile nesting. */
const MAX_DEPTH = 64;

/**
 * Every string (and object key) in a request that Postgres could not store: NUL and unpaired
 * UTF-16 surrogates. Checked once, before any schema, so no endpoint — present or future — can
 * hand such text to the database and answer 500. Names follow `invalid_params` (`query.q`,
 * `params.id`, `members.0.name`).
 */
export function findUnstorableText(value: unknown, path: string[]): TInvalidParam[] {
  const found: TInvalidParam[] = [];
  const walk = (v: unknown, at: string[], depth: number) => {
    if (typeof v === 'string') {
      if (!isStorableText(v)) found.push({ name: at.join('.'), reason: UNSTORABLE_TEXT_REASON });
      return;
    }
    if (typeof v !== 'object' || v === null || depth > MAX_DEPTH) return;
    for (const [key, child] of Object.entries(v)) {
      if (!isStorableText(key)) found.push({ name: [...at, key].join('.'), reason: `has a field name that ${UNSTORABLE_TEXT_REASON}` });
      walk(child, [...at, key], depth + 1);
    }
  };
  walk(value, path, 0);
  return found;
}
