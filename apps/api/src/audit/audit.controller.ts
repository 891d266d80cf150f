import { Controller } from '@nestjs/common';
import { routes, type TAuditEventQuery } from '@portico/contracts';
import { Caller, Input, Route } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { AuditService } from './audit.service.js';

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Route(routes.listAuditEvents)
  list(@Caller() caller: Principal, @Input('query') query: TAuditEventQuery) {
    return this.audit.list(caller, query);
  }
}
