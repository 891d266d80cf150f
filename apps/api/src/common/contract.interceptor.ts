import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { RouteContract } from '@portico/contracts';
import type { Observable } from 'rxjs';
import { AppError } from './app-error.js';
import { type PorticoRequest, sentAsJson } from './request-context.js';
import { ROUTE_CONTRACT } from './route.decorator.js';
import { parseOrThrow, refuseUnstorableText } from './validation.js';

/**
 * Validates params, query and body against the route's zod contract before the handler runs
 * (after the auth guard, so callers without access learn nothing about the shape).
 */
@Injectable()
export class ContractInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const contract = this.reflector.get<RouteContract | undefined>(ROUTE_CONTRACT, ctx.getHandler());
    const req = ctx.switchToHttp().getRequest<PorticoRequest>();
    if (contract) {
      // Parts without a schema are checked too: nothing reaches a handler carrying NUL.
      for (const where of ['params', 'query', 'body'] as const) if (!contract[where]) refuseUnstorableText(req[where], where);
      const input: NonNullable<PorticoRequest['input']> = {};
      if (contract.params) input.params = parseOrThrow(contract.params, req.params, 'params');
      // Only the headers a route declares are read (and checked); every other header is left alone.
      if (contract.headers) input.headers = parseOrThrow(contract.headers, pick(req.headers, Object.keys(contract.headers.shape)), 'headers');
      if (contract.query) input.query = parseOrThrow(contract.query, req.query, 'query');
      else if (Object.keys(req.query ?? {}).length)
        throw new AppError('validation_failed', 'This endpoint takes no query parameters', {
          invalidParams: Object.keys(req.query as object).map((k) => ({ name: `query.${k}`, reason: 'is not a known parameter' })),
        });
      if (contract.body) {
        if (!sentAsJson(req)) throw new AppError('unsupported_media_type', 'Send the body as application/json', { invalidParams: [{ name: 'body', reason: 'must be sent as application/json' }] });
        input.body = parseOrThrow(contract.body, req.body, 'body');
      }
      req.input = input;
    }
    return next.handle();
  }
}

const pick = (from: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]]));
