/**
 * A tiny controller runtime: controllers see every store event and reconcile on the next tick,
 * like kube-controller-manager reacting to watch events (level-triggered, idempotent).
 */
import type { ObjectApi } from '../object-api.js';
import type { ResourceType } from '../resources.js';
import type { StoreEvent } from '../store.js';
import type { KubeObject, OwnerReference } from '../types.js';

export interface Controller {
  readonly name: string;
  /** Called (batched, on a later tick) for each event the store recorded. */
  onEvent(ev: StoreEvent): void;
  stop?(): void;
}

export class ControllerManager {
  private queue: StoreEvent[] = [];
  private scheduled = false;
  private unsubscribe: (() => void) | undefined;
  private idleWaiters: (() => void)[] = [];
  /** When false (bulk generators), events are not queued to controllers. */
  enabled = true;

  constructor(
    private readonly api: ObjectApi,
    private readonly controllers: Controller[],
    private readonly onError: (controller: string, err: unknown) => void,
  ) {}

  start(): void {
    this.unsubscribe = this.api.store.subscribe((ev) => {
      if (!this.enabled) return;
      this.queue.push(ev);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.drain());
      }
    });
  }

  stop(): void {
    this.unsubscribe?.();
    for (const c of this.controllers) c.stop?.();
  }

  busy(): boolean {
    return this.scheduled || this.queue.length > 0;
  }

  /** Resolves once the queue is empty (controllers settled). */
  idle(): Promise<void> {
    if (!this.scheduled && this.queue.length === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private drain(): void {
    // Events caused by reconciling are processed in the same drain loop, bounded.
    for (let rounds = 0; this.queue.length && rounds < 50; rounds++) {
      const batch = this.queue;
      this.queue = [];
      for (const ev of batch)
        for (const c of this.controllers) {
          try {
            c.onEvent(ev);
          } catch (e) {
            this.onError(c.name, e);
          }
        }
    }
    if (this.queue.length) {
      setImmediate(() => this.drain());
      return;
    }
    this.scheduled = false;
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const fn of w) fn();
  }
}

export function ownerRef(rt: ResourceType, owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: rt.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function isOwnedBy(o: KubeObject, owner: KubeObject): boolean {
  return !!o.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid);
}

export function condition(type: string, status: 'True' | 'False' | 'Unknown', reason: string, message: string, time: string, observedGeneration?: number) {
  return { type, status, reason, message, lastTransitionTime: time, ...(observedGeneration !== undefined ? { observedGeneration } : {}) };
}
