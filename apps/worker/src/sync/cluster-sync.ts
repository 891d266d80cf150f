import { type ClusterSyncState, type CredentialCipher, type SqlPool, type SyncableCluster, deleteKubeObjectsOfResource, openClusterCredentials, recordClusterSyncState } from '@portico/db/sql';
import type { Logger } from '../logger.js';
import { type ClusterConnection, KubeClient, type ResourceType, describeFailure as describeConnectionFailure, resourcesFor } from '@portico/kube';
import { computeFacts } from './facts.js';
import { ResourceSync } from './resource-sync.js';
import { Semaphore } from './semaphore.js';

const FACTS_EVERY_MS = 30_000;
/** Default for how often discovery is read again (CRDs such as Gateway API's come and go). */
const DISCOVERY_EVERY_MS = 60_000;
/** Kinds of one cluster that list at the same time. */
const CONCURRENT_LISTS = 4;
/**
 * Kinds that are usually the most numerous list first: an initial sync lasts as long as its
 * longest list, so that one must not wait for a free slot behind a dozen small ones.
 */
const LIST_FIRST = ['services', 'endpointslices', 'secrets', 'ingresses'];
const listOrder = (r: ResourceType) => (LIST_FIRST.includes(r.key) ? LIST_FIRST.indexOf(r.key) : LIST_FIRST.length);
/** The kinds a cluster serving these API groups has, big ones first. */
const kindsServed = (groups: Set<string>) =>
  resourcesFor({ hasGatewayApi: groups.has('gateway.networking.k8s.io'), hasCertManager: groups.has('cert-manager.io') }).sort((a, b) => listOrder(a) - listOrder(b));

/**
 * The cluster's status line after a failure, in plain words (never a credential): network and
 * TLS trouble is `unreachable`; an answer that refuses us (401, 403, 404…) is `error`.
 */
export function describeFailure(err: unknown, connection: ClusterConnection): { status: 'unreachable' | 'error'; reason: string } {
  const failure = describeConnectionFailure(err, connection);
  const status = ['unreachable', 'timeout', 'tls'].includes(failure.reason) ? 'unreachable' : 'error';
  return { status, reason: failure.message };
}

/**
 * Syncs one cluster: discovers which optional groups (Gateway API, cert-manager) it serves,
 * runs a ResourceSync per kind, and keeps the cluster's status, progress and facts current.
 */
export class ClusterSync {
  /** Per synced kind: its ResourceSync and the promise of its run loop. */
  private readonly syncs = new Map<string, { sync: ResourceSync; done: Promise<void> }>();
  private readonly listSlots = new Semaphore(CONCURRENT_LISTS);
  /** Per kind: progress of its list, whether it ever completed one, and whether it is healthy now. */
  private readonly progress: Record<string, { done: number; total: number; listed: boolean; healthy: boolean }> = {};
  private factsTimer?: NodeJS.Timeout;
  private discoveryTimer?: NodeJS.Timeout;
  private statusWrite: Promise<unknown> = Promise.resolve();
  private client!: KubeClient;
  private connection!: ClusterConnection;
  private failing = false;
  private version: { gitVersion?: string } = {};

  constructor(
    readonly cluster: SyncableCluster,
    private readonly deps: { sql: SqlPool; cipher: CredentialCipher; logger: Logger; discoveryIntervalMs?: number },
  ) {}

  /** Fingerprint of what the sync depends on: a change (rotated credentials, new server) restarts it. */
  static configKey(c: SyncableCluster): string {
    return `${c.server}|${c.insecureSkipTlsVerify}|${c.credentialsKeyId}|${c.credentials}`;
  }

  async start(): Promise<void> {
    const secret = openClusterCredentials(this.deps.cipher, this.cluster);
    this.connection = { server: this.cluster.server, insecureSkipTlsVerify: this.cluster.insecureSkipTlsVerify, ...secret };
    this.client = new KubeClient(this.connection);
    void this.discoverAndRun();
  }

  private async discoverAndRun(): Promise<void> {
    let groups: string[] | null = null;
    let backoff = 1000;
    while (!this.stopped && groups === null) {
      try {
        this.version = (await this.client.getJson('/version', { signal: AbortSignal.timeout(15_000) })).body as { gitVersion?: string };
        const apis = (await this.client.getJson('/apis', { signal: AbortSignal.timeout(15_000) })).body as { groups?: { name: string }[] };
        groups = (apis.groups ?? []).map((g) => g.name);
      } catch (err) {
        this.reportError(err as Error);
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
    if (this.stopped || !groups) return;
    this.served = new Set(groups);
    const resources = kindsServed(this.served);
    for (const r of resources) this.progress[r.key] = { done: 0, total: 0, listed: false, healthy: true };
    this.write({ status: 'syncing', statusReason: null, syncProgress: this.progressJson() });
    for (const resource of resources) this.runResource(resource);
    this.factsTimer = setInterval(() => void this.refreshFacts(), FACTS_EVERY_MS);
    this.discoveryTimer = setInterval(() => void this.rediscover(), this.deps.discoveryIntervalMs ?? DISCOVERY_EVERY_MS);
  }

  /**
   * Reads discovery again: kinds whose CRDs were installed since start syncing, kinds whose
   * CRDs were removed stop and their rows go (the cluster no longer has such objects). A failed
   * read changes nothing; the watches report an unreachable cluster on their own.
   */
  private async rediscover(): Promise<void> {
    let served: Set<string>;
    try {
      const apis = (await this.client.getJson('/apis', { signal: AbortSignal.timeout(15_000) })).body as { groups?: { name: string }[] };
      served = new Set((apis.groups ?? []).map((g) => g.name));
    } catch {
      return;
    }
    if (this.stopped) return;
    const wanted = kindsServed(served);
    const added = wanted.filter((r) => !this.syncs.has(r.key));
    const removed = [...this.syncs.keys()].filter((key) => !wanted.some((r) => r.key === key));
    if (!added.length && !removed.length) return;
    this.served = served;
    this.deps.logger.info({ clusterId: this.cluster.id, added: added.map((r) => r.key), removed }, 'cluster kinds changed');
    for (const resource of added) {
      this.progress[resource.key] = { done: 0, total: 0, listed: false, healthy: true };
      this.runResource(resource);
    }
    for (const key of removed) {
      const entry = this.syncs.get(key)!;
      this.syncs.delete(key);
      delete this.progress[key];
      entry.sync.stop();
      await entry.done; // no write of the kind may land after its rows are deleted
      await deleteKubeObjectsOfResource(this.deps.sql, this.cluster.id, key).catch((err: Error) =>
        this.deps.logger.warn({ clusterId: this.cluster.id, resource: key, err: err.message }, 'could not delete the rows of a removed kind'),
      );
    }
    this.onHealthy();
  }

  private stopped = false;
  private served = new Set<string>();

  private runResource(resource: ResourceType): void {
    const sync = new ResourceSync({
      client: this.client,
      sql: this.deps.sql,
      scope: { organizationId: this.cluster.organizationId, clusterId: this.cluster.id },
      resource,
      listSlots: this.listSlots,
      logger: this.deps.logger.child({ clusterId: this.cluster.id }),
      onProgress: (done, total) => {
        const p = this.progress[resource.key]!;
        p.done = done;
        p.total = Math.max(total, done);
      },
      onListed: () => {
        const p = this.progress[resource.key]!;
        p.listed = true;
        p.healthy = true;
        this.onHealthy();
      },
      onError: (err) => {
        this.progress[resource.key]!.healthy = false;
        this.reportError(err);
      },
    });
    this.syncs.set(resource.key, { sync, done: sync.run() });
  }

  private progressJson() {
    return Object.fromEntries(Object.entries(this.progress).map(([k, v]) => [k, { done: v.done, total: v.total }]));
  }

  /** Ready once every kind has completed a list and none is failing (a kind whose watch survived an outage stays healthy). */
  private onHealthy(): void {
    const allListed = Object.values(this.progress).every((p) => p.listed && p.healthy);
    if (!allListed) {
      this.write({ syncProgress: this.progressJson() });
      return;
    }
    this.failing = false;
    this.write({ status: 'ready', statusReason: null, lastSyncedAt: new Date(), syncProgress: this.progressJson() });
    void this.refreshFacts();
  }

  private reportError(err: Error): void {
    if (this.stopped) return;
    const { status, reason } = describeFailure(err, this.connection);
    if (this.failing) return;
    this.failing = true;
    this.deps.logger.warn({ clusterId: this.cluster.id, status, reason }, 'cluster sync failing');
    this.write({ status, statusReason: reason });
  }

  private async refreshFacts(): Promise<void> {
    try {
      const facts = await computeFacts(this.deps.sql, this.cluster.id, { gitVersion: this.version.gitVersion, groups: this.served });
      // While every watch is healthy the copy is current: say so, so "synced … ago" stays true.
      const healthy = Object.values(this.progress).every((p) => p.listed && p.healthy);
      this.write(healthy ? { facts, lastSyncedAt: new Date() } : { facts });
    } catch (err) {
      this.deps.logger.warn({ clusterId: this.cluster.id, err: (err as Error).message }, 'facts refresh failed');
    }
  }

  /** Status writes are serialised so a late write never overwrites a newer state. */
  private write(data: ClusterSyncState): void {
    this.statusWrite = this.statusWrite
      .then(() => recordClusterSyncState(this.deps.sql, this.cluster.id, data))
      .catch((err: Error) => this.deps.logger.warn({ clusterId: this.cluster.id, err: err.message }, 'status write failed'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.factsTimer);
    clearInterval(this.discoveryTimer);
    for (const { sync } of this.syncs.values()) sync.stop();
    await this.statusWrite;
    await this.client?.close().catch(() => undefined);
  }
}
