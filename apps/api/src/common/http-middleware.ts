import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from './logger.js';
import { sendProblem } from './problem.js';
import type { PorticoRequest } from './request-context.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The caller's X-Request-Id when it is well-formed, else a new one. */
export const chooseRequestId = (given: string | string[] | undefined): string => (typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID());

/** Accepts a caller's X-Request-Id when it is well-formed, else mints one; echoes it back. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const id = chooseRequestId(req.get('x-request-id'));
  (req as PorticoRequest).requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
}

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

export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  next();
}

/** One line per request: method, path (no query string: it may carry secrets), status, time, who. */
export function logRequest(logger: Logger, req: Pick<PorticoRequest, 'requestId' | 'principal' | 'method' | 'path'>, status: number, started: bigint): void {
  logger.info(
    {
      requestId: req.requestId,
      method: req.method,
      path: req.path,
      status,
      ms: Number(process.hrtime.bigint() - started) / 1e6,
      userId: req.principal?.userId,
      organizationId: req.principal?.organizationId,
      auth: req.principal?.method,
    },
    'request',
  );
}

export function requestLogger(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => logRequest(logger, req as PorticoRequest, res.statusCode, started));
    next();
  };
}

/** body-parser failures (bad JSON, too large) become problem+json 4xx instead of Express's HTML 500. */
export function bodyParserErrors(err: unknown, req: Request, res: Response, next: NextFunction): void {
  const e = err as { type?: string; status?: number };
  const id = (req as PorticoRequest).requestId ?? 'unknown';
  const body = (reason: string) => ({ invalidParams: [{ name: 'body', reason }] });
  if (e?.type === 'entity.too.large') return sendProblem(res, id, 'payload_too_large', 'The request body is larger than the server accepts', body('is too large'));
  if (e?.type === 'entity.parse.failed') return sendProblem(res, id, 'malformed_request', 'The body is not valid JSON', body('is not valid JSON'));
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return sendProblem(res, id, 'unsupported_media_type', 'Unsupported body encoding', body('has an unsupported encoding'));
  if (e?.status && e.status >= 400 && e.status < 500) return sendProblem(res, id, 'malformed_request', 'The request body could not be read', body('could not be read'));
  next(err);
}

/**
 * Requests Node's HTTP parser refuses before Express sees them (a URL or headers over
 * `--max-http-header-size`, 16 KiB; a malformed request line) get problem+json too, instead of
 * Node's bare 431/400. The connection is closed: the parser cannot resync after such a request.
 * @see https://nodejs.org/api/http.html#event-clienterror
 */
export function answerParserErrorsAsProblems(server: Server): void {
  server.on('clientError', answerClientError);
}

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
