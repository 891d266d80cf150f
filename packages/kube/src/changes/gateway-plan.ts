/**
 * The Gateway listener editor's plan needs the live Gateway: an edit keeps the Gateway's own
 * class (the request may name none), a create must name one.
 */
import type { TGatewayListenersRequest } from '@portico/contracts';
import { type Dict, dictOf } from '../kinds/common.js';
import { gatewayListenersManifest } from '../kinds/httproute-build.js';
import { objectPath } from '../object-writes.js';
import { ChangeInputError } from './errors.js';
import type { LiveGet } from './plan.js';

export async function gatewayListenersPlanManifest(request: TGatewayListenersRequest, get: LiveGet): Promise<Dict> {
  const live = await get(objectPath({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', namespace: request.namespace, name: request.name }));
  const liveClass = dictOf(live?.spec).gatewayClassName;
  const gatewayClassName = request.gatewayClassName ?? (typeof liveClass === 'string' ? liveClass : undefined);
  if (!gatewayClassName) throw new ChangeInputError('change.gatewayClassName', `is required to create a Gateway (there is no Gateway ${request.name} in namespace ${request.namespace} yet)`);
  return gatewayListenersManifest(request, gatewayClassName) as unknown as Dict;
}
