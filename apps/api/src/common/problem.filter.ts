import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { TErrorCode } from '@portico/contracts';
import { InvalidCursorError } from '@portico/db';
import { AppError } from './app-error.js';
import { LOGGER, type Logger } from './logger.js';
import { sendProblem } from './problem.js';
import { type PorticoRequest, pathOf } from './request-context.js';

const httpStatusCode: Record<number, TErrorCode> = {
  400: 'malformed_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/**
 * Every error leaves as problem+json. Known errors keep their code; anything else is logged
 * with the request id and answered as a bare 500 so no internals (SQL, stack, secrets) leak.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<PorticoRequest>();
    const res = host.switchToHttp().getResponse<FastifyReply>();
    const requestId = req.requestId ?? 'unknown';
    if (exception instanceof AppError) return sendProblem(res, requestId, exception.code, exception.detail, exception.extra);
    // packages/db cannot know our error type; a cursor it could not read is the caller's mistake.
    if (exception instanceof InvalidCursorError) {
      const reason = 'is not a cursor of this list and sort: use nextCursor from the previous page, unchanged';
      return sendProblem(res, requestId, 'validation_failed', 'The cursor is not one this list handed out', { invalidParams: [{ name: 'query.cursor', reason }] });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = httpStatusCode[status];
      if (code) {
        const detail = status === 404 ? `No route for ${req.method} ${pathOf(req)}` : exception.message;
        return sendProblem(res, requestId, code, detail);
      }
    }
    this.logger.error({ requestId, err: serializeError(exception), method: req.method, path: pathOf(req) }, 'unhandled error');
    sendProblem(res, requestId, 'internal', `Something went wrong on our side. Quote request id ${requestId} when reporting it.`);
  }
}

/** Message, name and stack only: an error object may carry request data we must not log. */
export function serializeError(e: unknown): { name: string; message: string; stack?: string } {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { name: 'NonError', message: String(e) };
}
