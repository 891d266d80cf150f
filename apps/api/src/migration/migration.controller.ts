import { Controller } from '@nestjs/common';
import { routes, type TIdParams, type TPreviewMigrationRequest, type TSubmitMigrationRequest } from '@portico/contracts';
import { Caller, Input, Meta, type RequestMeta, Route } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { MigrationService } from './migration.service.js';

@Controller()
export class MigrationController {
  constructor(private readonly migrations: MigrationService) {}

  @Route(routes.previewMigration)
  preview(@Caller() caller: Principal, @Input('params') params: TIdParams, @Input('body') body: TPreviewMigrationRequest) {
    return this.migrations.preview(caller, params.id, body);
  }

  @Route(routes.submitMigration)
  submit(
    @Caller() caller: Principal,
    @Input('params') params: TIdParams,
    @Input('headers') headers: { 'idempotency-key'?: string },
    @Input('body') body: TSubmitMigrationRequest,
    @Meta() meta: RequestMeta,
  ) {
    return this.migrations.submit(caller, params.id, body, headers['idempotency-key'], meta);
  }
}
