import { Controller } from '@nestjs/common';
import { type TIdParams, type TNotificationPolicy, type TOutboxQuery, type TSendTestEmailRequest, type TSnoozeRequest, routes } from '@portico/contracts';
import { Caller, Input, Meta, type RequestMeta, Route } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { NotificationsService } from './notifications.service.js';

@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Route(routes.getNotificationPolicy)
  getPolicy(@Caller() caller: Principal) {
    return this.notifications.getPolicy(caller);
  }

  @Route(routes.updateNotificationPolicy)
  updatePolicy(@Caller() caller: Principal, @Input('body') body: TNotificationPolicy, @Meta() meta: RequestMeta) {
    return this.notifications.updatePolicy(caller, body, meta);
  }

  @Route(routes.sendTestEmail)
  sendTest(@Caller() caller: Principal, @Input('body') body: TSendTestEmailRequest, @Meta() meta: RequestMeta) {
    return this.notifications.sendTest(caller, body, meta);
  }

  @Route(routes.listOutbox)
  listOutbox(@Caller() caller: Principal, @Input('query') query: TOutboxQuery) {
    return this.notifications.listOutbox(caller, query);
  }

  @Route(routes.getOutboxMessage)
  getOutbox(@Caller() caller: Principal, @Input('params') params: TIdParams) {
    return this.notifications.getOutbox(caller, params.id);
  }

  @Route(routes.snoozeCertificate)
  snooze(@Caller() caller: Principal, @Input('params') params: TIdParams, @Input('body') body: TSnoozeRequest, @Meta() meta: RequestMeta) {
    return this.notifications.snooze(caller, params.id, body, meta);
  }

  @Route(routes.unsnoozeCertificate)
  unsnooze(@Caller() caller: Principal, @Input('params') params: TIdParams, @Meta() meta: RequestMeta) {
    return this.notifications.unsnooze(caller, params.id, meta);
  }

  @Route(routes.listCertificateAlerts)
  alerts(@Caller() caller: Principal, @Input('params') params: TIdParams) {
    return this.notifications.alerts(caller, params.id);
  }
}
