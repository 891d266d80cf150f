import { Controller } from '@nestjs/common';
import { routes, type TCreateApiTokenRequest, type TIdParams } from '@portico/contracts';
import { Caller, Input, Meta, type RequestMeta, Route } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { TokensService } from './tokens.service.js';

@Controller()
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Route(routes.listTokens)
  list(@Caller() caller: Principal, @Input('query') query: { limit: number; cursor?: string }) {
    return this.tokens.list(caller, query);
  }

  @Route(routes.createToken)
  create(@Caller() caller: Principal, @Input('body') body: TCreateApiTokenRequest, @Meta() meta: RequestMeta) {
    return this.tokens.create(caller, body, meta);
  }

  @Route(routes.revokeToken)
  revoke(@Caller() caller: Principal, @Input('params') params: TIdParams, @Meta() meta: RequestMeta) {
    return this.tokens.revoke(caller, params.id, meta);
  }
}
