import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type RouteContract, roleAtLeast } from '@portico/contracts';
import { AppError } from '../common/app-error.js';
import { type PorticoRequest, headerOf } from '../common/request-context.js';
import { PUBLIC_ROUTE, ROUTE_CONTRACT } from '../common/route.decorator.js';
import { API_ENV, type ApiEnv } from '../env.js';
import { AuthService } from './auth.service.js';
import { safeEqual } from './secrets.js';
import { readSessionCookie } from './session-cookie.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one place access is decided, from the route's contract: who may call (public, session,
 * session or token), the minimum role, and CSRF for cookie-authenticated writes.
 * Routes without a contract are refused, so a new endpoint cannot be open by accident.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    @Inject(API_ENV) private readonly env: ApiEnv,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const contract = this.reflector.get<RouteContract | undefined>(ROUTE_CONTRACT, ctx.getHandler());
    if (!contract) {
      if (this.reflector.get<boolean>(PUBLIC_ROUTE, ctx.getClass())) return true;
      throw new AppError('not_found');
    }
    if (contract.auth === 'public') return true;
    const req = ctx.switchToHttp().getRequest<PorticoRequest>();

    const bearer = /^Bearer\s+(\S+)$/i.exec(headerOf(req, 'authorization') ?? '')?.[1];
    const cookie = readSessionCookie(req, this.env);
    if (bearer) {
      const principal = await this.auth.principalFromToken(bearer);
      if (!principal) throw new AppError('unauthenticated', 'The API token is unknown, expired or revoked.');
      if (contract.auth === 'session') throw new AppError('forbidden', 'This action needs a signed-in browser session; API tokens cannot do it.');
      req.principal = principal;
    } else if (cookie) {
      const principal = await this.auth.principalFromSession(cookie);
      if (!principal) throw new AppError('unauthenticated', 'Your session has ended. Sign in again.');
      if (!SAFE_METHODS.has(req.method)) {
        const sent = headerOf(req, 'x-csrf-token') ?? '';
        if (!principal.csrfToken || !safeEqual(sent, principal.csrfToken)) throw new AppError('csrf_failed', 'Send the X-CSRF-Token header you got from GET /api/v1/me.');
      }
      req.principal = principal;
    } else {
      throw new AppError('unauthenticated', 'Sign in, or send an API token as "Authorization: Bearer <token>".');
    }
    const minRole = req.principal.method === 'token' ? (contract.tokenMinRole ?? contract.minRole) : contract.minRole;
    if (minRole && !roleAtLeast(req.principal.role, minRole)) {
      throw new AppError('forbidden', `This needs the ${minRole} role${minRole === contract.minRole ? '' : ' for an API token'}; you are ${req.principal.role} in this organization.`);
    }
    return true;
  }
}
