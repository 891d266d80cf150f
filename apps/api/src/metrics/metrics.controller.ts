import { Controller, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROMETHEUS_TEXT_TYPE, routes } from '@portico/contracts';
import type { Principal } from '../common/request-context.js';
import { Caller, Route } from '../common/route.decorator.js';
import { gzipIfAccepted } from './gzip-answer.js';
import { MetricsService } from './metrics.service.js';

@Controller()
export class MetricsController {
  constructor(private readonly service: MetricsService) {}

  @Route(routes.metrics)
  async scrape(@Caller() caller: Principal, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | Buffer> {
    void reply.type(PROMETHEUS_TEXT_TYPE);
    const text = await this.service.render(caller.organizationId);
    return gzipIfAccepted(text, req.headers['accept-encoding'], (name, value) => void reply.header(name, value));
  }
}
