import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module.js';
import { ClustersModule } from '../clusters/clusters.module.js';
import { MigrationController } from './migration.controller.js';
import { MigrationService } from './migration.service.js';

/** Ingress → Gateway API migration: a preview over the pipeline's previews, a submit of one batch of pipeline changes. */
@Module({
  imports: [ChangesModule, ClustersModule],
  controllers: [MigrationController],
  providers: [MigrationService],
})
export class MigrationModule {}
