import { Controller } from '@nestjs/common';
import { type TCertificateListQuery, type TIdParams, routes } from '@portico/contracts';
import { Caller, Input, Route } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { CertificatesService } from './certificates.service.js';

@Controller()
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Route(routes.listCertificates)
  list(@Caller() caller: Principal, @Input('query') query: TCertificateListQuery) {
    return this.certificates.list(caller, query);
  }

  @Route(routes.getCertificate)
  get(@Caller() caller: Principal, @Input('params') params: TIdParams) {
    return this.certificates.get(caller, params.id);
  }
}
