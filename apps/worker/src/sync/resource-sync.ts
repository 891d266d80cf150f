import { type KubeObjectKey, type KubeObjectRow, type SqlPool, type SyncScope, copyKubeObjects, deleteKubeObjects, listKubeObjectVersions, upsertKubeObjects } from '@portico/db/sql';
import { type KubeClient, KubeHttpError, type ResourceType, type WatchEvent, listPath, storableText, watchPath } from '@portico/kube';
import type { Logger } from '../logger.js';
import type { ObjectBudget } from './object-budget.js';
import type { Semaphore } from './semaphore.js';
import { type RawObject, convertObject } from './to-row.js';

const PAGE_SIZE = 500;
const MAX_BACKOFF_MS = 30_000;
const FLUSH_EVERY_MS = 20;
/** A list page that takes longer is abandoned and retried (a half-open connection would hang forever). */
const LIST_PAGE_TIMEOUT_MS = 60_000;
/** A watch with no event and no bookmark for this long is presumed dead (apiservers bookmark about once a minute). */
const WATCH_IDLE_TIMEOUT_MS = 180_000;
/**
 * Watch events waiting for Postgres, by count and by characters. When either is reached the
 * socket is not read until the batch is written: a flooding server is slowed by TCP, and the
 * worker's memory stays bounded (issue 8).
 */
const MAX_QUEUED_EVENTS = 2000;
const MAX_QUEUED_CHARS = 32 * 1024 * 1024;

interface ListPage {
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items?: RawObject[];
}

export interface ResourceSyncOptions {
  client: KubeClient;
  sql: SqlPool;
  /** Where rows go and the lease they are written under (see `LeaseFence`). */
  scope: SyncScope;
  resource: ResourceType;
  logger: Logger;
  /** Progress of the current (re)list: objects listed / total announced by the server. */
  onProgress(done: number, total: number): void;
  /** A complete list has been written (the copy matches the cluster as of that list). */
  onListed(): void;
  /** The cluster could not be reached or refused us. */
  onError(err: Error): void;
  /** Shared by the kinds of one cluster: how many may list at once. */
  listSlots: Semaphore;
  /** The cluster's object cap, shared by its kinds; over it the sync throws `ObjectCapExceeded`. */
  budget: ObjectBudget;
  /** Per object converted or removed: why it was altered or skipped (null: stored as it came, or gone). */
  onObjectWarning?(namespace: string, name: string, warning: string | null): void;
  /** A batch of watch events was written (objects changed or deleted). */
  onWritten?(): void;
}

/** Cleaned as rows are (see convertObject), so a hostile name with a NUL still matches its stored row. */
// eslint-disable-next-line @typescript-eslint/no-base-to-string -- metadata.namespace/name are strings or absent in Kubernetes JSON.
const keyOf = (namespace: unknown, name: unknown) => `${storableText(String(namespace ?? ''))}/${storableText(String(name ?? ''))}`;
/** What identifies one state of an object: a recreated object has a new uid, a changed one a new resourceVersion. */
const versionOf = (uid: string | undefined, resourceVersion: string | undefined) => `${uid ?? ''}@${resourceVersion ?? ''}`;

/**
 * Keeps one resource of one cluster copied into Postgres: a paged list, then a watch from the
 * list's resourceVersion (with bookmarks) applying events in small batches. A 410 Gone, a
 * dropped watch or an error leads to a fresh list, which is compared with what Postgres holds:
 * only new and changed objects are written, and rows the list no longer has are deleted
 * (objects deleted while we were away). Errors back off exponentially to 30 s.
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes
 */
export class ResourceSync {
  private stopped = false;
  private abort?: AbortController;
  private wake?: () => void;
  private queue: WatchEvent[] = [];
  private queuedChars = 0;
  private flushing: Promise<void> = Promise.resolve();
  private flushFailure?: Error;

  constructor(private readonly o: ResourceSyncOptions) {}

  async run(): Promise<void> {
    let backoff = 1000;
    let resourceVersion: string | undefined;
    while (!this.stopped) {
      try {
        resourceVersion ??= await this.relist();
        backoff = 1000;
        // A watch that ended or dropped resumes where it left off; only 410 Gone asks for a relist.
        resourceVersion = await this.watch(resourceVersion);
      } catch (err) {
        resourceVersion = undefined;
        if (this.stopped) break;
        this.o.onError(err as Error);
        this.o.logger.warn({ resource: this.o.resource.key, err: (err as Error).message, retryInMs: backoff }, 'sync interrupted');
        await this.sleep(backoff * (0.8 + Math.random() * 0.4));
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
  }

  private sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  /**
   * Lists the kind and writes it in full. Only a few kinds of a cluster list at once: on a big
   * cluster, 17 parallel lists compete for the same CPU and hold 17 pages in memory.
   */
  private async relist(): Promise<string> {
    const release = await this.o.listSlots.acquire();
    try {
      return await this.listAll();
    } finally {
      release();
    }
  }

  private async listAll(): Promise<string> {
    const { sql, scope, resource } = this.o;
    // What Postgres holds now; whatever the list does not see again was deleted in the cluster.
    const stored = new Map((await listKubeObjectVersions(sql, scope.clusterId, resource.key)).map((r) => [keyOf(r.namespace, r.name), versionOf(r.uid, r.resourceVersion)]));
    const write = stored.size === 0 ? (rows: KubeObjectRow[]) => this.bulkLoad(rows) : (rows: KubeObjectRow[]) => upsertKubeObjects(sql, scope, rows);
    const fetchPage = async (cont?: string) =>
      (await this.o.client.getJson(listPath(resource, { limit: PAGE_SIZE, continue: cont }), { kind: 'list', signal: AbortSignal.timeout(LIST_PAGE_TIMEOUT_MS) })).body as ListPage;
    let next: Promise<ListPage> | null = fetchPage();
    const storedCount = stored.size;
    let listed = 0;
    let done = 0;
    let resourceVersion = '';
    let writing: Promise<void> = Promise.resolve();
    while (next) {
      const page: ListPage = await next;
      if (this.stopped) return '';
      const cont = page.metadata?.continue || undefined;
      // Fetch the next page while this one is written: the transfer and the insert overlap.
      next = cont ? fetchPage(cont) : null;
      next?.catch(() => undefined);
      const items = Array.isArray(page.items) ? page.items : [];
      // Counted before anything of the page is written: over the cluster's cap, nothing more is.
      listed += items.length;
      this.o.budget.set(resource.key, Math.max(listed, storedCount));
      // Keyed: a page naming one object twice would make the upsert touch a row twice and fail.
      const changed = new Map<string, KubeObjectRow>();
      for (const item of items) {
        const key = keyOf(item?.metadata?.namespace, item?.metadata?.name);
        const known = stored.get(key);
        stored.delete(key);
        if (known !== versionOf(item?.metadata?.uid, item?.metadata?.resourceVersion)) this.convert(item, changed);
      }
      // One write in flight per list: Postgres stores page N while this converts page N+1.
      await writing;
      const remaining = page.metadata?.remainingItemCount ?? 0;
      writing = write([...changed.values()]).then(() => {
        done += items.length;
        this.o.onProgress(done, done + remaining);
      });
      writing.catch(() => undefined); // observed by the next await; never an unhandled rejection
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    }
    await writing;
    const gone = [...stored.keys()].map((key): KubeObjectKey => {
      const slash = key.indexOf('/');
      return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
    });
    await deleteKubeObjects(sql, scope, resource.key, gone);
    this.o.budget.set(resource.key, listed);
    for (const k of gone) this.o.onObjectWarning?.(k.namespace, k.name, null);
    this.o.onListed();
    return resourceVersion;
  }

  /** Nothing of the kind is stored yet (a first sync): COPY; should a row exist after all, the page is upserted. */
  private async bulkLoad(rows: KubeObjectRow[]): Promise<number> {
    try {
      return await copyKubeObjects(this.o.sql, this.o.scope, rows);
    } catch (err) {
      if ((err as { code?: string }).code !== '23505') throw err; // unique_violation
      return upsertKubeObjects(this.o.sql, this.o.scope, rows);
    }
  }

  /**
   * Watches from `resourceVersion` until the stream ends. Returns the version to resume from
   * (the last event's or bookmark's), or `undefined` when the server answered 410 Gone (or the
   * stream ended without a single event): the caller relists. Rejects when the cluster refused
   * or could not be reached, or a write to Postgres failed.
   */
  private async watch(resourceVersion: string): Promise<string | undefined> {
    if (this.stopped) return undefined;
    const abort = new AbortController();
    this.abort = abort;
    let lastActivity = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - lastActivity > WATCH_IDLE_TIMEOUT_MS) abort.abort();
    }, 10_000);
    let failure: Error | undefined;
    let gone = false;
    let resumeFrom: string | undefined;
    try {
      await this.o.client.watch(
        watchPath(this.o.resource, { resourceVersion, allowWatchBookmarks: true }),
        (event, size) => {
          lastActivity = Date.now();
          if (event.type === 'ERROR') {
            // 410 Gone: our resourceVersion is too old; relist without counting it as a failure.
            const status = event.object as { code?: number; reason?: string };
            if (status.code === 410) gone = true;
            else failure = new KubeHttpError(status.code ?? 0, status.reason, watchPath(this.o.resource));
            abort.abort();
            return;
          }
          resumeFrom = (event.object as RawObject | null)?.metadata?.resourceVersion ?? resumeFrom;
          if (event.type === 'BOOKMARK') return;
          try {
            if (event.type !== 'MODIFIED') this.o.budget.add(this.o.resource.key, event.type === 'ADDED' ? 1 : -1);
          } catch (err) {
            failure = err as Error; // over the cluster's object cap: nothing more is written
            abort.abort();
            return;
          }
          this.queue.push(event);
          this.queuedChars += size;
          if (this.queue.length >= MAX_QUEUED_EVENTS || this.queuedChars >= MAX_QUEUED_CHARS) return this.flush();
          if (this.queue.length === 1) setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
        },
        { signal: abort.signal },
      );
    } catch (err) {
      // Our own abort (410, watchdog, stop) is not a failure. A stream cut after it delivered
      // events (an idle connection closed by a proxy, a restarting apiserver) resumes; the next
      // watch finds out whether the cluster is really away. A stream refused mid-way (a line over
      // the cap or not JSON) is a failure even so: resuming at once would loop on a hostile server.
      if (!abort.signal.aborted && (!resumeFrom || err instanceof KubeHttpError)) failure ??= err as Error;
    } finally {
      clearInterval(watchdog);
    }
    await this.flush();
    const flushFailure = this.flushFailure;
    this.flushFailure = undefined;
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the watch or the flush threw, unchanged.
    if ((failure || flushFailure) && !this.stopped) throw failure ?? flushFailure;
    return gone ? undefined : resumeFrom;
  }

  /** Applies the queued watch events, one batch at a time: one upsert and one delete statement per batch. */
  private flush(): Promise<void> {
    this.flushing = this.flushing
      .then(() => this.applyQueued())
      .catch((err: Error) => {
        // Postgres refused the write (e.g. it restarted): end the watch; the relist after the
        // backoff rewrites everything, so nothing is lost.
        this.flushFailure = err;
        this.abort?.abort();
      });
    return this.flushing;
  }

  private async applyQueued(): Promise<void> {
    // Only the last event of each object matters; objects are independent of each other.
    const latest = new Map<string, WatchEvent>();
    this.queuedChars = 0;
    for (const event of this.queue.splice(0)) {
      const meta = (event.object as RawObject | null)?.metadata;
      latest.set(keyOf(meta?.namespace, meta?.name), event);
    }
    const upserts = new Map<string, KubeObjectRow>();
    const deletes: KubeObjectKey[] = [];
    for (const event of latest.values()) {
      const obj = event.object as RawObject;
      if (event.type === 'DELETED') deletes.push({ namespace: storableText(String(obj?.metadata?.namespace ?? '')), name: storableText(String(obj?.metadata?.name ?? '')) });
      else this.convert(obj, upserts);
    }
    await upsertKubeObjects(this.o.sql, this.o.scope, [...upserts.values()]);
    await deleteKubeObjects(this.o.sql, this.o.scope, this.o.resource.key, deletes);
    for (const k of deletes) this.o.onObjectWarning?.(k.namespace, k.name, null);
    if (upserts.size || deletes.length) this.o.onWritten?.();
  }

  /** Converts one object into `rows`; one that cannot be stored is skipped and reported, never failing its page. */
  private convert(obj: RawObject, rows: Map<string, KubeObjectRow>): void {
    const result = convertObject(this.o.resource, obj);
    if (result.row) rows.set(keyOf(result.row.namespace, result.row.name), result.row);
    this.o.onObjectWarning?.(result.namespace, result.name, result.warning);
  }
}
