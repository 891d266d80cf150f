import { Controller } from '@nestjs/common';
import { routes, type THostParams, type TIdParams, type TIngressOptionsQuery } from '@portico/contracts';
import { Caller, Input, Route } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { IngressEditorService } from './ingress-editor.service.js';

@Controller()
export class IngressEditorController {
  constructor(private readonly ingresses: IngressEditorService) {}

  @Route(routes.getIngressOptions)
  options(@Caller() caller: Principal, @Input('params') params: TIdParams, @Input('query') query: TIngressOptionsQuery) {
    return this.ingresses.options(caller, params.id, query.namespace);
  }

  @Route(routes.getHost)
  host(@Caller() caller: Principal, @Input('params') params: THostParams) {
    return this.ingresses.host(caller, params.host);
  }

  @Route(routes.getChangeCertificates)
  certificates(@Caller() caller: Principal, @Input('params') params: TIdParams) {
    return this.ingresses.changeCertificates(caller, params.id);
  }
}
