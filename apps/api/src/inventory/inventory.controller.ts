import { Controller } from '@nestjs/common';
import { routes, type TIdParams, type TInventoryQuery } from '@portico/contracts';
import { Caller, Input, Route } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { InventoryService } from './inventory.service.js';

@Controller()
export class InventoryController {
  constructor(private readonly inventory: InventoryService) {}

  @Route(routes.listServices)
  services(@Caller() caller: Principal, @Input('query') query: TInventoryQuery) {
    return this.inventory.list(caller, 'services', query);
  }

  @Route(routes.listIngresses)
  ingresses(@Caller() caller: Principal, @Input('query') query: TInventoryQuery) {
    return this.inventory.list(caller, 'ingresses', query);
  }

  @Route(routes.listGatewayClasses)
  gatewayClasses(@Caller() caller: Principal, @Input('query') query: TInventoryQuery) {
    return this.inventory.list(caller, 'gatewayclasses', query);
  }

  @Route(routes.listGateways)
  gateways(@Caller() caller: Principal, @Input('query') query: TInventoryQuery) {
    return this.inventory.list(caller, 'gateways', query);
  }

  @Route(routes.listHttpRoutes)
  httpRoutes(@Caller() caller: Principal, @Input('query') query: TInventoryQuery) {
    return this.inventory.list(caller, 'httproutes', query);
  }

  @Route(routes.listReferenceGrants)
  referenceGrants(@Caller() caller: Principal, @Input('query') query: TInventoryQuery) {
    return this.inventory.list(caller, 'referencegrants', query);
  }

  @Route(routes.listNetworkPolicies)
  networkPolicies(@Caller() caller: Principal, @Input('query') query: TInventoryQuery) {
    return this.inventory.list(caller, 'networkpolicies', query);
  }

  @Route(routes.listTlsSecrets)
  tlsSecrets(@Caller() caller: Principal, @Input('query') query: TInventoryQuery) {
    return this.inventory.list(caller, 'tls-secrets', query);
  }

  @Route(routes.getObject)
  get(@Caller() caller: Principal, @Input('params') params: TIdParams) {
    return this.inventory.get(caller, params.id);
  }
}
