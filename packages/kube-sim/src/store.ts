/**
 * In-memory object store with one global resourceVersion counter, like etcd's revision, and a
 * bounded history of events so watches can resume from a resourceVersion — or get 410 Gone
 * when it was compacted away.
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-versions
 */
import type { KubeObject } from './types.js';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: EventType;
  /** Resource key, e.g. `/services` or `apps/deployments`. */
  resource: string;
  rv: number;
  object: KubeObject;
  /** The object before a MODIFIED event (lets filtered watches turn it into ADDED/DELETED). */
  previous?: KubeObject;
}

const serialized = new WeakMap<KubeObject, string>();

/**
 * JSON of a stored object, computed once: stored objects never change, and lists and watch
 * streams send the same objects over and over (the apiserver's watch cache does the same).
 */
export function toJson(obj: KubeObject): string {
  let s = serialized.get(obj);
  if (s === undefined) {
    s = JSON.stringify(obj);
    serialized.set(obj, s);
  }
  return s;
}

export function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

export class Store {
  private revision: number;
  private readonly tables = new Map<string, Map<string, KubeObject>>();
  /** Per resource: objects sorted by key, and each key's position (so updates are O(1)). */
  private readonly sorted = new Map<string, { items: KubeObject[]; index: Map<string, number> }>();
  private history: StoreEvent[] = [];
  /** Oldest resourceVersion a watch may resume from; anything older is 410 Gone. */
  private compactedRv: number;
  private readonly subscribers = new Set<(ev: StoreEvent) => void>();

  constructor(
    private readonly historySize = 10_000,
    startRevision = 1000,
  ) {
    this.revision = startRevision;
    this.compactedRv = startRevision;
  }

  get resourceVersion(): number {
    return this.revision;
  }

  /** The oldest resourceVersion a watch can still start from. */
  get oldestWatchableRv(): number {
    return this.compactedRv;
  }

  private table(resource: string): Map<string, KubeObject> {
    let t = this.tables.get(resource);
    if (!t) this.tables.set(resource, (t = new Map()));
    return t;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.tables.get(resource)?.get(objectKey(namespace, name));
  }

  /** Objects sorted by namespace then name (the order etcd keys give the real apiserver). */
  list(resource: string, namespace?: string): KubeObject[] {
    let cache = this.sorted.get(resource);
    if (!cache) {
      const t = this.tables.get(resource);
      const entries = t ? [...t.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) : [];
      cache = { items: entries.map((e) => e[1]), index: new Map(entries.map((e, i) => [e[0], i])) };
      this.sorted.set(resource, cache);
    }
    return namespace === undefined ? cache.items : cache.items.filter((o) => o.metadata.namespace === namespace);
  }

  count(resource: string): number {
    return this.tables.get(resource)?.size ?? 0;
  }

  /** Stores `obj` (already built by the caller) under a fresh resourceVersion and emits the event. */
  put(resource: string, obj: KubeObject): KubeObject {
    const t = this.table(resource);
    const key = objectKey(obj.metadata.namespace, obj.metadata.name ?? '');
    const previous = t.get(key);
    const type: EventType = previous ? 'MODIFIED' : 'ADDED';
    const rv = ++this.revision;
    const stored: KubeObject = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } };
    t.set(key, stored);
    const cache = this.sorted.get(resource);
    if (cache) {
      const i = type === 'MODIFIED' ? cache.index.get(key) : undefined;
      if (i !== undefined) cache.items[i] = stored;
      else this.sorted.delete(resource);
    }
    this.record({ type, resource, rv, object: stored, previous });
    return stored;
  }

  remove(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const t = this.tables.get(resource);
    const key = objectKey(namespace, name);
    const old = t?.get(key);
    if (!t || !old) return undefined;
    t.delete(key);
    this.sorted.delete(resource);
    const rv = ++this.revision;
    const gone: KubeObject = { ...old, metadata: { ...old.metadata, resourceVersion: String(rv) } };
    this.record({ type: 'DELETED', resource, rv, object: gone });
    return gone;
  }

  private record(ev: StoreEvent): void {
    this.history.push(ev);
    if (this.history.length > this.historySize * 2) {
      const drop = this.history.length - this.historySize;
      this.compactedRv = this.history[drop - 1].rv;
      this.history = this.history.slice(drop);
    }
    for (const s of this.subscribers) s(ev);
  }

  /** Forgets all history: every watch from an older resourceVersion now gets 410. */
  compact(): void {
    this.history = [];
    this.compactedRv = this.revision;
  }

  /** Events after `rv` for one resource, or `undefined` when `rv` is older than the history. */
  eventsSince(rv: number, resource: string): StoreEvent[] | undefined {
    if (rv < this.compactedRv) return undefined;
    const out: StoreEvent[] = [];
    // Binary search for the first event after rv.
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.history[mid].rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.history.length; i++) if (this.history[i].resource === resource) out.push(this.history[i]);
    return out;
  }

  subscribe(fn: (ev: StoreEvent) => void): () => void {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }
}
