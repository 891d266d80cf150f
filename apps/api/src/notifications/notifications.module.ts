import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ChangesModule } from '../changes/changes.module.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

/** Certificate alerting: policy, test e-mail, outbox, snoozes, alert history (the worker evaluates and sends). */
@Module({ imports: [AuditModule, ChangesModule], controllers: [NotificationsController], providers: [NotificationsService] })
export class NotificationsModule {}
