import { Controller, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { routes, type TChangePasswordRequest, type TLoginRequest, type TSwitchOrganizationRequest } from '@portico/contracts';
import { Caller, Input, Meta, type RequestMeta, Route } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { API_ENV, type ApiEnv } from '../env.js';
import { AuthService } from './auth.service.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(API_ENV) private readonly env: ApiEnv,
  ) {}

  @Route(routes.login)
  async login(@Input('body') body: TLoginRequest, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    const { secret, me } = await this.auth.login(body, meta);
    setSessionCookie(res, this.env, secret);
    return me;
  }

  @Route(routes.logout)
  async logout(@Caller() caller: Principal, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    await this.auth.logout(caller, meta);
    clearSessionCookie(res, this.env);
  }

  @Route(routes.me)
  me(@Caller() caller: Principal) {
    return this.auth.me(caller);
  }

  @Route(routes.switchOrganization)
  switchOrganization(@Caller() caller: Principal, @Input('body') body: TSwitchOrganizationRequest) {
    return this.auth.switchOrganization(caller, body.organizationId);
  }

  @Route(routes.changePassword)
  changePassword(@Caller() caller: Principal, @Input('body') body: TChangePasswordRequest, @Meta() meta: RequestMeta) {
    return this.auth.changePassword(caller, body, meta);
  }
}
