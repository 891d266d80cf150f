import { describe, expect, it } from 'vitest';
import { ZDisplayName, ZPageQuery, ZText, isStorableText, lowerRole, roleAtLeast } from './common.js';

describe('roles', () => {
  it.each([
    ['viewer', 'viewer', true],
    ['viewer', 'editor', false],
    ['editor', 'viewer', true],
    ['editor', 'admin', false],
    ['admin', 'editor', true],
  ] as const)('%s at least %s → %s', (role, needed, expected) => {
    expect(roleAtLeast(role, needed)).toBe(expected);
  });

  it('caps a token by its creator', () => {
    expect(lowerRole('admin', 'viewer')).toBe('viewer');
    expect(lowerRole('editor', 'admin')).toBe('editor');
  });
});

describe('text the database can store', () => {
  it.each([
    ['plain', 'web-01', true],
    ['a paired surrogate (emoji)', '👩‍💻', true],
    ['NUL', 'a\u0000b', false],
    ['a lone high surrogate', 'a\uD800', false],
    ['a lone low surrogate', '\uDC00b', false],
    ['swapped surrogates', '\uDC00\uD800', false],
  ])('%s → %s', (_name, text, ok) => {
    expect(isStorableText(text)).toBe(ok);
    expect(ZText.safeParse(text).success).toBe(ok);
  });

  it('display names refuse NUL, control characters and bidi overrides, keep other scripts', () => {
    for (const bad of ['a\u0000', 'a\nb', 'invoice\u202Efdp.exe', 'x\u2066y', '\uD800']) expect(ZDisplayName.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    for (const good of ['Zoë', 'Андрей', '山田 太郎', "O'Brien"]) expect(ZDisplayName.safeParse(good).success, good).toBe(true);
  });
});

describe('page size', () => {
  it.each([
    ['16', 16],
    [undefined, 50],
  ])('reads %s as %s', (raw, size) => {
    expect(ZPageQuery.parse({ limit: raw }).limit).toBe(size);
  });

  it.each(['0x10', '1e1', ' 5', '', '0', '201', '1.5'])('refuses %j (Number() would read some of them)', (raw) => {
    expect(ZPageQuery.safeParse({ limit: raw }).success).toBe(false);
  });
});
