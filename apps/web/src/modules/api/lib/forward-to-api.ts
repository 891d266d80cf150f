import 'server-only';
import { serverEnv } from './server-env';

/** Request headers the API needs from the browser (or from automation calling the web origin). */
const REQUEST_HEADERS = [
  'accept',
  'authorization',
  'content-type',
  'cookie',
  // Makes a retried submit answer with the first change instead of making a second one (issue 9).
  'idempotency-key',
  'user-agent',
  'x-csrf-token',
  'x-request-id',
  // `next start` fills these from the socket when absent; the API uses them for the client
  // address (rate limits, audit) and to know the visitor's scheme and host.
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
] as const;

/** Response headers passed back to the caller (`set-cookie` is handled apart: it can repeat). */
const RESPONSE_HEADERS = ['cache-control', 'content-disposition', 'content-security-policy', 'content-type', 'location', 'retry-after', 'x-frame-options', 'x-request-id'] as const;

const NO_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * Forwards one request from the web origin to `${API_URL}/api/...`, so the browser only ever
 * talks to the web origin (one cookie jar, no CORS). `API_URL` is read per request.
 */
export async function forwardToApi(req: Request): Promise<Response> {
  const { apiUrl, bodyLimitBytes } = serverEnv();
  const incoming = new URL(req.url);
  const target = `${apiUrl}${incoming.pathname}${incoming.search}`;

  const headers = new Headers();
  for (const name of REQUEST_HEADERS) {
    const value = req.headers.get(name);
    if (value !== null) headers.set(name, value);
  }

  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const body = hasBody ? await readBodyCapped(req, bodyLimitBytes) : undefined;
  if (body === null) {
    const requestId = req.headers.get('x-request-id') ?? crypto.randomUUID();
    return problem(413, 'The request body is too large', `The body is larger than ${bodyLimitBytes} bytes, the most the server accepts.`, 'payload_too_large', requestId);
  }

  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: req.method,
      headers,
      body: body && body.byteLength > 0 ? body : undefined,
      redirect: 'manual',
      cache: 'no-store',
      signal: AbortSignal.any([req.signal, AbortSignal.timeout(60_000)]),
    });
  } catch (err) {
    const requestId = req.headers.get('x-request-id') ?? crypto.randomUUID();
    const detail = `The web server could not reach the API (${err instanceof Error ? err.message : String(err)}).`;
    return problem(503, 'The Portico API is not reachable', detail, 'not_ready', requestId);
  }

  const out = new Headers();
  for (const name of RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null) out.set(name, name === 'location' ? relativeToApi(value, apiUrl) : value);
  }
  for (const cookie of upstream.headers.getSetCookie()) out.append('set-cookie', cookie);

  const bodyless = req.method === 'HEAD' || NO_BODY_STATUSES.has(upstream.status);
  return new Response(bodyless ? null : upstream.body, { status: upstream.status, statusText: upstream.statusText, headers: out });
}

/** A redirect to the API's own origin must point back at the web origin instead. */
function relativeToApi(location: string, apiUrl: string): string {
  return location.startsWith(apiUrl) ? location.slice(apiUrl.length) || '/' : location;
}

function problem(status: number, title: string, detail: string, code: string, requestId: string): Response {
  return Response.json({ type: 'about:blank', title, status, detail, code, requestId }, { status, headers: { 'content-type': 'application/problem+json', 'x-request-id': requestId } });
}

/**
 * The body, or null once it passes `limit` bytes: read chunk by chunk so an endless or huge
 * upload costs at most `limit` of memory (Content-Length may be absent or lie).
 */
async function readBodyCapped(req: Request, limit: number): Promise<ArrayBuffer | null> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > limit) return null;
  if (!req.body) return new ArrayBuffer(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out.buffer;
}
