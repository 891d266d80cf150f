/**
 * The Service that `kubectl expose` creates, built the way kubectl builds it, so that Portico's
 * Expose form and API produce the same object for the same input (issue 9). Pure: the source
 * object comes in, a Service manifest goes out; nothing is sent anywhere.
 *
 * Rules, from kubectl's `expose` command (staging/src/k8s.io/kubectl/pkg/cmd/expose/expose.go and
 * pkg/polymorphichelpers: mapbasedselectorforobject.go, portsforobject.go, protocolsforobject.go),
 * checked against real kubectl v1.31 and v1.20 by `packages/kube/test/expose-equivalence.test.ts`:
 * - name: `--name`, else the source's name;
 * - selector: `--selector`, else the source's: a Deployment's/ReplicaSet's/StatefulSet's/DaemonSet's
 *   `spec.selector.matchLabels` (a selector with `matchExpressions` cannot be exposed), a Pod's
 *   labels, a Service's `spec.selector`;
 * - labels: `--labels`, else the source's `metadata.labels`;
 * - ports: `--port` (comma-separated), else every port number of every container (a Service
 *   source: its ports), once each, in order; one port is unnamed, several are `port-1`, `port-2`, …;
 * - protocol: `--protocol` for every port, else every protocol the source gives that port number
 *   (one Service port each, named `port-N-udp`, `port-N-tcp`), else TCP;
 * - targetPort: `--target-port` for every port, else the port number itself;
 * - `--type`, `--external-ip`, `--load-balancer-ip` (LoadBalancer only), `--session-affinity`,
 *   `--cluster-ip` (`None` = headless) copied as they are.
 * @see https://kubernetes.io/docs/reference/kubectl/generated/kubectl_expose/
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 */
import type { V1LabelSelector, V1PodSpec, V1Service, V1ServicePort } from '@kubernetes/client-node';

/** What `kubectl expose` accepts as a source (plus StatefulSet and DaemonSet, which Portico also exposes). */
export type ExposeSourceKind = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Pod' | 'Service';

/** The source object, as read from the cluster. Only the fields expose reads are typed. */
export interface ExposeSource {
  kind: ExposeSourceKind;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: {
    selector?: V1LabelSelector | Record<string, string>;
    template?: { spec?: Pick<V1PodSpec, 'containers'> };
    containers?: V1PodSpec['containers'];
    ports?: V1ServicePort[];
  };
}

/** `kubectl expose` flags, by their Portico names. */
export interface ExposeOptions {
  /** `--name` */
  name?: string;
  /** `--port`: one or more ports the Service serves. */
  ports?: number[];
  /** `--target-port`: a number or a container port name, the same for every port. */
  targetPort?: number | string;
  /** `--protocol` for every port. */
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  /** `--type` */
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /** `--selector`, replacing the source's. */
  selector?: Record<string, string>;
  /** `--labels`, replacing the source's. */
  labels?: Record<string, string>;
  /** `--external-ip` */
  externalIp?: string;
  /** `--load-balancer-ip` (used with type LoadBalancer only, as kubectl does). */
  loadBalancerIp?: string;
  /** `--session-affinity` */
  sessionAffinity?: 'None' | 'ClientIP';
  /** `--cluster-ip`; `None` makes the Service headless. */
  clusterIp?: string;
}

/** A source that cannot be exposed as asked; `field` names the option or source field at fault. */
export class ExposeError extends Error {
  override readonly name = 'ExposeError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function podSpecOf(source: ExposeSource): Pick<V1PodSpec, 'containers'> | undefined {
  if (source.kind === 'Pod') return source.spec?.containers ? { containers: source.spec.containers } : undefined;
  return source.spec?.template?.spec;
}

/** The selector kubectl derives from the source (`MapBasedSelectorForObject`). */
export function selectorForSource(source: ExposeSource): Record<string, string> {
  switch (source.kind) {
    case 'Pod':
      return { ...(source.metadata.labels ?? {}) };
    case 'Service':
      return { ...((source.spec?.selector as Record<string, string> | undefined) ?? {}) };
    default: {
      const selector = source.spec?.selector as V1LabelSelector | undefined;
      if (selector?.matchExpressions?.length) {
        throw new ExposeError('selector', `the ${source.kind} ${source.metadata.name} selects pods with matchExpressions, which a Service selector cannot express; give the selector explicitly`);
      }
      return { ...(selector?.matchLabels ?? {}) };
    }
  }
}

/** Port numbers and their protocols as the source declares them, in order (`PortsForObject`, `ProtocolsForObject`). */
export function portsForSource(source: ExposeSource): { port: number; protocol: string }[] {
  if (source.kind === 'Service') return (source.spec?.ports ?? []).map((p) => ({ port: p.port, protocol: p.protocol ?? 'TCP' }));
  const out: { port: number; protocol: string }[] = [];
  for (const container of podSpecOf(source)?.containers ?? []) {
    for (const p of container.ports ?? []) out.push({ port: p.containerPort, protocol: p.protocol ?? 'TCP' });
  }
  return out;
}

/** The Service `kubectl expose <source> [flags]` would send (before the apiserver's defaults). */
export function exposeService(source: ExposeSource, options: ExposeOptions = {}): V1Service {
  const selector = options.selector ?? selectorForSource(source);
  if (Object.keys(selector).length === 0) throw new ExposeError('selector', `the ${source.kind} ${source.metadata.name} has no labels to select its pods by; give a selector`);
  // kubectl ≥ 1.26 (MultiProtocolsForObject): each port number once, in order of first
  // appearance, with every protocol the source declares for it (v1.20 repeated the number).
  const protocolsOf = new Map<number, string[]>();
  for (const p of portsForSource(source)) {
    const list = protocolsOf.get(p.port) ?? [];
    if (!list.includes(p.protocol)) list.push(p.protocol);
    protocolsOf.set(p.port, list);
  }
  const portNumbers = options.ports ?? [...protocolsOf.keys()];
  const headless = options.clusterIp === 'None';
  if (portNumbers.length === 0 && !headless) throw new ExposeError('ports', `the ${source.kind} ${source.metadata.name} declares no port; give the port to expose`);
  // One Service port per protocol; a number served in several is named port-N-<protocol>.
  const entries = portNumbers.flatMap((port, i) => {
    const protocols = options.protocol ? [options.protocol] : (protocolsOf.get(port) ?? ['TCP']);
    return protocols.map((protocol) => ({ port, protocol, name: protocols.length > 1 ? `port-${i + 1}-${protocol.toLowerCase()}` : `port-${i + 1}` }));
  });
  const ports: V1ServicePort[] = entries.map((e) => ({ ...(entries.length > 1 ? { name: e.name } : {}), port: e.port, protocol: e.protocol, targetPort: options.targetPort ?? e.port }));

  const labels = options.labels ?? source.metadata.labels;
  // kubectl (Go, `omitempty`) sends no `ports` at all for a portless headless Service, not `[]`.
  const spec: NonNullable<V1Service['spec']> = { selector, ...(ports.length ? { ports } : {}) };
  if (options.externalIp) spec.externalIPs = [options.externalIp];
  if (options.type) spec.type = options.type;
  if (options.type === 'LoadBalancer' && options.loadBalancerIp) spec.loadBalancerIP = options.loadBalancerIp;
  if (options.sessionAffinity) spec.sessionAffinity = options.sessionAffinity;
  if (options.clusterIp) spec.clusterIP = options.clusterIp;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: options.name ?? source.metadata.name, ...(labels && Object.keys(labels).length ? { labels: { ...labels } } : {}) },
    spec,
  };
}

/** The kubectl command line that creates the same Service (shown in Portico's preview). */
export function exposeCommand(source: ExposeSource, options: ExposeOptions = {}, namespace = source.metadata.namespace): string {
  const kv = (m: Record<string, string>) =>
    Object.entries(m)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
  const args = ['kubectl', 'expose', source.kind.toLowerCase(), source.metadata.name];
  if (namespace) args.push('-n', namespace);
  if (options.name) args.push(`--name=${options.name}`);
  if (options.ports?.length) args.push(`--port=${options.ports.join(',')}`);
  if (options.targetPort !== undefined) args.push(`--target-port=${options.targetPort}`);
  if (options.protocol) args.push(`--protocol=${options.protocol}`);
  if (options.type) args.push(`--type=${options.type}`);
  if (options.selector) args.push(`--selector=${kv(options.selector)}`);
  if (options.labels) args.push(`--labels=${kv(options.labels)}`);
  if (options.externalIp) args.push(`--external-ip=${options.externalIp}`);
  if (options.loadBalancerIp) args.push(`--load-balancer-ip=${options.loadBalancerIp}`);
  if (options.sessionAffinity) args.push(`--session-affinity=${options.sessionAffinity}`);
  if (options.clusterIp) args.push(`--cluster-ip=${options.clusterIp}`);
  return args.join(' ');
}
