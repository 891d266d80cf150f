import { describe, expect, it } from 'vitest';
import { loginUrl, safeNextPath } from './safe-next-path';

describe('safeNextPath', () => {
  it('keeps same-origin paths with their query', () => {
    expect(safeNextPath('/settings/audit?action=token.created')).toBe('/settings/audit?action=token.created');
  });
  it.each([undefined, null, '', 'https://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/login', '/login?next=/x', '/api/v1/me', '/a\nb'])(
    'falls back to / for %j',
    (value) => {
      expect(safeNextPath(value)).toBe('/');
    },
  );
  it('takes the first of repeated parameters', () => {
    expect(safeNextPath(['/account', '/x'])).toBe('/account');
  });
});

describe('loginUrl', () => {
  it('encodes the page to come back to', () => {
    expect(loginUrl('/settings/users?x=1')).toBe('/login?next=%2Fsettings%2Fusers%3Fx%3D1');
  });
  it('drops a pointless next', () => {
    expect(loginUrl('/')).toBe('/login');
    expect(loginUrl(null)).toBe('/login');
  });
});
