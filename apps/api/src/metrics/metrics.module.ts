import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

/** `GET /api/metrics`: Prometheus text, scoped to the caller's organization (docs/metrics.md). */
@Module({ controllers: [MetricsController], providers: [MetricsService] })
export class MetricsModule {}
