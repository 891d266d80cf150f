import { Controller } from '@nestjs/common';
import { type TOverviewQuery, routes } from '@portico/contracts';
import { Caller, Input, Route } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { OverviewService } from './overview.service.js';

@Controller()
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Route(routes.getOverview)
  get(@Caller() caller: Principal, @Input('query') query: TOverviewQuery) {
    return this.overview.get(caller, query);
  }
}
