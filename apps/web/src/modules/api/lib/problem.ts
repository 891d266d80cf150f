import { ErrorCode, ZProblem, type TErrorCode, type TProblem } from '@portico/contracts';

/** What every API helper returns: data on success, an RFC 9457 problem otherwise. */
export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; problem: TProblem; retryAfterSeconds: number | null };

const codeForStatus = (status: number): TErrorCode => {
  if (status === 400) return ErrorCode.MalformedRequest;
  if (status === 401) return ErrorCode.Unauthenticated;
  if (status === 403) return ErrorCode.Forbidden;
  if (status === 404) return ErrorCode.NotFound;
  if (status === 409) return ErrorCode.Conflict;
  if (status === 429) return ErrorCode.RateLimited;
  if (status === 503) return ErrorCode.NotReady;
  return ErrorCode.Internal;
};

/** A problem for failures that did not come with a problem body (network error, proxy page…). */
export function syntheticProblem(status: number, title: string, detail?: string, requestId = ''): TProblem {
  return { type: 'about:blank', title, status, detail, code: codeForStatus(status), requestId };
}

/** Reads a failed response as a problem, tolerating bodies that are not problem+json. */
export async function readProblem(res: Response): Promise<TProblem> {
  const requestId = res.headers.get('x-request-id') ?? '';
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON: fall through to a synthetic problem.
  }
  const parsed = ZProblem.safeParse(body);
  if (parsed.success) return parsed.data;
  return syntheticProblem(res.status, res.statusText || `Request failed with status ${res.status}`, undefined, requestId);
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** `invalid_params` as a field → reason map (first reason per field wins). */
export function fieldErrorsOf(problem: TProblem): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problem.invalid_params ?? []) out[p.name] ??= p.reason;
  return out;
}

/**
 * `fieldErrorsOf` with the API's location prefixes dropped (`query.label` → `label`,
 * `body.name` → `name`), for forms and filter bars whose fields are named like the parameters.
 */
export function paramErrors(problem: TProblem): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problem.invalid_params ?? []) out[p.name.replace(/^(body|query|params)\./, '')] ??= p.reason;
  return out;
}

/** One line for the top of a form. */
export function problemMessage(problem: TProblem): string {
  return problem.detail ? `${problem.title}: ${problem.detail}` : problem.title;
}
