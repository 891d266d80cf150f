import { describe, expect, it } from 'vitest';
import { fieldErrorsOf, parseRetryAfter, readProblem } from './problem';
import { loginErrorsOf } from '@/modules/auth/lib/login-errors';

describe('readProblem', () => {
  it('reads an RFC 9457 body', async () => {
    const body = { type: 'about:blank', title: 'Wrong e-mail or password', status: 401, code: 'invalid_credentials', requestId: 'r1' };
    const res = new Response(JSON.stringify(body), { status: 401, headers: { 'content-type': 'application/problem+json' } });
    expect(await readProblem(res)).toEqual(body);
  });
  it('makes a problem out of anything else', async () => {
    const res = new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'x-request-id': 'r2' } });
    expect(await readProblem(res)).toMatchObject({ status: 502, title: 'Bad Gateway', code: 'internal', requestId: 'r2' });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter('Wed, 25 Nov 2026 12:01:00 GMT', Date.parse('2026-11-25T12:00:00Z'))).toBe(60);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('loginErrorsOf', () => {
  const base = { type: 'about:blank', requestId: 'r' };
  it('says how long to wait when rate limited', () => {
    expect(loginErrorsOf({ ...base, title: 'Too many requests', status: 429, code: 'rate_limited' }, 30).form).toBe('Too many sign-in attempts. Try again in 30 seconds.');
    expect(loginErrorsOf({ ...base, title: 'Too many requests', status: 429, code: 'rate_limited' }, 600).form).toBe('Too many sign-in attempts. Try again in 10 minutes.');
  });
  it('puts validation reasons next to the fields', () => {
    const problem = { ...base, title: 'Invalid', status: 400, code: 'validation_failed' as const, invalid_params: [{ name: 'email', reason: 'Invalid email address' }] };
    expect(fieldErrorsOf(problem)).toEqual({ email: 'Invalid email address' });
    expect(loginErrorsOf(problem, null).fields).toEqual({ email: 'Invalid email address', password: undefined });
  });
});
