import { Module } from '@nestjs/common';
import { OverviewController } from './overview.controller.js';
import { OverviewService } from './overview.service.js';

/** The organization's overview (issue 14): counts and problems ranked by impact. */
@Module({ controllers: [OverviewController], providers: [OverviewService] })
export class OverviewModule {}
