import { createRequire } from 'node:module';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiEnv } from '../env.js';

// The `cookie` codec (RFC 6265), loaded with require: the package ships no type declarations.
const cookie = createRequire(import.meta.url)('cookie') as {
  parse(header: string): Record<string, string | undefined>;
  serialize(name: string, value: string, options: { httpOnly?: boolean; sameSite?: 'lax'; secure?: boolean; path?: string; maxAge?: number; expires?: Date }): string;
};

/**
 * Behind https the cookie is `__Host-` prefixed and Secure, which pins it to our origin.
 * @see https://developer.mozilla.org/docs/Web/HTTP/Cookies#cookie_prefixes
 */
export const sessionCookieName = (env: ApiEnv) => (env.cookieSecure ? '__Host-portico_session' : 'portico_session');

const attributes = (env: ApiEnv) => ({ httpOnly: true, sameSite: 'lax' as const, secure: env.cookieSecure, path: '/' });

/** Max-Age for browsers that honour it, Expires for those that do not. */
export function setSessionCookie(reply: FastifyReply, env: ApiEnv, secret: string): void {
  const seconds = env.PORTICO_SESSION_MAX_HOURS * 3600;
  const value = cookie.serialize(sessionCookieName(env), secret, { ...attributes(env), maxAge: seconds, expires: new Date(Date.now() + seconds * 1000) });
  void reply.header('set-cookie', value);
}

/** Same name, path and attributes as when set, or the browser keeps the old cookie. */
export function clearSessionCookie(reply: FastifyReply, env: ApiEnv): void {
  void reply.header('set-cookie', cookie.serialize(sessionCookieName(env), '', { ...attributes(env), expires: new Date(1) }));
}

export function readSessionCookie(req: Pick<FastifyRequest, 'headers'>, env: ApiEnv): string | undefined {
  const header = req.headers.cookie;
  const value = header ? cookie.parse(header)[sessionCookieName(env)] : undefined;
  return typeof value === 'string' && value.length > 0 && value.length < 200 ? value : undefined;
}
