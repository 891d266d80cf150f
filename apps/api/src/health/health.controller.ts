import { Controller, Res } from '@nestjs/common';
import type { Response } from 'express';
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
  async readyz(@Res({ passthrough: true }) res: Response): Promise<TReadiness> {
    const readiness = await this.health.readiness();
    if (readiness.status !== 'ready') res.status(503);
    return readiness;
  }
}
