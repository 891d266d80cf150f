import { applyDecorators, createParamDecorator, type ExecutionContext, HttpCode, RequestMethod, RequestMapping, SetMetadata } from '@nestjs/common';
import type { RouteContract } from '@portico/contracts';
import { type PorticoRequest, type Principal, headerOf } from './request-context.js';

export const ROUTE_CONTRACT = 'portico:route';

/**
 * Binds a handler to its contract: method, path, status, auth, role and schemas all come
 * from `packages/contracts`, so the handler, the guard, the validator and OpenAPI agree.
 */
export function Route(contract: RouteContract): MethodDecorator {
  return applyDecorators(SetMetadata(ROUTE_CONTRACT, contract), RequestMapping({ path: contract.path, method: RequestMethod[contract.method] }), HttpCode(contract.status));
}

/** The validated (parsed) part of the request: `@Input('body') body: TCreateApiTokenRequest`. */
export const Input = createParamDecorator((part: 'params' | 'query' | 'body' | 'headers', ctx: ExecutionContext) => {
  return ctx.switchToHttp().getRequest<PorticoRequest>().input?.[part];
});

/** The authenticated caller; the guard guarantees it exists on non-public routes. */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<PorticoRequest>().principal;
  if (!principal) throw new Error('Caller used on a public route');
  return principal;
});

export interface RequestMeta {
  ip: string;
  requestId: string;
  userAgent?: string;
}

export const Meta = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestMeta => {
  const req = ctx.switchToHttp().getRequest<PorticoRequest>();
  return { ip: req.ip ?? 'unknown', requestId: req.requestId, userAgent: headerOf(req, 'user-agent')?.slice(0, 300) };
});

export const PUBLIC_ROUTE = 'portico:public';
/** For the few routes outside the API catalogue that anyone may read (the OpenAPI docs). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
