import { describe, expect, it } from 'vitest';
import { tokenStatus } from './token-status';
import { expiresAtOf } from './token-expiry';

const now = Date.parse('2026-11-25T12:00:00Z');

describe('tokenStatus', () => {
  it('is active without revocation or past expiry', () => {
    expect(tokenStatus({ revokedAt: null, expiresAt: null }, now)).toBe('active');
    expect(tokenStatus({ revokedAt: null, expiresAt: '2026-12-01T00:00:00Z' }, now)).toBe('active');
  });
  it('is expired once the expiry has passed', () => {
    expect(tokenStatus({ revokedAt: null, expiresAt: '2026-11-25T12:00:00Z' }, now)).toBe('expired');
  });
  it('prefers revoked over expired', () => {
    expect(tokenStatus({ revokedAt: '2026-11-20T00:00:00Z', expiresAt: '2026-11-21T00:00:00Z' }, now)).toBe('revoked');
  });
});

describe('expiresAtOf', () => {
  it('sends nothing for no expiry', () => {
    expect(expiresAtOf('never', '', now)).toBeUndefined();
  });
  it('counts preset days from now', () => {
    expect(expiresAtOf('30', '', now)).toBe('2026-12-25T12:00:00.000Z');
  });
  it('ends a custom date at the end of that UTC day', () => {
    expect(expiresAtOf('custom', '2026-12-31', now)).toBe('2026-12-31T23:59:59.000Z');
  });
  it('refuses missing and past custom dates', () => {
    expect(expiresAtOf('custom', '', now)).toEqual({ error: 'Pick a date.' });
    expect(expiresAtOf('custom', '2026-11-24', now)).toEqual({ error: 'Pick a date in the future.' });
  });
});
