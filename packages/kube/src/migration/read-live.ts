/**
 * What a migration converts, read live from the cluster (as the pipeline's preview reads its
 * objects live): the Ingress or every Ingress of a class in the namespace, the namespace's
 * Services (for named ports) and the target Gateway or GatewayClass. A missing object is the
 * request's fault, named by its field.
 */
import type { V1Ingress, V1Service } from '@kubernetes/client-node';
import type { TPreviewMigrationRequest } from '@portico/contracts';
import { stringify } from 'yaml';
import type { ChangeClient } from '../changes/change-client.js';
import { ChangeInputError } from '../changes/errors.js';
import { type Dict, dictOf, listOf, metadataOf, numberOr, specOf, stringOr } from '../kinds/common.js';
import { ingressClassOf } from '../kinds/ingress.js';
import { RESOURCES, collectionPath } from '../resources.js';
import type { MigrationTarget, ServicePorts } from './convert.js';
import type { GatewayObject } from './gateway-types.js';

export interface MigrationInputs {
  ingresses: V1Ingress[];
  services: ServicePorts[];
  target: MigrationTarget;
}

const one = (collection: string, name: string) => `${collection}/${encodeURIComponent(name)}`;

export async function readMigrationInputs(kube: ChangeClient, request: TPreviewMigrationRequest): Promise<MigrationInputs> {
  const { source, gateway } = request;
  const ingressPath = collectionPath(RESOURCES.ingresses, source.namespace);
  let ingresses: V1Ingress[];
  if (source.ingress) {
    const found = await kube.get(one(ingressPath, source.ingress));
    if (!found) throw new ChangeInputError('source.ingress', `there is no Ingress ${source.namespace}/${source.ingress} in the cluster`);
    ingresses = [found];
  } else {
    ingresses = ((await kube.list(ingressPath)) as V1Ingress[]).filter((i) => ingressClassOf(i) === source.ingressClass);
    if (ingresses.length === 0) throw new ChangeInputError('source.ingressClass', `no Ingress of class ${String(source.ingressClass)} in namespace ${source.namespace}`);
  }
  const services = ((await kube.list(collectionPath(RESOURCES.services, source.namespace))) as V1Service[]).map(servicePorts);
  const live = await kube.get(one(collectionPath(RESOURCES.gateways, gateway.namespace), gateway.name));
  if (gateway.mode === 'existing') {
    if (!live) throw new ChangeInputError('gateway.name', `there is no Gateway ${gateway.namespace}/${gateway.name} in the cluster`);
    return { ingresses, services, target: { name: gateway.name, namespace: gateway.namespace, existing: asGateway(live), gatewayClassName: stringOr(specOf(live).gatewayClassName, '') } };
  }
  if (live) throw new ChangeInputError('gateway.name', `Gateway ${gateway.namespace}/${gateway.name} already exists: choose it as an existing Gateway`);
  if (!(await kube.get(one(collectionPath(RESOURCES.gatewayclasses), gateway.gatewayClassName))))
    throw new ChangeInputError('gateway.gatewayClassName', `there is no GatewayClass ${gateway.gatewayClassName} in the cluster`);
  return { ingresses, services, target: { name: gateway.name, namespace: gateway.namespace, existing: null, gatewayClassName: gateway.gatewayClassName } };
}

function servicePorts(svc: V1Service): ServicePorts {
  const ports = listOf(specOf(svc).ports).map((p) => ({ name: stringOr(dictOf(p).name, undefined), port: numberOr(dictOf(p).port, 0) }));
  return { name: stringOr(metadataOf(svc).name, ''), ports };
}

/** The live Gateway as the converter extends it: name, namespace, labels, annotations and spec; what the server keeps is dropped. */
function asGateway(live: Dict): GatewayObject {
  const meta = metadataOf(live);
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: {
      name: stringOr(meta.name, ''),
      namespace: stringOr(meta.namespace, ''),
      ...(meta.labels ? { labels: meta.labels as Record<string, string> } : {}),
      ...(meta.annotations ? { annotations: withoutLastApplied(meta.annotations as Record<string, string>) } : {}),
    },
    spec: specOf(live) as unknown as GatewayObject['spec'],
  };
}

const withoutLastApplied = (annotations: Record<string, string>) => Object.fromEntries(Object.entries(annotations).filter(([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration'));

/** An Ingress as the preview shows it: what its author wrote, not what the server keeps. */
export function ingressYaml(ingress: V1Ingress): string {
  const meta = { ...metadataOf(ingress) };
  for (const key of ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation']) delete meta[key];
  const annotations = meta.annotations ? withoutLastApplied(meta.annotations as Record<string, string>) : undefined;
  return stringify({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { ...meta, ...(annotations ? { annotations } : {}) }, spec: ingress.spec }, { sortMapEntries: false });
}
