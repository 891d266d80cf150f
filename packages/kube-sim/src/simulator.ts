/**
 * Wiring: builds the store, API, controllers and HTTPS server of one simulated cluster.
 */
import { ServiceAdmission } from './admission/service.js';
import { ClusterIpAllocator, NodePortAllocator } from './allocators.js';
import { Authenticator, generateTokens, type TokenKind, type Tokens } from './auth.js';
import { CertManagerController } from './cert-manager.js';
import { createCaChain, issueCertificate } from './certs.js';
import { SimClock } from './clock.js';
import { ControllerManager, type Controller } from './controllers/controller.js';
import { EndpointsController, apiserverEndpoints } from './controllers/endpoints.js';
import { GatewayController } from './controllers/gateway.js';
import { IngressStatusController } from './controllers/ingress-status.js';
import { LoadBalancerController } from './controllers/load-balancer.js';
import { NODE_NAME, WorkloadController } from './controllers/workloads.js';
import { crdFor } from './crds.js';
import { Faults, type FaultRule, type FloodRule, type OversizeRule } from './faults.js';
import { Generators } from './generate.js';
import { buildKubeconfig } from './kubeconfig.js';
import { ObjectApi } from './object-api.js';
import { type Feature, ResourceRegistry, type ResourceType } from './resources.js';
import { loadScenario, parseManifests } from './scenario.js';
import { loadWithHistory } from './scenario-history.js';
import { KubeServer } from './server.js';
import { errors } from './status.js';
import { Store } from './store.js';
import { systemComponents, type Cni } from './system-components.js';
import type { KubeObject } from './types.js';

export interface SimulatorOptions {
  /** `course` (the networking course's objects), `empty` (default), or a path to a YAML file. */
  scenario?: 'course' | 'empty' | (string & {});
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Bind address; only loopback is allowed (default 127.0.0.1). */
  host?: '127.0.0.1' | 'localhost';
  /** Serve the Gateway API group and its CRDs (default true). */
  gatewayApi?: boolean;
  /** Serve cert-manager's group, its CRDs and controller (default true). */
  certManager?: boolean;
  /** Delay before a LoadBalancer Service gets its ingress IP (real time, default 200 ms). */
  loadBalancerDelayMs?: number;
  /** Interval of watch BOOKMARK events when clients allow them (real time, default 5000 ms). */
  bookmarkIntervalMs?: number;
  /** Watch events kept for resuming watches; older resourceVersions get 410 (default 10000). */
  watchHistory?: number;
  /** Namespace of the namespace-scoped token (default `demo`). */
  namespacedTokenNamespace?: string;
  /** Start of the simulated clock (default: now). */
  clockStart?: Date;
  /** Create kube-dns/CoreDNS, kube-proxy and a CNI DaemonSet in kube-system (default true). */
  systemComponents?: boolean;
  /** Which CNI plugin's DaemonSet to create (default `cilium`). */
  cni?: Cni;
  /** Called with errors that controllers hit (default: ignored). */
  onError?: (source: string, err: unknown) => void;
}

export interface Simulator {
  /** `https://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** kubeconfig YAML for the admin token, with the CA inline. */
  readonly kubeconfig: string;
  kubeconfigFor(kind: TokenKind): string;
  /** PEM of the CA that signs the serving certificate and cert-manager's certificates. */
  readonly caPem: string;
  readonly tokens: Tokens;
  readonly clock: SimClock;
  readonly faults: Faults;
  readonly generate: Generators;
  /** Direct access to objects, bypassing HTTP and auth (for test setup and assertions). */
  readonly objects: ObjectAccess;
  /**
   * Installs or removes a feature's CRDs while running, as `kubectl apply`/`delete` of their
   * manifests would: discovery and the API serve its kinds from then on (removal first deletes
   * every object of those kinds, with their watch events). The feature's controller (Gateway
   * status, cert-manager issuance) stays as the simulator was started.
   */
  setFeature(feature: Feature, installed: boolean): void;
  /** Resolves when controllers and certificate issuance have nothing left to do. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface ObjectAccess {
  /** Server-side applies each object (or each document of a YAML string) as field manager `kube-sim`. */
  apply(objects: KubeObject | KubeObject[] | string): KubeObject[];
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  list(apiVersion: string, kind: string, namespace?: string): KubeObject[];
  delete(apiVersion: string, kind: string, namespace: string | undefined, name: string): boolean;
  /** The global resourceVersion. */
  resourceVersion(): number;
}

const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error('kube-sim only binds loopback addresses');
  const features = { gatewayApi: options.gatewayApi ?? true, certManager: options.certManager ?? true };
  const onError = options.onError ?? (() => undefined);
  const clock = new SimClock({ start: options.clockStart });
  const registry = new ResourceRegistry(features);
  const store = new Store(options.watchHistory ?? 10_000);
  const api = new ObjectApi(store, registry, clock, new ServiceAdmission(new ClusterIpAllocator(), new NodePortAllocator()));
  const chain = createCaChain(new Date());
  const ca = chain.root;
  // The serving certificate lives in real time: TLS clients check it against their own clock.
  const serving = issueCertificate(ca, {
    commonName: 'kube-apiserver',
    dnsNames: ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc'],
    ipAddresses: ['127.0.0.1', '10.96.0.1'],
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + 365 * 86400_000),
  });
  const tokens = generateTokens(options.namespacedTokenNamespace ?? 'demo');
  const auth = new Authenticator(tokens);
  const faults = new Faults();
  const generate = new Generators(api, chain, clock);

  const rt = (apiVersion: string, kind: string): ResourceType => {
    const r = registry.forKind(apiVersion, kind);
    if (!r) throw errors.notFound(kind.toLowerCase(), apiVersion.includes('/') ? apiVersion.split('/')[0] : '', `${apiVersion}/${kind}`);
    return r;
  };
  const sys = { fieldManager: 'kube-sim', fieldValidation: 'Ignore' as const };

  // Bootstrap: what a fresh cluster has.
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease'])
    if (!api.find(rt('v1', 'Namespace'), undefined, ns)) api.create(rt('v1', 'Namespace'), undefined, { metadata: { name: ns } }, sys);
  const now = clock.timestamp();
  api.create(
    rt('v1', 'Node'),
    undefined,
    {
      metadata: { name: NODE_NAME, labels: { 'kubernetes.io/hostname': NODE_NAME, 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/control-plane': '' } },
      spec: { podCIDR: '10.244.0.0/24' },
      status: {
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }],
        addresses: [
          { type: 'InternalIP', address: '172.18.0.2' },
          { type: 'Hostname', address: NODE_NAME },
        ],
        nodeInfo: { kubeletVersion: 'v1.31.9', containerRuntimeVersion: 'containerd://1.7.24', osImage: 'kube-sim', kernelVersion: '6.1.0', operatingSystem: 'linux', architecture: 'amd64' },
      },
    },
    sys,
  );
  api.create(
    rt('v1', 'Service'),
    'default',
    { metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } }, spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] } },
    sys,
  );
  // The apiserver publishes itself (the node's address) behind that Service, as on every cluster.
  for (const o of apiserverEndpoints('172.18.0.2')) api.create(rt(o.apiVersion, o.kind), o.metadata.namespace, o, sys);
  const crdOf = (t: ResourceType) => crdFor(t, t.feature === 'gatewayApi' ? 'v1.2.1' : 'v1.16.2');
  for (const t of registry.types) if (t.feature) api.create(rt('apiextensions.k8s.io/v1', 'CustomResourceDefinition'), undefined, crdOf(t), sys);
  const setFeature = (feature: Feature, installed: boolean) => {
    const crds = rt('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
    if (installed) registry.setFeature(feature, true);
    for (const t of registry.types.filter((x) => x.feature === feature)) {
      const crd = crdOf(t);
      const name = crd.metadata.name ?? '';
      if (installed) {
        if (!api.find(crds, undefined, name)) api.create(crds, undefined, crd, sys);
        continue;
      }
      for (const o of api.list(t, undefined).items) api.delete(t, o.metadata.namespace, o.metadata.name ?? '');
      if (api.find(crds, undefined, name)) api.delete(crds, undefined, name);
    }
    if (!installed) registry.setFeature(feature, false);
  };

  const certManager = features.certManager ? new CertManagerController(api, chain, clock, (e) => onError('cert-manager', e)) : undefined;
  const controllers: Controller[] = [
    new WorkloadController(api),
    new EndpointsController(api),
    new LoadBalancerController(api, num(options.loadBalancerDelayMs, 200)),
    new IngressStatusController(api),
    ...(features.gatewayApi ? [new GatewayController(api)] : []),
    ...(certManager ? [certManager] : []),
  ];
  const manager = new ControllerManager(api, controllers, onError);
  manager.start();
  if (options.systemComponents ?? true)
    for (const o of systemComponents(options.cni ?? 'cilium')) {
      const t = rt(o.apiVersion, o.kind);
      api.create(t, o.metadata.namespace, o, sys);
    }

  const objects: ObjectAccess = {
    apply(input) {
      const list = typeof input === 'string' ? parseManifests(input) : Array.isArray(input) ? input : [input];
      return list.map((o) => {
        const t = rt(o.apiVersion, o.kind);
        return api.patch(t, t.namespaced ? (o.metadata.namespace ?? 'default') : undefined, o.metadata.name ?? '', 'apply', o, { fieldManager: 'kube-sim', force: true }).object;
      });
    },
    get: (v, k, ns, name) => api.find(rt(v, k), ns, name),
    list: (v, k, ns) => api.list(rt(v, k), ns).items,
    delete(v, k, ns, name) {
      const t = rt(v, k);
      if (!api.find(t, ns, name)) return false;
      api.delete(t, ns, name);
      return true;
    },
    resourceVersion: () => store.resourceVersion,
  };

  const settle = async () => {
    for (let i = 0; i < 20; i++) {
      await manager.idle();
      await certManager?.idle();
      await new Promise((r) => setImmediate(r));
      if (!manager.busy() && !certManager?.busy()) break;
    }
  };

  if (options.scenario && options.scenario !== 'empty') {
    // e.g. cert-manager objects are skipped when it is not installed
    const objs = loadScenario(options.scenario).filter((o) => registry.forKind(o.apiVersion, o.kind));
    const nsOf = (t: ResourceType, o: KubeObject) => (t.namespaced ? (o.metadata.namespace ?? 'default') : undefined);
    await loadWithHistory(objs, clock, {
      create: (o) => api.create(rt(o.apiVersion, o.kind), nsOf(rt(o.apiVersion, o.kind), o), o, { fieldManager: 'kube-sim-scenario', fieldValidation: 'Strict' }),
      remove: (o) => {
        const t = rt(o.apiVersion, o.kind);
        // Absent when the controller that would have made it is not running (e.g. without cert-manager).
        if (api.find(t, nsOf(t, o), o.metadata.name ?? '')) api.delete(t, nsOf(t, o), o.metadata.name ?? '');
      },
      upcoming: () => certManager?.upcoming() ?? [],
      settle,
    });
  }

  // The namespace-scoped token needs its namespace to be useful.
  if (!api.find(rt('v1', 'Namespace'), undefined, tokens.namespaced.namespace)) api.create(rt('v1', 'Namespace'), undefined, { metadata: { name: tokens.namespaced.namespace } }, sys);

  const simHandler = async (method: string, path: string, body: unknown): Promise<unknown> => {
    const b = (body ?? {}) as Record<string, unknown>;
    const route = `${method} ${path}`;
    const target = { namespace: b.namespace as string | undefined, namespaces: b.namespaces as number | undefined, prefix: b.prefix as string | undefined };
    switch (route) {
      case 'GET /_sim/clock':
        return { now: clock.now().toISOString() };
      case 'POST /_sim/clock/advance':
        return { now: clock.advance(num(b.ms, 0)).toISOString() };
      case 'POST /_sim/clock/set':
        return { now: clock.set(String(b.time)).toISOString() };
      case 'GET /_sim/faults':
        return { latencyMs: faults.latencyMs };
      case 'POST /_sim/faults':
        if (typeof b.latencyMs === 'number') faults.setLatency(b.latencyMs);
        for (const r of (b.rules as FaultRule[] | undefined) ?? []) faults.addRule(r);
        for (const r of (b.oversize as OversizeRule[] | undefined) ?? []) faults.oversizeBody(r);
        for (const r of (b.floods as FloodRule[] | undefined) ?? []) faults.floodWatches(r);
        return { ok: true };
      case 'DELETE /_sim/faults':
        faults.clear();
        return { ok: true };
      case 'POST /_sim/faults/drop-watches':
        return { dropped: faults.dropWatches() };
      case 'POST /_sim/faults/expire-next-watch':
        faults.expireNextWatch(num(b.count, 1));
        return { ok: true };
      case 'POST /_sim/faults/refuse-connections':
        setTimeout(() => void faults.refuseConnections(num(b.seconds, 1)), 50);
        return { ok: true };
      case 'POST /_sim/generate/namespaces':
        return { names: generate.namespaces(num(b.count, 1), target) };
      case 'POST /_sim/generate/services':
        return { created: generate.services(num(b.count, 1), target) };
      case 'POST /_sim/generate/ingresses':
        return { created: generate.ingresses(num(b.count, 1), target) };
      case 'POST /_sim/generate/tls-secrets':
        return { created: await generate.tlsSecrets(num(b.count, 1), { ...target, lifetimesDays: b.lifetimesDays as number[] | undefined, owners: b.owners as string[] | undefined }) };
      case 'POST /_sim/generate/churn':
        return {
          changes: await generate.churn({ ratePerSecond: b.ratePerSecond as number | undefined, durationMs: b.durationMs as number | undefined, namespace: b.namespace as string | undefined }),
        };
      case 'POST /_sim/settle':
        await settle();
        return { ok: true };
      default:
        throw errors.notFound('', '', path);
    }
  };
  const server = new KubeServer(
    { host, port: options.port ?? 0, certPem: serving.certPem, keyPem: serving.keyPem, bookmarkIntervalMs: num(options.bookmarkIntervalMs, 5000) },
    api,
    auth,
    clock,
    faults,
    simHandler,
  );
  const port = await server.listen();
  const url = `https://${host}:${port}`;
  const kubeconfigFor = (kind: TokenKind) =>
    kind === 'admin'
      ? buildKubeconfig({ server: url, caPem: ca.certPem, token: tokens.admin, user: 'kube-sim-admin' })
      : kind === 'readonly'
        ? buildKubeconfig({ server: url, caPem: ca.certPem, token: tokens.readonly, user: 'kube-sim-readonly' })
        : buildKubeconfig({ server: url, caPem: ca.certPem, token: tokens.namespaced.token, user: 'kube-sim-namespaced', namespace: tokens.namespaced.namespace });
  await settle();
  return {
    url,
    port,
    kubeconfig: kubeconfigFor('admin'),
    kubeconfigFor,
    caPem: ca.certPem,
    tokens,
    clock,
    faults,
    generate,
    objects,
    setFeature,
    settle,
    async close() {
      manager.stop();
      await server.close();
    },
  };
}
