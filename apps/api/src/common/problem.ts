import type { FastifyReply } from 'fastify';
import { errorStatus, errorTitle, type TErrorCode, type TInvalidParam, type TProblem } from '@portico/contracts';

/** Writes an RFC 9457 problem document. The only place error bodies are shaped. */
export function sendProblem(reply: FastifyReply, requestId: string, code: TErrorCode, detail?: string, extra: { invalidParams?: TInvalidParam[]; retryAfterSeconds?: number } = {}): void {
  const status = errorStatus[code];
  const body: TProblem = {
    type: `https://portico.dev/problems/${code.replace(/_/g, '-')}`,
    title: errorTitle[code],
    status,
    code,
    requestId,
    ...(detail ? { detail } : {}),
    ...(extra.invalidParams ? { invalid_params: extra.invalidParams } : {}),
  };
  if (extra.retryAfterSeconds !== undefined) void reply.header('Retry-After', String(extra.retryAfterSeconds));
  void reply.status(status).type('application/problem+json').send(JSON.stringify(body));
}
