import 'server-only';
import type { RouteContract } from '@portico/contracts';
import { headers } from 'next/headers';
import { readProblem, parseRetryAfter, syntheticProblem, type ApiResult } from './problem';
import { type CallInput, type InputArg, type ResponseOf, routeUrl } from './api-route';
import type { Schema } from './schema';
import { serverEnv } from './server-env';

/** Server components only read: a catalogue route answered by GET with a documented body. */
type ReadRoute = RouteContract & { method: 'GET'; response: object };

/**
 * GETs one catalogue route from a server component, forwarding the visitor's cookies, e.g.
 * `apiGet(routes.listMembers, { query: { limit: 100 } })`. Never cached: every read is made on
 * behalf of one signed-in user.
 */
export async function apiGet<R extends ReadRoute>(route: R, ...[input]: InputArg<CallInput<R>>): Promise<ApiResult<ResponseOf<R>>> {
  const { params, query } = (input ?? {}) as { params?: Record<string, string>; query?: Record<string, string | number | undefined> };
  const { apiUrl } = serverEnv();
  const path = routeUrl(route, params, query);
  // The raw header, byte for byte: re-serialising parsed cookies could re-encode signed values.
  const cookieHeader = (await headers()).get('cookie');

  let res: Response;
  try {
    res = await fetch(`${apiUrl}${path}`, {
      headers: { accept: 'application/json', ...(cookieHeader ? { cookie: cookieHeader } : {}) },
      cache: 'no-store',
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, status: 503, problem: syntheticProblem(503, 'The Portico API is not reachable', reason), retryAfterSeconds: null };
  }

  if (!res.ok) {
    return { ok: false, status: res.status, problem: await readProblem(res), retryAfterSeconds: parseRetryAfter(res.headers.get('retry-after')) };
  }
  const parsed = (route.response as Schema<ResponseOf<R>>).safeParse(await res.json());
  if (!parsed.success) {
    // The API broke its own contract: fail loudly rather than render half a page.
    throw new Error(`GET ${path} answered a body that does not match its contract: ${parsed.error.message}`);
  }
  return { ok: true, status: res.status, data: parsed.data };
}
