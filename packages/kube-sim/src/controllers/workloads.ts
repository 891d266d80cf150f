/**
 * Deployment → ReplicaSet → Pods, plus simple StatefulSet/DaemonSet pods and a "kubelet" that
 * marks pods Running and Ready with an IP. Pods are ready at once: there is nothing to run.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ObjectApi } from '../object-api.js';
import type { ResourceType } from '../resources.js';
import type { StoreEvent } from '../store.js';
import { dig, isPlainObject, type Json, type JsonObject, type KubeObject } from '../types.js';
import { condition, isOwnedBy, ownerRef, type Controller } from './controller.js';

export const NODE_NAME = 'kube-sim-node-1';

function templateHash(tpl: Json | undefined): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const h = createHash('sha256')
    .update(JSON.stringify(tpl ?? {}))
    .digest();
  return [...h.subarray(0, 10)].map((b) => alphabet[b % alphabet.length]).join('');
}

function suffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return [...randomBytes(5)].map((b) => alphabet[b % alphabet.length]).join('');
}

export class WorkloadController implements Controller {
  readonly name = 'workloads';
  private nextPodIp = 10;
  private readonly rt: Record<'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'DaemonSet' | 'Pod' | 'Node', ResourceType>;

  constructor(private readonly api: ObjectApi) {
    const r = api.registry;
    this.rt = {
      Deployment: r.mustForKind('apps/v1', 'Deployment'),
      ReplicaSet: r.mustForKind('apps/v1', 'ReplicaSet'),
      StatefulSet: r.mustForKind('apps/v1', 'StatefulSet'),
      DaemonSet: r.mustForKind('apps/v1', 'DaemonSet'),
      Pod: r.mustForKind('v1', 'Pod'),
      Node: r.mustForKind('v1', 'Node'),
    };
  }

  onEvent(ev: StoreEvent): void {
    const o = ev.object;
    if (ev.type === 'DELETED') {
      if (o.kind === 'Pod') for (const ref of o.metadata.ownerReferences ?? []) this.reconcileOwner(ref.kind, o.metadata.namespace, ref.name);
      return;
    }
    switch (o.kind) {
      case 'Deployment':
        return this.reconcileDeployment(o);
      case 'ReplicaSet':
        this.reconcileReplicaSet(o);
        for (const ref of o.metadata.ownerReferences ?? []) this.reconcileOwner(ref.kind, o.metadata.namespace, ref.name);
        return;
      case 'StatefulSet':
      case 'DaemonSet':
        return this.reconcileSet(o);
      case 'Pod':
        // Scheduler and kubelet in one step: bind to the node, then report Running.
        if (!dig(o, 'status', 'phase'))
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- needed: TypeScript spreads only object types (the rule misreads the spread as a receiver).
          this.api.store.put('/pods', { ...o, spec: { ...((o.spec as JsonObject | undefined) ?? {}), nodeName: String(dig(o, 'spec', 'nodeName') ?? NODE_NAME) }, status: this.runningStatus(o) });
        if (ev.type === 'ADDED') for (const ref of o.metadata.ownerReferences ?? []) this.reconcileOwner(ref.kind, o.metadata.namespace, ref.name);
        return;
    }
  }

  private reconcileOwner(kind: string, namespace: string | undefined, name: string): void {
    const rt = (this.rt as Record<string, ResourceType>)[kind];
    const owner = rt ? this.api.find(rt, namespace, name) : undefined;
    if (!owner) return;
    if (kind === 'Deployment') this.reconcileDeployment(owner);
    else if (kind === 'ReplicaSet') this.reconcileReplicaSet(owner);
    else this.reconcileSet(owner);
  }

  private runningStatus(pod: KubeObject): JsonObject {
    const now = this.api.clock.timestamp();
    const n = this.nextPodIp++;
    const ip = `10.244.${(n >> 8) & 255}.${n & 255}`;
    const containers = (dig(pod, 'spec', 'containers') as JsonObject[] | undefined) ?? [];
    return {
      phase: 'Running',
      conditions: [
        condition('Initialized', 'True', '', '', now),
        condition('Ready', 'True', '', '', now),
        condition('ContainersReady', 'True', '', '', now),
        condition('PodScheduled', 'True', '', '', now),
      ],
      hostIP: '172.18.0.2',
      hostIPs: [{ ip: '172.18.0.2' }],
      podIP: ip,
      podIPs: [{ ip }],
      startTime: now,
      qosClass: 'BestEffort',
      containerStatuses: containers.map((c) => ({
        name: String(c.name ?? ''),
        image: String(c.image ?? ''),
        imageID: '',
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: now } },
      })),
    };
  }

  private newPod(owner: KubeObject, ownerRt: ResourceType, name: string, extraLabels: Record<string, string> = {}): void {
    const tpl = (dig(owner, 'spec', 'template') ?? {}) as JsonObject;
    const meta = (isPlainObject(tpl.metadata) ? tpl.metadata : {}) as { labels?: Record<string, string>; annotations?: Record<string, string> };
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: owner.metadata.namespace,
        labels: { ...(meta.labels ?? {}), ...extraLabels },
        ...(meta.annotations ? { annotations: meta.annotations } : {}),
        ownerReferences: [ownerRef(ownerRt, owner)],
      },
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- needed: TypeScript spreads only object types (the rule misreads the spread as a receiver).
      spec: { ...((tpl.spec as JsonObject | undefined) ?? {}), nodeName: NODE_NAME },
    };
    pod.status = this.runningStatus(pod);
    this.api.create(this.rt.Pod, owner.metadata.namespace, pod, { fieldManager: 'kube-controller-manager', fieldValidation: 'Ignore' });
  }

  private ownedPods(owner: KubeObject): KubeObject[] {
    return this.api.store.list('/pods', owner.metadata.namespace).filter((p) => isOwnedBy(p, owner));
  }

  private reconcileDeployment(d: KubeObject): void {
    const tpl = dig(d, 'spec', 'template') as JsonObject | undefined;
    const hash = templateHash(tpl);
    const rsName = `${d.metadata.name}-${hash}`;
    const replicas = Number(dig(d, 'spec', 'replicas') ?? 1);
    const owned = this.api.store.list('apps/replicasets', d.metadata.namespace).filter((rs) => isOwnedBy(rs, d));
    for (const rs of owned)
      if (rs.metadata.name !== rsName && Number(dig(rs, 'spec', 'replicas')) !== 0)
        this.api.upsert(this.rt.ReplicaSet, { ...rs, spec: { ...(rs.spec as JsonObject), replicas: 0 } }, 'kube-controller-manager');
    const tplMeta = isPlainObject(tpl?.metadata) ? tpl.metadata : {};
    const tplLabels = (isPlainObject(tplMeta.labels) ? tplMeta.labels : {}) as Record<string, string>;
    const sel = (dig(d, 'spec', 'selector') ?? {}) as JsonObject;
    const matchLabels = (isPlainObject(sel.matchLabels) ? sel.matchLabels : {}) as Record<string, string>;
    const existing = owned.find((rs) => rs.metadata.name === rsName);
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: rsName,
        namespace: d.metadata.namespace,
        labels: { ...tplLabels, 'pod-template-hash': hash },
        annotations: { 'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/revision': '1' },
        ownerReferences: [ownerRef(this.rt.Deployment, d)],
      },
      spec: {
        replicas,
        selector: { ...sel, matchLabels: { ...matchLabels, 'pod-template-hash': hash } },
        template: { ...(tpl ?? {}), metadata: { ...tplMeta, labels: { ...tplLabels, 'pod-template-hash': hash } } },
      },
    };
    const cur = existing
      ? this.api.upsert(this.rt.ReplicaSet, { ...existing, metadata: { ...existing.metadata, ...rs.metadata }, spec: rs.spec }, 'kube-controller-manager')
      : this.api.create(this.rt.ReplicaSet, d.metadata.namespace, rs, { fieldManager: 'kube-controller-manager', fieldValidation: 'Ignore' }).object;
    const ready = Number(dig(cur, 'status', 'readyReplicas') ?? 0);
    const total = Number(dig(cur, 'status', 'replicas') ?? 0);
    const now = this.api.clock.timestamp();
    this.api.writeStatus(this.rt.Deployment, d, {
      observedGeneration: d.metadata.generation ?? 1,
      replicas: total,
      updatedReplicas: Number(dig(cur, 'status', 'replicas') ?? 0),
      readyReplicas: ready,
      availableReplicas: ready,
      ...(ready < replicas ? { unavailableReplicas: replicas - ready } : {}),
      conditions: [
        condition(
          'Available',
          ready >= replicas ? 'True' : 'False',
          ready >= replicas ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
          ready >= replicas ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
          String(dig(d, 'metadata', 'creationTimestamp') ?? now),
        ),
        condition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`, String(dig(d, 'metadata', 'creationTimestamp') ?? now)),
      ],
    });
  }

  private reconcileReplicaSet(rs: KubeObject): void {
    const want = Number(dig(rs, 'spec', 'replicas') ?? 1);
    const pods = this.ownedPods(rs);
    for (let i = pods.length; i < want; i++) this.newPod(rs, this.rt.ReplicaSet, `${rs.metadata.name}-${suffix()}`);
    for (const p of pods.slice(want)) this.api.delete(this.rt.Pod, p.metadata.namespace, p.metadata.name ?? '');
    const n = Math.min(pods.length, want) + Math.max(0, want - pods.length);
    this.api.writeStatus(this.rt.ReplicaSet, rs, { replicas: n, fullyLabeledReplicas: n, readyReplicas: n, availableReplicas: n, observedGeneration: rs.metadata.generation ?? 1 });
  }

  private reconcileSet(set: KubeObject): void {
    const isDs = set.kind === 'DaemonSet';
    const rt = isDs ? this.rt.DaemonSet : this.rt.StatefulSet;
    const want = isDs ? this.api.store.count('/nodes') : Number(dig(set, 'spec', 'replicas') ?? 1);
    const pods = this.ownedPods(set);
    const names = new Set(pods.map((p) => p.metadata.name));
    for (let i = 0; i < want; i++) {
      const name = isDs ? `${set.metadata.name}-${templateHash(`${set.metadata.uid}${i}`).slice(0, 5)}` : `${set.metadata.name}-${i}`;
      if (!names.has(name)) this.newPod(set, rt, name, isDs ? {} : { 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(i) });
    }
    if (!isDs) for (const p of pods) if (Number(p.metadata.name?.split('-').pop()) >= want) this.api.delete(this.rt.Pod, p.metadata.namespace, p.metadata.name ?? '');
    const status: JsonObject = isDs
      ? {
          desiredNumberScheduled: want,
          currentNumberScheduled: want,
          numberReady: want,
          numberAvailable: want,
          updatedNumberScheduled: want,
          numberMisscheduled: 0,
          observedGeneration: set.metadata.generation ?? 1,
        }
      : { replicas: want, readyReplicas: want, currentReplicas: want, updatedReplicas: want, availableReplicas: want, observedGeneration: set.metadata.generation ?? 1 };
    this.api.writeStatus(rt, set, status);
  }
}
