import 'server-only';
import { headers } from 'next/headers';
import { readProblem, parseRetryAfter, syntheticProblem, type ApiResult } from './problem';
import type { Schema } from './schema';
import { serverEnv } from './server-env';

export interface ServerApiOptions<T> {
  /** The contract schema of the success body; the answer is parsed with it. */
  schema: Schema<T>;
  query?: Record<string, string | number | undefined>;
}

/**
 * GETs the API from a server component, forwarding the visitor's cookies. Never cached: every
 * read is made on behalf of one signed-in user.
 */
export async function apiGet<T>(path: string, { schema, query }: ServerApiOptions<T>): Promise<ApiResult<T>> {
  const { apiUrl } = serverEnv();
  const url = new URL(`${apiUrl}${path}`);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  // The raw header, byte for byte: re-serialising parsed cookies could re-encode signed values.
  const cookieHeader = (await headers()).get('cookie');

  let res: Response;
  try {
    res = await fetch(url, {
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
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) {
    // The API broke its own contract: fail loudly rather than render half a page.
    throw new Error(`GET ${path} answered a body that does not match its contract: ${parsed.error.message}`);
  }
  return { ok: true, status: res.status, data: parsed.data };
}
