import type { FastifyRequest } from 'fastify';
import type { TRole } from '@portico/contracts';

/** Who is calling, attached to the request by the auth guard. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  organizationId: string;
  role: TRole;
  method: 'session' | 'token';
  sessionId?: string;
  csrfToken?: string;
  tokenId?: string;
}

/** Fastify's request plus what our hooks, guard and contract interceptor attach to it. */
export interface PorticoRequest extends FastifyRequest {
  requestId: string;
  principal?: Principal;
  input?: { params?: unknown; query?: unknown; body?: unknown; headers?: unknown };
  /** When the request arrived (hrtime), for the log line. */
  started: bigint;
}

/** One header as a string; a repeated header's values joined as HTTP folds them. */
export function headerOf(req: Pick<FastifyRequest, 'headers'>, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The path without the query string (it may carry secrets: logs and problems show only this). */
export const pathOf = (req: Pick<FastifyRequest, 'url'>): string => req.url.split('?', 1)[0];

/**
 * Whether the request carries a body sent as exactly `application/json` (RFC 9110 §6.4.1: a body
 * exists when Content-Length or Transfer-Encoding says so, even an empty one).
 */
export function sentAsJson(req: Pick<FastifyRequest, 'headers'>): boolean {
  const { headers } = req;
  if (headers['transfer-encoding'] === undefined && Number.isNaN(Number(headers['content-length']))) return false;
  return (headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase() === 'application/json';
}
