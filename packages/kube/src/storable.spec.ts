import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_STORABLE_DEPTH, REPLACEMENT_CHARACTER, UnstorableValueError, storableText, toStorable } from './storable.js';

/** What Postgres refuses in text and jsonb: NUL, and a surrogate without its other half. */
const REFUSED = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function refusedStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (REFUSED.test(value)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) refusedStrings(v, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      refusedStrings(k, out);
      refusedStrings(v, out);
    }
  }
  return out;
}

const naiveClean = (v: unknown): unknown =>
  typeof v === 'string'
    ? storableText(v)
    : Array.isArray(v)
      ? v.map(naiveClean)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [storableText(k), naiveClean(x)]))
        : v;

/** Strings built from the characters that matter: NUL, both surrogate halves, ASCII, an emoji (a valid pair). */
const hostileString = fc.array(fc.constantFrom('\0', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'a', '.', '\\', 'u0000', '😀', 'é'), { maxLength: 12 }).map((parts) => parts.join(''));
const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('storableText', () => {
  it('replaces NUL and unpaired surrogates, keeps valid pairs', () => {
    expect(storableText('bank.example\0.evil.example')).toBe(`bank.example${REPLACEMENT_CHARACTER}.evil.example`);
    expect(storableText('a\uD800b\uDC00c')).toBe(`a${REPLACEMENT_CHARACTER}b${REPLACEMENT_CHARACTER}c`);
    expect(storableText('ok 😀 é')).toBe('ok 😀 é');
  });
});

describe('toStorable', () => {
  it('returns a clean value untouched (same object, nothing copied)', () => {
    const value = { metadata: { name: 'web', annotations: { a: 'b' } }, spec: { ports: [{ port: 80 }] } };
    const result = toStorable(value);
    expect(result.value).toBe(value);
    expect(result.replacedAt).toEqual([]);
  });

  it('cleans keys and values, says where, and leaves the input unmodified', () => {
    const value = { metadata: { name: 'web', annotations: { 'note\0': 'x', ok: 'a\0b' } }, list: ['\uD800'] };
    const result = toStorable(value);
    expect(result.value).toEqual({ metadata: { name: 'web', annotations: { [`note${REPLACEMENT_CHARACTER}`]: 'x', ok: `a${REPLACEMENT_CHARACTER}b` } }, list: [REPLACEMENT_CHARACTER] });
    expect(result.replacedAt).toEqual(['metadata.annotations["note\uFFFD"] (key)', 'metadata.annotations.ok', 'list[0]']);
    expect(value.metadata.annotations.ok).toBe('a\0b');
  });

  it('refuses nesting deeper than any Kubernetes object has', () => {
    let deep: unknown = 'x';
    for (let i = 0; i <= MAX_STORABLE_DEPTH + 1; i++) deep = [deep];
    expect(() => toStorable(deep)).toThrow(UnstorableValueError);
  });

  it('never leaves a string Postgres refuses, and changes nothing else (property)', () => {
    fc.assert(
      fc.property(hostileJson, (value) => {
        const { value: clean } = toStorable(value);
        expect(refusedStrings(clean)).toEqual([]);
        // Nothing but the refused characters changes: the same as cleaning every string naively.
        expect(clean).toEqual(naiveClean(value));
      }),
      { numRuns: 500 },
    );
  });
});
