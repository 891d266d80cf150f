import type { Request } from 'express';
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

export interface PorticoRequest extends Request {
  requestId: string;
  principal?: Principal;
  input?: { params?: unknown; query?: unknown; body?: unknown; headers?: unknown };
}

/** The caller's address as Express resolved it (honouring PORTICO_TRUST_PROXY). */
export const clientIp = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';
