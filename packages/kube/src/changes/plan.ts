/**
 * From a change request (the contract a form or an API call sends) to what is sent to the
 * cluster: the manifest to server-side apply (or the object to delete) and the equivalent
 * kubectl command. Expose reads its source object live, as `kubectl expose` does; everything
 * else is rendered from the request alone. Used by the API's preview and by the worker's apply,
 * so both render the same object.
 */
import { EDITABLE_KINDS, NODE_PORT_RANGE, type TChangeRequest, type TEditableKind, type TExposeRequest, type TServicePortInput, ZDns1123Subdomain, ZNamespaceName } from '@portico/contracts';
import { parseAllDocuments } from 'yaml';
import { type Dict, isDict } from '../kinds/common.js';
import { type ExposeOptions, type ExposeSource, type ExposeSourceKind, exposeCommand, exposeService } from '../kinds/service-expose.js';
import { ingressManifest } from '../kinds/ingress-build.js';
import { httpRouteManifest, referenceGrantManifest } from '../kinds/httproute-build.js';
import { gatewayListenersPlanManifest } from './gateway-plan.js';
import { ChangeInputError } from './errors.js';
import { type ObjectRef, pathOf } from './paths.js';

export interface ChangePlan {
  operation: 'apply' | 'delete';
  target: ObjectRef;
  /** What is applied (server-side apply, field manager `portico`); absent for a delete. */
  manifest?: Dict;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  kubectl: string[];
  /** The workload or Pod whose pods the Service selects (expose only), for the preview's port warnings. */
  source?: Dict;
}

/** Reads one object live; `undefined` when the cluster says 404. */
export type LiveGet = (path: string) => Promise<Dict | undefined>;

const SOURCE_RESOURCES: Record<ExposeSourceKind, { apiVersion: string; plural: string }> = {
  Deployment: { apiVersion: 'apps/v1', plural: 'deployments' },
  ReplicaSet: { apiVersion: 'apps/v1', plural: 'replicasets' },
  StatefulSet: { apiVersion: 'apps/v1', plural: 'statefulsets' },
  DaemonSet: { apiVersion: 'apps/v1', plural: 'daemonsets' },
  Pod: { apiVersion: 'v1', plural: 'pods' },
  Service: { apiVersion: 'v1', plural: 'services' },
};

export async function planChange(request: TChangeRequest, get: LiveGet): Promise<ChangePlan> {
  switch (request.type) {
    case 'expose':
      return planExpose(request, get);
    case 'service': {
      const manifest = serviceManifest(request.namespace, request.name, request);
      return applyPlan(manifest);
    }
    case 'externalName': {
      const spec: Dict = { type: 'ExternalName', externalName: request.externalName };
      if (request.ports?.length) spec.ports = request.ports.map((p) => servicePort(p, p.port));
      const manifest = { apiVersion: 'v1', kind: 'Service', metadata: metadata(request.namespace, request.name, request.labels), spec };
      return applyPlan(manifest);
    }
    case 'delete': {
      const { kind, namespace, name } = request.target;
      const target = { apiVersion: EDITABLE_KINDS[kind].apiVersion, kind, namespace, name };
      const args = ['kubectl', 'delete', kind.toLowerCase(), name, ...(namespace ? ['-n', namespace] : [])];
      if (request.propagationPolicy) args.push(`--cascade=${request.propagationPolicy.toLowerCase()}`);
      return { operation: 'delete', target, kubectl: [args.join(' ')], ...(request.propagationPolicy ? { propagationPolicy: request.propagationPolicy } : {}) };
    }
    case 'yaml':
      return applyPlan(manifestFromYaml(request.yaml));
    case 'ingress':
      return applyPlan(ingressManifest(request) as unknown as Dict);
    case 'httpRoute':
      return applyPlan(httpRouteManifest(request) as unknown as Dict);
    case 'gatewayListeners':
      return applyPlan(await gatewayListenersPlanManifest(request, get));
    case 'referenceGrant':
      return applyPlan(referenceGrantManifest(request) as unknown as Dict);
  }
}

function applyPlan(manifest: Dict): ChangePlan {
  const meta = manifest.metadata as Dict;
  const target = { apiVersion: String(manifest.apiVersion), kind: String(manifest.kind), namespace: typeof meta.namespace === 'string' ? meta.namespace : '', name: String(meta.name) };
  return { operation: 'apply', target, manifest, kubectl: [applyCommand(target.namespace)] };
}

/** What Portico does, as kubectl: the manifest (the preview's YAML) applied server-side under Portico's field manager. */
export const applyCommand = (namespace: string) => `kubectl apply --server-side --field-manager=portico${namespace ? ` -n ${namespace}` : ''} -f portico-change.yaml`;

function metadata(namespace: string, name: string, labels: Record<string, string> | undefined): Dict {
  return { name, namespace, ...(labels && Object.keys(labels).length ? { labels: { ...labels } } : {}) };
}

function servicePort(p: Omit<TServicePortInput, 'nodePort'> & { nodePort?: number }, fallbackTarget: number | string): Dict {
  return {
    ...(p.name ? { name: p.name } : {}),
    port: p.port,
    protocol: p.protocol ?? 'TCP',
    targetPort: p.targetPort ?? fallbackTarget,
    ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}),
  };
}

type ServiceSpecInput = Omit<TExposeRequest, 'type' | 'namespace' | 'source' | 'name'>;

/** The spec fields the forms set beyond ports, in the order kubectl prints them. */
function specExtras(input: ServiceSpecInput): Dict {
  const spec: Dict = {};
  if (input.serviceType) spec.type = input.serviceType;
  if (input.headless) spec.clusterIP = 'None';
  if (input.sessionAffinity) spec.sessionAffinity = input.sessionAffinity;
  if (input.externalIPs?.length) spec.externalIPs = [...input.externalIPs];
  if (input.loadBalancerIP) spec.loadBalancerIP = input.loadBalancerIP;
  if (input.loadBalancerClass) spec.loadBalancerClass = input.loadBalancerClass;
  if (input.loadBalancerSourceRanges?.length) spec.loadBalancerSourceRanges = [...input.loadBalancerSourceRanges];
  if (input.externalTrafficPolicy) spec.externalTrafficPolicy = input.externalTrafficPolicy;
  if (input.internalTrafficPolicy) spec.internalTrafficPolicy = input.internalTrafficPolicy;
  return spec;
}

function serviceManifest(namespace: string, name: string, input: ServiceSpecInput & { ports: TServicePortInput[] }): Dict {
  const spec: Dict = { ...(input.selector ? { selector: { ...input.selector } } : {}), ports: input.ports.map((p) => servicePort(p, p.port)), ...specExtras(input) };
  return { apiVersion: 'v1', kind: 'Service', metadata: metadata(namespace, name, input.labels), spec };
}

/** The one value every port gives for `key`, when they all give the same one (what a single kubectl flag can say). */
function common<K extends keyof TServicePortInput>(ports: TServicePortInput[] | undefined, key: K): TServicePortInput[K] | undefined {
  if (!ports?.length) return undefined;
  const first = ports[0][key];
  return ports.every((p) => p[key] === first) ? first : undefined;
}

/** The request in kubectl expose's flags, and whether those flags say all of it. */
export function exposeOptionsOf(request: TExposeRequest): { options: ExposeOptions; kubectlSaysAll: boolean } {
  const ports = request.ports;
  const targetPort = common(ports, 'targetPort');
  const protocol = common(ports, 'protocol');
  const options: ExposeOptions = {
    ...(request.name ? { name: request.name } : {}),
    ...(ports ? { ports: ports.map((p) => p.port) } : {}),
    ...(targetPort !== undefined ? { targetPort } : {}),
    ...(protocol ? { protocol } : {}),
    ...(request.serviceType ? { type: request.serviceType } : {}),
    ...(request.selector ? { selector: request.selector } : {}),
    ...(request.labels ? { labels: request.labels } : {}),
    ...(request.externalIPs?.length ? { externalIp: request.externalIPs[0] } : {}),
    ...(request.loadBalancerIP ? { loadBalancerIp: request.loadBalancerIP } : {}),
    ...(request.sessionAffinity ? { sessionAffinity: request.sessionAffinity } : {}),
    ...(request.headless ? { clusterIp: 'None' } : {}),
  };
  const perPort = (ports ?? []).some((p) => p.name !== undefined || p.nodePort !== undefined) || (ports !== undefined && (targetPort === undefined) !== ports.every((p) => p.targetPort === undefined));
  const beyond =
    (request.externalIPs?.length ?? 0) > 1 ||
    (ports !== undefined && protocol === undefined && ports.some((p) => p.protocol !== undefined)) ||
    !!request.loadBalancerClass ||
    !!request.loadBalancerSourceRanges?.length ||
    !!request.externalTrafficPolicy ||
    !!request.internalTrafficPolicy;
  return { options, kubectlSaysAll: !perPort && !beyond };
}

async function planExpose(request: TExposeRequest, get: LiveGet): Promise<ChangePlan> {
  const { kind, name } = request.source;
  const resource = SOURCE_RESOURCES[kind];
  const found = await get(pathOf({ apiVersion: resource.apiVersion, plural: resource.plural, namespace: request.namespace, name }));
  if (!found) throw new ChangeInputError('change.source.name', `no ${kind} named ${name} in namespace ${request.namespace}`);
  const source = { ...found, kind } as unknown as ExposeSource;
  const { options, kubectlSaysAll } = exposeOptionsOf(request);
  let service: Dict;
  try {
    service = exposeService(source, options) as unknown as Dict;
  } catch (err) {
    if (err instanceof Error && 'field' in err) throw new ChangeInputError(`change.${String(err.field)}`, err.message);
    throw err;
  }
  const spec = service.spec as Dict;
  // What kubectl's flags cannot say (per-port names, targets and nodePorts; policies) is set on top of its Service.
  if (request.ports) spec.ports = requestedPorts(request.ports, spec.ports as Dict[]);
  Object.assign(spec, specExtras({ ...request, serviceType: undefined, headless: undefined, sessionAffinity: undefined, loadBalancerIP: undefined }));
  (service.metadata as Dict).namespace = request.namespace;
  const target = { apiVersion: 'v1', kind: 'Service', namespace: request.namespace, name: String((service.metadata as Dict).name) };
  const kubectl = kubectlSaysAll ? [exposeCommand(source, options, request.namespace)] : [applyCommand(request.namespace)];
  return { operation: 'apply', target, manifest: service, kubectl, source: found };
}

/**
 * The Service's ports where the request says more than kubectl's flags: per-port protocols are
 * taken as given; otherwise kubectl's ports (one per protocol the source serves a number in)
 * get the request's name, target and nodePort for their number.
 */
function requestedPorts(asked: TServicePortInput[], built: Dict[]): Dict[] {
  const mixedProtocols = asked.some((p) => p.protocol !== undefined) && common(asked, 'protocol') === undefined;
  if (mixedProtocols) return asked.map((p, i) => servicePort({ ...p, name: p.name ?? (asked.length > 1 ? `port-${i + 1}` : undefined) }, p.port));
  return built.map((p) => {
    const a = asked.find((x) => x.port === p.port);
    if (!a) return p;
    return { ...p, ...(a.name ? { name: a.name } : {}), ...(a.targetPort !== undefined ? { targetPort: a.targetPort } : {}), ...(a.nodePort !== undefined ? { nodePort: a.nodePort } : {}) };
  });
}

/** Server-set fields a manifest must not carry into an apply (the apiserver refuses managedFields; the rest is noise or a stale precondition). */
const SERVER_SET_METADATA = ['uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'generation', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'];

/** One object of an editable kind, from YAML or JSON; what is wrong is said on the field `change.yaml`. */
export function manifestFromYaml(text: string): Dict {
  const fail = (reason: string): never => {
    throw new ChangeInputError('change.yaml', reason);
  };
  const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true }).filter((d) => d.contents !== null);
  if (!('length' in docs) || docs.length === 0) fail('holds no object');
  if (docs.length > 1) fail('holds several objects: give one at a time');
  const doc = docs[0];
  if (doc.errors.length) fail(`is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (!isDict(value)) fail('must be one object (a mapping with apiVersion, kind and metadata)');
  const obj = value as Dict;
  const kind = obj.kind;
  if (typeof kind !== 'string' || !(kind in EDITABLE_KINDS)) fail(`kind must be one of ${Object.keys(EDITABLE_KINDS).join(', ')}`);
  const spec = EDITABLE_KINDS[kind as TEditableKind];
  if (obj.apiVersion !== spec.apiVersion) fail(`apiVersion must be ${spec.apiVersion} for a ${String(kind)}`);
  const meta = isDict(obj.metadata) ? { ...obj.metadata } : fail('metadata is missing');
  const name = ZDns1123Subdomain.safeParse(meta.name);
  if (!name.success) fail(`metadata.name ${typeof meta.name === 'string' ? name.error.issues[0].message : 'is required'}`);
  if (spec.namespaced) {
    const namespace = ZNamespaceName.safeParse(meta.namespace);
    if (!namespace.success) fail(`metadata.namespace ${typeof meta.namespace === 'string' ? namespace.error.issues[0].message : `is required for a ${String(kind)}`}`);
  } else if (meta.namespace !== undefined && meta.namespace !== '') {
    fail(`metadata.namespace must be empty: ${String(kind)} is cluster-scoped`);
  }
  for (const key of SERVER_SET_METADATA) delete meta[key];
  const { status: _status, ...rest } = obj;
  if (kind === 'Service') checkNodePorts(rest.spec, fail);
  return { ...rest, metadata: meta };
}

/** A dry-run accepts a nodePort outside the cluster's range (only the real write refuses it): checked here, before anything is sent. */
function checkNodePorts(spec: unknown, fail: (reason: string) => never): void {
  const ports = isDict(spec) && Array.isArray(spec.ports) ? spec.ports : [];
  ports.forEach((p, i) => {
    if (!isDict(p) || p.nodePort === undefined) return;
    const n = p.nodePort;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < NODE_PORT_RANGE.min || n > NODE_PORT_RANGE.max)
      fail(`spec.ports[${i}].nodePort must be in the range ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`);
  });
}

/**
 * The change that undoes an applied one: a created object is deleted; a changed or deleted one
 * is applied back as it was (taking its fields back with force: reverting is the explicit
 * choice). The API decides `operation` from the original; preconditions keep a revert from
 * overwriting what someone changed since.
 */
export function planRevert(original: { target: ObjectRef; operation: string; before: Dict | null }): ChangePlan {
  if (original.operation === 'delete') {
    return {
      operation: 'delete',
      target: original.target,
      kubectl: [`kubectl delete ${original.target.kind.toLowerCase()} ${original.target.name}${original.target.namespace ? ` -n ${original.target.namespace}` : ''}`],
    };
  }
  if (!original.before) throw new ChangeInputError('revertOf', 'There is no earlier state of the object to go back to.');
  const { status: _status, ...rest } = original.before;
  const meta = { ...(isDict(rest.metadata) ? rest.metadata : {}) };
  for (const key of SERVER_SET_METADATA) delete meta[key];
  return { operation: 'apply', target: original.target, manifest: { ...rest, metadata: meta }, kubectl: [applyCommand(original.target.namespace)] };
}
