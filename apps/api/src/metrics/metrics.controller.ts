import { Controller, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PROMETHEUS_TEXT_TYPE, routes } from '@portico/contracts';
import type { Principal } from '../common/request-context.js';
import { Caller, Route } from '../common/route.decorator.js';
import { MetricsService } from './metrics.service.js';

@Controller()
export class MetricsController {
  constructor(private readonly service: MetricsService) {}

  @Route(routes.metrics)
  async scrape(@Caller() caller: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    void reply.type(PROMETHEUS_TEXT_TYPE);
    return this.service.render(caller.organizationId);
  }
}
