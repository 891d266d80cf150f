import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from './logger.js';
import { sendProblem } from './problem.js';
import type { PorticoRequest } from './request-context.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Accepts a caller's X-Request-Id when it is well-formed, else mints one; echoes it back. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.get('x-request-id');
  const id = given && REQUEST_ID.test(given) ? given : randomUUID();
  (req as PorticoRequest).requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
}

/** A few headers every API answer should carry. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
  next();
}

/** One line per request: method, path (no query string: it may carry secrets), status, time, who. */
export function requestLogger(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const r = req as PorticoRequest;
      logger.info(
        {
          requestId: r.requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          userId: r.principal?.userId,
          organizationId: r.principal?.organizationId,
          auth: r.principal?.method,
        },
        'request',
      );
    });
    next();
  };
}

/** body-parser failures (bad JSON, too large) become problem+json 4xx instead of Express's HTML 500. */
export function bodyParserErrors(err: unknown, req: Request, res: Response, next: NextFunction): void {
  const e = err as { type?: string; status?: number };
  const id = (req as PorticoRequest).requestId ?? 'unknown';
  if (e?.type === 'entity.too.large') return sendProblem(res, id, 'payload_too_large', 'The request body is larger than the server accepts');
  if (e?.type === 'entity.parse.failed') return sendProblem(res, id, 'malformed_request', 'The body is not valid JSON');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return sendProblem(res, id, 'unsupported_media_type', 'Unsupported body encoding');
  if (e?.status && e.status >= 400 && e.status < 500) return sendProblem(res, id, 'malformed_request', 'The request body could not be read');
  next(err);
}
