import { describe, expect, it } from 'vitest';
import { InvalidCursorError, decodeCursor, encodeCursor } from './cursor.js';
import { afterCursor, decodePageCursor, toPage } from './pagination.js';

const ID = '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b';
const b64 = (s: string) => Buffer.from(s).toString('base64url');

describe('cursor codec', () => {
  it('round-trips the keys of its own list', () => {
    const cursor = encodeCursor('inventory:services:name', ['web', 'default', 'prod', ID]);
    expect(decodeCursor(cursor, 'inventory:services:name', 4)).toEqual(['web', 'default', 'prod', ID]);
  });

  it('treats no cursor as the first page', () => {
    expect(decodeCursor(undefined, 'members', 2)).toBeNull();
    expect(decodeCursor('', 'members', 2)).toBeNull();
  });

  it.each([
    ['AAAA', 'AAAA'],
    ['base64 of random text', b64('hello world, not a cursor')],
    ['not base64url at all', '%00%ff'],
    ['JSON of the wrong shape', b64('{"v":1,"l":"members","k":"x"}')],
    ['the old inventory format', b64(JSON.stringify(['a', 'b', 'c', ID]))],
    ['a 36-character id that is no uuid', encodeCursor('inventory:services:name', ['a', 'b', 'c', '------------------------------------'])],
    ['a key with NUL', encodeCursor('inventory:services:name', ['a\u0000', 'b', 'c', ID])],
    ['a lone surrogate', encodeCursor('inventory:services:name', ['\uD800', 'b', 'c', ID])],
    ['too few keys', encodeCursor('inventory:services:name', ['a', ID])],
    ['another sort', encodeCursor('inventory:services:-age', ['a', 'b', 'c', ID])],
    ['another list', encodeCursor('inventory:ingresses:name', ['a', 'b', 'c', ID])],
  ])('refuses %s', (_name, cursor) => {
    expect(() => decodeCursor(cursor, 'inventory:services:name', 4)).toThrow(InvalidCursorError);
  });
});

describe('createdAt pages', () => {
  const rows = [2, 1, 0].map((n) => ({ id: ID.replace(/.$/, String(n)), createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)) }));

  it('hands out a cursor that its own list reads back', () => {
    const page = toPage(rows, 2, 'members');
    expect(page.items).toHaveLength(2);
    expect(decodePageCursor(page.nextCursor!, 'members')).toEqual({ createdAt: rows[1].createdAt, id: rows[1].id });
    expect(() => afterCursor(page.nextCursor!, 'api-tokens')).toThrow(InvalidCursorError);
  });

  it.each(['2026-13-45T99:00:00.000Z', '-271821-04-20T00:00:00.000Z', 'yesterday'])('refuses the time %s', (iso) => {
    expect(() => decodePageCursor(encodeCursor('members', [iso, ID]), 'members')).toThrow(InvalidCursorError);
  });
});
