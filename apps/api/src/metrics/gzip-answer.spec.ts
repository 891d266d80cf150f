import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, gzipIfAccepted } from './gzip-answer.js';

describe('acceptsGzip', () => {
  it.each([
    ['gzip', true],
    ['gzip, deflate, br', true],
    ['GZIP;q=0.5', true],
    ['x-gzip', true],
    ['*', true],
    ['br, *;q=0.1', true],
    [undefined, false],
    ['', false],
    ['identity', false],
    ['deflate, br', false],
    ['gzip;q=0', false],
    ['gzip;q=0.0, *', false],
    ['*;q=0', false],
  ])('%s → %s', (header, expected) => expect(acceptsGzip(header)).toBe(expected));
});

describe('gzipIfAccepted', () => {
  it('compresses and says so, or leaves the text alone; both vary on Accept-Encoding', async () => {
    const headers = new Map<string, string>();
    const zipped = await gzipIfAccepted('a 1\n'.repeat(1000), 'gzip', (n, v) => headers.set(n, v));
    expect(gunzipSync(zipped as Buffer).toString()).toBe('a 1\n'.repeat(1000));
    expect(Object.fromEntries(headers)).toEqual({ Vary: 'Accept-Encoding', 'Content-Encoding': 'gzip' });
    headers.clear();
    expect(await gzipIfAccepted('a 1\n', 'identity', (n, v) => headers.set(n, v))).toBe('a 1\n');
    expect(Object.fromEntries(headers)).toEqual({ Vary: 'Accept-Encoding' });
  });
});
