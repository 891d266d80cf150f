/** The per-cluster object cap was reached: the cluster's sync stops writing and says why. */
export class ObjectCapExceeded extends Error {
  override readonly name = 'ObjectCapExceeded';
  constructor(readonly cap: number) {
    super(`this cluster has more than ${cap} networking objects; Portico's limit is ${cap} (SYNC_MAX_OBJECTS_PER_CLUSTER)`);
  }
}

/**
 * How many objects of each kind one cluster has in the copy, against a cap for the whole
 * cluster (issue 8): a registered "cluster" that announces millions of objects, or floods a
 * watch with new ones, must not fill the shared Postgres. Lists set a kind's count as pages
 * arrive; watches add ADDED and remove DELETED events. A change that would pass the cap throws
 * `ObjectCapExceeded` before anything is written.
 */
export class ObjectBudget {
  private readonly counts = new Map<string, number>();
  private total = 0;

  constructor(readonly cap: number) {}

  /** Sets the count of `kind` (a list's running or final count). */
  set(kind: string, count: number): void {
    const next = this.total - (this.counts.get(kind) ?? 0) + count;
    if (next > this.cap) throw new ObjectCapExceeded(this.cap);
    this.counts.set(kind, count);
    this.total = next;
  }

  /** Adds `delta` objects of `kind` (a watch's ADDED: +1, DELETED: -1). */
  add(kind: string, delta: number): void {
    this.set(kind, Math.max(0, (this.counts.get(kind) ?? 0) + delta));
  }

  /** A kind that is no longer synced (its CRD was removed). */
  forget(kind: string): void {
    this.total -= this.counts.get(kind) ?? 0;
    this.counts.delete(kind);
  }
}
