import { type KubeConfig, Watch } from '@kubernetes/client-node';
import { type Db, type KubeObjectRow, deleteKubeObject, maxListGeneration, sweepKubeObjects, upsertKubeObjects } from '@portico/db';
import type { Logger } from '../logger.js';
import { KubeHttpError, type ResourceType, collectionPath, getJson, listPath, watchQuery } from '@portico/kube';
import type { Semaphore } from './semaphore.js';
import { type RawObject, toRow } from './to-row.js';

const PAGE_SIZE = 500;
const MAX_BACKOFF_MS = 30_000;
const FLUSH_EVERY_MS = 20;
/** A list page that takes longer is abandoned and retried (a half-open connection would hang forever). */
const LIST_PAGE_TIMEOUT_MS = 60_000;
/** A watch with no event and no bookmark for this long is presumed dead (apiservers bookmark about once a minute). */
const WATCH_IDLE_TIMEOUT_MS = 180_000;

interface ListPage {
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items?: RawObject[];
}

export interface ResourceSyncOptions {
  kc: KubeConfig;
  db: Db;
  scope: { organizationId: string; clusterId: string };
  resource: ResourceType;
  logger: Logger;
  /** Progress of the current (re)list: objects written / total announced by the server. */
  onProgress(done: number, total: number): void;
  /** A complete list has been written (the copy matches the cluster as of that list). */
  onListed(): void;
  /** The cluster could not be reached or refused us. */
  onError(err: Error): void;
  /** Shared by the kinds of one cluster: how many may list at once. */
  listSlots: Semaphore;
}

/**
 * Keeps one resource of one cluster copied into Postgres: a paged list written in bulk, then
 * a watch from the list's resourceVersion (with bookmarks) applying events in small batches.
 * A 410 Gone, a dropped watch or an error leads to a fresh list; the rows that list does not
 * see are swept (objects deleted while we were away). Errors back off exponentially to 30 s.
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes
 */
export class ResourceSync {
  private stopped = false;
  private abort?: AbortController;
  private wake?: () => void;
  private generation = 0;
  private queue: { type: string; obj: RawObject }[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private flushFailure?: Error;

  constructor(private readonly o: ResourceSyncOptions) {}

  async run(): Promise<void> {
    this.generation = await maxListGeneration(this.o.db, this.o.scope.clusterId, this.o.resource.key);
    let backoff = 1000;
    while (!this.stopped) {
      try {
        const resourceVersion = await this.relist();
        backoff = 1000;
        await this.watch(resourceVersion);
      } catch (err) {
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
    const generation = this.generation + 1;
    const fetchPage = async (cont?: string) =>
      (await getJson(this.o.kc, listPath(this.o.resource, { limit: PAGE_SIZE, continue: cont }), { signal: AbortSignal.timeout(LIST_PAGE_TIMEOUT_MS) })).body as ListPage;
    let next: Promise<ListPage> | null = fetchPage();
    let done = 0;
    let resourceVersion = '';
    while (next) {
      const page: ListPage = await next;
      if (this.stopped) return '';
      const cont = page.metadata?.continue || undefined;
      // Fetch the next page while this one is written: the transfer and the insert overlap.
      next = cont ? fetchPage(cont) : null;
      next?.catch(() => undefined);
      const items = page.items ?? [];
      await upsertKubeObjects(this.o.db, { ...this.o.scope, listGeneration: generation }, items.map((i) => toRow(this.o.resource, i)));
      done += items.length;
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
      this.o.onProgress(done, done + (page.metadata?.remainingItemCount ?? 0));
    }
    await sweepKubeObjects(this.o.db, this.o.scope.clusterId, this.o.resource.key, generation);
    this.generation = generation;
    this.o.onListed();
    return resourceVersion;
  }

  /** Resolves when the watch ends (server closed it, 410, dropped): the caller relists. */
  private async watch(resourceVersion: string): Promise<void> {
    if (this.stopped) return;
    let failure: Error | undefined;
    let lastActivity = Date.now();
    const watchdog = setInterval(() => {
      if (Date.now() - lastActivity > WATCH_IDLE_TIMEOUT_MS) this.abort?.abort();
    }, 10_000);
    const ended = new Promise<void>((resolve) => {
      new Watch(this.o.kc)
        .watch(
          collectionPath(this.o.resource),
          watchQuery(this.o.resource, { resourceVersion, allowWatchBookmarks: true }),
          (type, obj: RawObject & { code?: number; reason?: string }) => {
            lastActivity = Date.now();
            if (type === 'ERROR') {
              // 410 Gone: our resourceVersion is too old; relist without counting it as a failure.
              if (obj.code !== 410) failure = new KubeHttpError(obj.code ?? 0, obj.reason, collectionPath(this.o.resource));
              this.abort?.abort();
              return;
            }
            if (type === 'BOOKMARK') return;
            this.queue.push({ type, obj });
            if (this.queue.length === 1) setTimeout(() => this.flush(), FLUSH_EVERY_MS);
          },
          (err) => {
            if (err && !this.stopped && (err as Error).name !== 'AbortError') failure = err instanceof Error ? err : new Error(String(err));
            resolve();
          },
        )
        .then(
          (controller) => {
            this.abort = controller;
            if (this.stopped) controller.abort();
          },
          (err: Error) => {
            failure = err;
            resolve();
          },
        );
    });
    await ended;
    clearInterval(watchdog);
    await this.flush();
    const flushFailure = this.flushFailure;
    this.flushFailure = undefined;
    if ((failure || flushFailure) && !this.stopped) throw failure ?? flushFailure;
  }

  /** Applies queued watch events in order; consecutive upserts go to Postgres as one statement. */
  private flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.applyQueued()).catch((err: Error) => {
      // Postgres refused the write (e.g. it restarted): end the watch; the relist after the
      // backoff rewrites everything, so nothing is lost.
      this.flushFailure = err;
      this.abort?.abort();
    });
    return this.flushing;
  }

  private async applyQueued(): Promise<void> {
    {
      const events = this.queue.splice(0);
      let upserts: KubeObjectRow[] = [];
      const writeUpserts = async () => {
        if (!upserts.length) return;
        // Last event per object wins within a batch.
        const latest = new Map(upserts.map((r) => [`${r.namespace}/${r.name}`, r]));
        await upsertKubeObjects(this.o.db, { ...this.o.scope, listGeneration: this.generation }, [...latest.values()]);
        upserts = [];
      };
      for (const e of events) {
        const row = toRow(this.o.resource, e.obj);
        if (e.type === 'DELETED') {
          await writeUpserts();
          await deleteKubeObject(this.o.db, this.o.scope.clusterId, { resource: row.resource, namespace: row.namespace, name: row.name });
        } else {
          upserts.push(row);
        }
      }
      await writeUpserts();
    }
  }
}
