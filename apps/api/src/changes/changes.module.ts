import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ClustersModule } from '../clusters/clusters.module.js';
import { ChangePreviewService } from './change-preview.service.js';
import { ChangesController } from './changes.controller.js';
import { ChangesService } from './changes.service.js';
import { JobQueue } from './job-queue.service.js';

/** The change pipeline's API side: preview, submit (with its job), decide, cancel, revert, read. */
@Module({
  imports: [AuditModule, ClustersModule],
  controllers: [ChangesController],
  providers: [ChangesService, ChangePreviewService, JobQueue],
  exports: [ChangesService, ChangePreviewService, JobQueue],
})
export class ChangesModule {}
