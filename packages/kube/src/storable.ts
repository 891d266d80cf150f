/**
 * Makes values from a cluster storable in Postgres. A JavaScript string can hold two things
 * Postgres refuses: U+0000 (in `text`, and as `\u0000` in `jsonb`) and lone UTF-16 surrogates
 * (`JSON.stringify` writes them as `\ud800`-style escapes, which `jsonb` rejects). A broken or
 * hostile cluster can put either in any string of any object (an annotation, a certificate's
 * subjectAltName…); one such value used to fail the write of its whole page, on every relist.
 * @see https://www.postgresql.org/docs/current/datatype-json.html (`\u0000` is not allowed)
 * @see https://www.postgresql.org/docs/current/functions-json.html (surrogate escapes must pair)
 */

/** Shown in place of a character Postgres cannot store, so the value stays visible, visibly altered. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/** Deeper JSON than any Kubernetes object has; Postgres' parser would refuse far deeper, but the stack is ours too. */
export const MAX_STORABLE_DEPTH = 100;

/** NUL, a high surrogate without its low half, or a low surrogate without its high half (matched by code unit). */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export class UnstorableValueError extends Error {
  override readonly name = 'UnstorableValueError';
}

/** `s` with every character Postgres refuses replaced by U+FFFD (the same string when there is none). */
export function storableText(s: string): string {
  return UNSTORABLE.test(s) ? s.replace(UNSTORABLE_ALL, REPLACEMENT_CHARACTER) : s;
}

export interface StorableResult<T> {
  value: T;
  /** Where characters were replaced, as JSON paths (`metadata.annotations["a"]`); empty when none were. */
  replacedAt: string[];
}

const segment = (key: string | number) => (typeof key === 'number' ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(storableText(key))}]`);
const pathOf = (stack: readonly (string | number)[]) => stack.map(segment).join('').replace(/^\./, '') || '(value)';

/**
 * A copy of a JSON value whose strings (object keys included) Postgres accepts. Only the
 * containers on the way to a replaced string are copied; a clean value is returned as is, so
 * the common case allocates nothing. Throws `UnstorableValueError` for nesting deeper than
 * `MAX_STORABLE_DEPTH` (no Kubernetes object nests so deep; the caller skips such an object).
 */
export function toStorable<T>(value: T): StorableResult<T> {
  const replacedAt: string[] = [];
  const stack: (string | number)[] = [];
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') {
      const clean = storableText(v);
      if (clean !== v && replacedAt.length < 10) replacedAt.push(pathOf(stack));
      return clean;
    }
    if (typeof v !== 'object' || v === null) return v;
    if (depth > MAX_STORABLE_DEPTH) throw new UnstorableValueError(`nested deeper than ${MAX_STORABLE_DEPTH} levels at ${pathOf(stack)}`);
    if (Array.isArray(v)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        stack.push(i);
        const item = walk(v[i], depth + 1);
        stack.pop();
        if (item !== v[i]) (copy ??= v.slice())[i] = item;
      }
      return copy ?? v;
    }
    if (v instanceof Date) return v;
    let copy: Record<string, unknown> | undefined;
    for (const key of Object.keys(v)) {
      const old = (v as Record<string, unknown>)[key];
      stack.push(key);
      const item = walk(old, depth + 1);
      const cleanKey = storableText(key);
      if (cleanKey !== key && replacedAt.length < 10) replacedAt.push(`${pathOf(stack)} (key)`);
      stack.pop();
      if (item === old && cleanKey === key) continue;
      copy ??= { ...(v as Record<string, unknown>) };
      if (cleanKey !== key) delete copy[key];
      copy[cleanKey] = item;
    }
    return copy ?? v;
  };
  return { value: walk(value, 0) as T, replacedAt };
}
