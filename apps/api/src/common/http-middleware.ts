import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { Logger } from './logger.js';
import { type PorticoRequest, pathOf } from './request-context.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The caller's X-Request-Id when it is well-formed, else a new one. */
export const chooseRequestId = (given: string | string[] | undefined): string => (typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID());

/**
 * The API answers JSON: a browser that opens an answer directly must run nothing and frame
 * nothing. The docs page loosens this for itself (`DOCS_CONTENT_SECURITY_POLICY`).
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** A few headers every API answer should carry. */
export const SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cache-Control', 'no-store'],
  ['Content-Security-Policy', API_CONTENT_SECURITY_POLICY],
  ['X-Frame-Options', 'DENY'],
];

/** One line per request: method, path (no query string: it may carry secrets), status, time, who. */
export function logRequest(logger: Logger, req: Pick<PorticoRequest, 'requestId' | 'principal' | 'method' | 'url'>, status: number, started: bigint): void {
  logger.info(
    {
      requestId: req.requestId,
      method: req.method,
      path: pathOf(req),
      status,
      ms: Number(process.hrtime.bigint() - started) / 1e6,
      userId: req.principal?.userId,
      organizationId: req.principal?.organizationId,
      auth: req.principal?.method,
    },
    'request',
  );
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (a URL or headers over
 * `--max-http-header-size`, 16 KiB; a malformed request line) get problem+json too, instead of
 * Node's bare 431/400. The connection is closed: the parser cannot resync after such a request.
 * @see https://nodejs.org/api/http.html#event-clienterror
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const requestId = randomUUID();
  const body = JSON.stringify({
    type: 'https://portico.dev/problems/malformed-request',
    title: tooLarge ? 'Request URL or headers too large' : 'The request could not be read',
    status,
    code: 'malformed_request',
    requestId,
    invalid_params: [{ name: tooLarge ? 'url' : 'request', reason: tooLarge ? 'the URL and headers together must stay under 16 KiB' : 'is not a well-formed HTTP request' }],
  });
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/problem+json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}
