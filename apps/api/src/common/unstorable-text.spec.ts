import { describe, expect, it } from 'vitest';
import { findUnstorableText } from './unstorable-text.js';

describe('findUnstorableText', () => {
  it('names every string and key that Postgres could not store, however deep', () => {
    const found = findUnstorableText({ name: 'ok', tags: ['fine', 'x\u0000'], nested: { deep: '\uD800' }, 'key\u0000': 1 }, ['body']);
    expect(found.map((f) => f.name).sort()).toEqual(['body.key\u0000', 'body.nested.deep', 'body.tags.1']);
  });

  it('passes storable text, numbers and booleans', () => {
    expect(findUnstorableText({ a: '👩‍💻', b: 1, c: true, d: null, e: ['é'] }, [])).toEqual([]);
  });

  it('stops at a bounded depth instead of recursing without end', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(() => findUnstorableText(deep, [])).not.toThrow();
  });
});
