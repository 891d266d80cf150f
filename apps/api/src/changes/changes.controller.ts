import { Controller } from '@nestjs/common';
import { routes, type TChangeQuery, type TDecideChangeRequest, type TIdParams, type TPreviewChangeRequest, type TRevertChangeRequest, type TSubmitChangeRequest } from '@portico/contracts';
import { Caller, Input, Meta, type RequestMeta, Route } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { ChangePreviewService } from './change-preview.service.js';
import { ChangesService } from './changes.service.js';

type IdempotencyHeaders = { 'idempotency-key'?: string };

@Controller()
export class ChangesController {
  constructor(
    private readonly changes: ChangesService,
    private readonly previews: ChangePreviewService,
  ) {}

  @Route(routes.previewChange)
  preview(@Caller() caller: Principal, @Input('params') params: TIdParams, @Input('body') body: TPreviewChangeRequest) {
    return this.previews.preview(caller, params.id, body.change);
  }

  @Route(routes.submitChange)
  submit(@Caller() caller: Principal, @Input('params') params: TIdParams, @Input('headers') headers: IdempotencyHeaders, @Input('body') body: TSubmitChangeRequest, @Meta() meta: RequestMeta) {
    return this.changes.submit(caller, params.id, body, headers['idempotency-key'], meta);
  }

  @Route(routes.listChanges)
  list(@Caller() caller: Principal, @Input('query') query: TChangeQuery) {
    return this.changes.list(caller, query);
  }

  @Route(routes.getChange)
  get(@Caller() caller: Principal, @Input('params') params: TIdParams) {
    return this.changes.get(caller, params.id);
  }

  @Route(routes.cancelChange)
  cancel(@Caller() caller: Principal, @Input('params') params: TIdParams, @Meta() meta: RequestMeta) {
    return this.changes.cancel(caller, params.id, meta);
  }

  @Route(routes.revertChange)
  revert(@Caller() caller: Principal, @Input('params') params: TIdParams, @Input('headers') headers: IdempotencyHeaders, @Input('body') body: TRevertChangeRequest, @Meta() meta: RequestMeta) {
    return this.changes.revert(caller, params.id, body, headers['idempotency-key'], meta);
  }

  @Route(routes.approveChange)
  approve(@Caller() caller: Principal, @Input('params') params: TIdParams, @Input('body') body: TDecideChangeRequest, @Meta() meta: RequestMeta) {
    return this.changes.approve(caller, params.id, body, meta);
  }

  @Route(routes.rejectChange)
  reject(@Caller() caller: Principal, @Input('params') params: TIdParams, @Input('body') body: TDecideChangeRequest, @Meta() meta: RequestMeta) {
    return this.changes.reject(caller, params.id, body, meta);
  }
}
