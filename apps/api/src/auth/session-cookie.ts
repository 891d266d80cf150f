import type { CookieOptions, Request, Response } from 'express';
import type { ApiEnv } from '../env.js';

/**
 * Behind https the cookie is `__Host-` prefixed and Secure, which pins it to our origin.
 * @see https://developer.mozilla.org/docs/Web/HTTP/Cookies#cookie_prefixes
 */
export const sessionCookieName = (env: ApiEnv) => (env.cookieSecure ? '__Host-portico_session' : 'portico_session');

const cookieOptions = (env: ApiEnv): CookieOptions => ({
  httpOnly: true,
  sameSite: 'lax',
  secure: env.cookieSecure,
  path: '/',
  maxAge: env.PORTICO_SESSION_MAX_HOURS * 3600_000,
});

export function setSessionCookie(res: Response, env: ApiEnv, secret: string): void {
  res.cookie(sessionCookieName(env), secret, cookieOptions(env));
}

export function clearSessionCookie(res: Response, env: ApiEnv): void {
  const { maxAge: _unused, ...options } = cookieOptions(env);
  res.clearCookie(sessionCookieName(env), options);
}

export function readSessionCookie(req: Request, env: ApiEnv): string | undefined {
  const value = (req.cookies as Record<string, string> | undefined)?.[sessionCookieName(env)];
  return typeof value === 'string' && value.length > 0 && value.length < 200 ? value : undefined;
}
