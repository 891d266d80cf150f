import { Controller } from '@nestjs/common';
import { routes, type TCreateOrganizationRequest } from '@portico/contracts';
import { Caller, Input, Meta, type RequestMeta, Route } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { OrganizationsService } from './organizations.service.js';

@Controller()
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Route(routes.createOrganization)
  create(@Caller() caller: Principal, @Input('body') body: TCreateOrganizationRequest, @Meta() meta: RequestMeta) {
    return this.organizations.create(caller, body.name, meta);
  }
}
