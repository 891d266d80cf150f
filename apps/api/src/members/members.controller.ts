import { Controller } from '@nestjs/common';
import { routes, type TCreateMemberRequest, type TIdParams, type TUpdateMemberRequest } from '@portico/contracts';
import { Caller, Input, Meta, type RequestMeta, Route } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { InvitationsService } from './invitations.service.js';
import { MembersService } from './members.service.js';

@Controller()
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Route(routes.listMembers)
  list(@Caller() caller: Principal, @Input('query') query: { limit: number; cursor?: string }) {
    return this.members.list(caller, query);
  }

  /** Adding a member is inviting them: see InvitationsService. */
  @Route(routes.createMember)
  create(@Caller() caller: Principal, @Input('body') body: TCreateMemberRequest, @Meta() meta: RequestMeta) {
    return this.invitations.invite(caller, body, meta);
  }

  @Route(routes.updateMember)
  update(@Caller() caller: Principal, @Input('params') params: TIdParams, @Input('body') body: TUpdateMemberRequest, @Meta() meta: RequestMeta) {
    return this.members.update(caller, params.id, body, meta);
  }
}
