import { Controller, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { routes, type TReadiness } from '@portico/contracts';
import { Route } from '../common/route.decorator.js';
import { HealthService } from './health.service.js';

@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Route(routes.healthz)
  healthz() {
    return { status: 'ok' as const };
  }

  /** 503 when not ready, so load balancers and `depends_on` healthchecks wait. */
  @Route(routes.readyz)
  async readyz(@Res({ passthrough: true }) res: FastifyReply): Promise<TReadiness> {
    const readiness = await this.health.readiness();
    // Retry-After as documented in the OpenAPI document: a hint for pollers that honour it.
    if (readiness.status !== 'ready') res.status(503).header('Retry-After', '5');
    return readiness;
  }
}
