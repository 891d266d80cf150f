import { readProblem, parseRetryAfter, syntheticProblem, type ApiResult } from './problem';
import type { Schema } from './schema';
import { loginUrl } from '@/modules/auth/lib/safe-next-path';

export interface ClientApiOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** `me.csrfToken`; required by the API on every cookie-authenticated write except login. */
  csrfToken?: string;
  /** Contract schema of the success body; omit for 204 answers (data is then `null`). */
  schema?: Schema<T>;
}

/** Calls the API from the browser through the web origin's `/api/*` proxy. */
export async function clientApi<T = null>(path: string, { method = 'GET', body, csrfToken, schema }: ClientApiOptions<T> = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrfToken && method !== 'GET') headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(path, {
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
  if (!schema || res.status === 204) return { ok: true, status: res.status, data: null as T };
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) {
    return { ok: false, status: 502, problem: syntheticProblem(502, 'Unexpected answer from the API', parsed.error.message), retryAfterSeconds: null };
  }
  return { ok: true, status: res.status, data: parsed.data };
}
