import { Controller } from '@nestjs/common';
import { routes, type TIdParams, type TRegisterClusterRequest, type TUpdateClusterRequest } from '@portico/contracts';
import { Caller, Input, Meta, type RequestMeta, Route } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { ClustersService } from './clusters.service.js';

@Controller()
export class ClustersController {
  constructor(private readonly clusters: ClustersService) {}

  @Route(routes.listClusters)
  list(@Caller() caller: Principal) {
    return this.clusters.list(caller);
  }

  @Route(routes.getCluster)
  get(@Caller() caller: Principal, @Input('params') params: TIdParams) {
    return this.clusters.get(caller, params.id);
  }

  @Route(routes.registerCluster)
  register(@Caller() caller: Principal, @Input('body') body: TRegisterClusterRequest, @Meta() meta: RequestMeta) {
    return this.clusters.register(caller, body, meta);
  }

  @Route(routes.updateCluster)
  update(@Caller() caller: Principal, @Input('params') params: TIdParams, @Input('body') body: TUpdateClusterRequest, @Meta() meta: RequestMeta) {
    return this.clusters.update(caller, params.id, body, meta);
  }

  @Route(routes.deleteCluster)
  remove(@Caller() caller: Principal, @Input('params') params: TIdParams, @Meta() meta: RequestMeta) {
    return this.clusters.remove(caller, params.id, meta);
  }
}
