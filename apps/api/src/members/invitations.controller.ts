import { Controller, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { routes, type TAcceptInvitationRequest, type TAcceptMyInvitationRequest, type TIdParams, type TLookupInvitationRequest } from '@portico/contracts';
import { setSessionCookie } from '../auth/session-cookie.js';
import { Caller, Input, Meta, type RequestMeta, Route } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { API_ENV, type ApiEnv } from '../env.js';
import { InvitationsService } from './invitations.service.js';

@Controller()
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    @Inject(API_ENV) private readonly env: ApiEnv,
  ) {}

  @Route(routes.listInvitations)
  list(@Caller() caller: Principal, @Input('query') query: { limit: number; cursor?: string }) {
    return this.invitations.list(caller, query);
  }

  @Route(routes.revokeInvitation)
  revoke(@Caller() caller: Principal, @Input('params') params: TIdParams, @Meta() meta: RequestMeta) {
    return this.invitations.revoke(caller, params.id, meta);
  }

  @Route(routes.lookupInvitation)
  lookup(@Input('body') body: TLookupInvitationRequest) {
    return this.invitations.lookup(body.token);
  }

  @Route(routes.acceptInvitation)
  async accept(@Input('body') body: TAcceptInvitationRequest, @Meta() meta: RequestMeta, @Res({ passthrough: true }) res: FastifyReply) {
    const { secret, me } = await this.invitations.acceptWithPassword(body, meta);
    setSessionCookie(res, this.env, secret);
    return me;
  }

  @Route(routes.listMyInvitations)
  listMine(@Caller() caller: Principal) {
    return this.invitations.listMine(caller);
  }

  @Route(routes.acceptMyInvitation)
  acceptMine(@Caller() caller: Principal, @Input('params') params: TIdParams, @Input('body') body: TAcceptMyInvitationRequest, @Meta() meta: RequestMeta) {
    return this.invitations.acceptMine(caller, params.id, body.token, meta);
  }

  @Route(routes.declineMyInvitation)
  declineMine(@Caller() caller: Principal, @Input('params') params: TIdParams, @Meta() meta: RequestMeta) {
    return this.invitations.declineMine(caller, params.id, meta);
  }
}
