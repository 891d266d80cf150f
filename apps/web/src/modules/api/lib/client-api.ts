import type { RouteContract } from '@portico/contracts';
import { readProblem, parseRetryAfter, syntheticProblem, type ApiResult } from './problem';
import { type CallInput, type InputArg, type ResponseOf, routeUrl } from './api-route';
import type { Schema } from './schema';
import { loginUrl } from '@/modules/auth/lib/safe-next-path';

export type ClientCallInput<R extends RouteContract> = CallInput<R> & {
  /** `me.csrfToken`; required by the API on every cookie-authenticated write except login. */
  csrfToken?: string;
  /** Headers the route documents (e.g. `idempotency-key`). */
  headers?: Record<string, string>;
};

/**
 * Calls one catalogue route from the browser through the web origin's `/api/*` proxy, e.g.
 * `apiCall(routes.updateMember, { params: { id }, body, csrfToken })`. The success body is
 * parsed with the route's response schema; 204 routes give `data: null`.
 */
export function apiCall<R extends RouteContract>(route: R, ...[input]: InputArg<ClientCallInput<R>>): Promise<ApiResult<ResponseOf<R>>> {
  return callRoute(route, input ?? {}) as Promise<ApiResult<ResponseOf<R>>>;
}

/** What `apiCall` sends, untyped: for generic helpers (forms, paging) whose route is a type parameter. */
export interface RawCallInput {
  params?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  csrfToken?: string;
  /** Extra request headers the route documents (e.g. `idempotency-key`). */
  headers?: Record<string, string>;
}

export async function callRoute(route: RouteContract, { params, query, body, csrfToken, headers: extra }: RawCallInput): Promise<ApiResult<unknown>> {
  const method = route.method;
  const headers: Record<string, string> = { ...extra, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrfToken && method !== 'GET') headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(routeUrl(route, params, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return { ok: false, status: 0, problem: syntheticProblem(503, 'Network error', 'Check your connection and try again.'), retryAfterSeconds: null };
  }

  if (!res.ok) {
    const problem = await readProblem(res);
    // The session ended (expired, signed out elsewhere): sign in again and come back here.
    if (problem.code === 'unauthenticated' && typeof window !== 'undefined' && !window.location.pathname.startsWith('/login')) {
      window.location.assign(loginUrl(window.location.pathname + window.location.search));
    }
    return { ok: false, status: res.status, problem, retryAfterSeconds: parseRetryAfter(res.headers.get('retry-after')) };
  }
  const schema = route.response as Schema<unknown> | undefined;
  if (!schema || res.status === 204) return { ok: true, status: res.status, data: null };
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) {
    return { ok: false, status: 502, problem: syntheticProblem(502, 'Unexpected answer from the API', parsed.error.message), retryAfterSeconds: null };
  }
  return { ok: true, status: res.status, data: parsed.data };
}
