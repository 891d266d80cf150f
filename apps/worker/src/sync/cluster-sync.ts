import {
  type ClusterSyncState,
  type CredentialCipher,
  type LeaseFence,
  type SqlPool,
  type SyncWarning,
  type SyncableCluster,
  deleteKubeObjectsOfResource,
  describeCredentialsFailure,
  openClusterCredentials,
  recordClusterSyncState,
} from '@portico/db/sql';
import { MAX_SYNC_WARNINGS } from '@portico/contracts';
import type { Logger } from '../logger.js';
import {
  type AddressPolicy,
  type ClusterConnection,
  KubeClient,
  type KubeClientLimits,
  type ResourceType,
  describeFailure as describeConnectionFailure,
  readApiGroupList,
  readServerVersion,
  resourcesServed,
} from '@portico/kube';
import { CertificateRebuild, affectsCertificates } from './certificate-rebuild.js';
import { computeFacts } from './facts.js';
import { ObjectBudget, ObjectCapExceeded } from './object-budget.js';
import { ResourceSync } from './resource-sync.js';
import { Semaphore } from './semaphore.js';

const FACTS_EVERY_MS = 30_000;
/** Default for how often discovery is read again (CRDs such as Gateway API's come and go). */
const DISCOVERY_EVERY_MS = 60_000;
/** Default cap on a cluster's objects (all synced kinds together); `SYNC_MAX_OBJECTS_PER_CLUSTER`. */
export const DEFAULT_MAX_OBJECTS_PER_CLUSTER = 200_000;
/** A cluster over its object cap is tried again this long after (it may have been cleaned up). */
const CAP_RETRY_MS = 10 * 60_000;
/** Kinds of one cluster that list at the same time. */
const CONCURRENT_LISTS = 4;
/**
 * Kinds that are usually the most numerous list first: an initial sync lasts as long as its
 * longest list, so that one must not wait for a free slot behind a dozen small ones.
 */
const LIST_FIRST = ['services', 'endpointslices', 'secrets', 'ingresses'];
/** Warnings tracked in memory; the first MAX_SYNC_WARNINGS are written to the cluster row (the page shows them). */
const MAX_TRACKED_WARNINGS = 1000;
const warningKey = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`;
const listOrder = (r: ResourceType) => (LIST_FIRST.includes(r.key) ? LIST_FIRST.indexOf(r.key) : LIST_FIRST.length);
/** The kinds a cluster serving these API groups has, big ones first. */
const kindsServed = (groups: Set<string>) => resourcesServed(groups).sort((a, b) => listOrder(a) - listOrder(b));

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
  private readonly syncs = new Map<string, { sync: ResourceSync; done: Promise<void>; resource: ResourceType }>();
  private budget: ObjectBudget;
  /** Set while the sync is paused because the cluster is over its object cap. */
  private capTimer?: NodeJS.Timeout;
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
    private readonly deps: {
      sql: SqlPool;
      cipher: CredentialCipher;
      logger: Logger;
      discoveryIntervalMs?: number;
      /** Cap on the cluster's objects, all synced kinds together (default 200 000). */
      maxObjects?: number;
      /** Size caps on the API server's answers (`KUBE_MAX_*_MB`). */
      kubeLimits?: Partial<KubeClientLimits>;
      /** Where API servers may be (default: public addresses only). */
      addressPolicy?: AddressPolicy;
      /** The lease generation this sync runs under: every write carries it and is void once another worker took over. */
      leaseGeneration: number;
      /** After the cluster's tracked certificates changed (see CertificateRebuild). */
      onCertificatesChanged?: (organizationId: string) => void;
      /** Debounce of the tracked-certificate rebuild (default 2 s). */
      certificateRebuildMs?: number;
    },
  ) {
    this.budget = new ObjectBudget(deps.maxObjects ?? DEFAULT_MAX_OBJECTS_PER_CLUSTER);
    this.certificates = new CertificateRebuild({
      sql: deps.sql,
      scope: { organizationId: cluster.organizationId, ...this.fence },
      logger: deps.logger,
      intervalMs: deps.certificateRebuildMs,
      onChanged: deps.onCertificatesChanged,
    });
  }

  /** Rebuilds the cluster's tracked certificates (debounced) after a write to a kind they are built from. */
  private readonly certificates: CertificateRebuild;
  private certificateSourceChanged(resource: string): void {
    if (affectsCertificates(resource)) this.certificates.schedule();
  }

  /** The fencing token of every write this sync makes. */
  private get fence(): LeaseFence {
    return { clusterId: this.cluster.id, leaseGeneration: this.deps.leaseGeneration };
  }

  /** Fingerprint of what the sync depends on: a change (rotated credentials, new server) restarts it. */
  static configKey(c: SyncableCluster): string {
    return `${c.server}|${c.insecureSkipTlsVerify}|${c.credentialsKeyId}|${c.credentials}`;
  }

  async start(): Promise<void> {
    for (const w of this.cluster.syncWarnings ?? []) this.warnings.set(warningKey(w.kind, w.namespace, w.name), w);
    let secret: ReturnType<typeof openClusterCredentials>;
    try {
      secret = openClusterCredentials(this.deps.cipher, this.cluster);
    } catch (err) {
      // A missing previous key or an altered row: say so on the cluster, not only in a log.
      this.write({ status: 'error', statusReason: describeCredentialsFailure(err) });
      await this.statusWrite;
      throw err;
    }
    this.connection = { server: this.cluster.server, insecureSkipTlsVerify: this.cluster.insecureSkipTlsVerify, ...secret };
    this.client = new KubeClient(this.connection, { limits: this.deps.kubeLimits, addressPolicy: this.deps.addressPolicy });
    void this.discoverAndRun();
  }

  private async discoverAndRun(): Promise<void> {
    let groups: string[] | null = null;
    let backoff = 1000;
    while (!this.stopped && groups === null) {
      try {
        this.version = readServerVersion((await this.client.getJson('/version', { signal: AbortSignal.timeout(15_000) })).body) ?? {};
        const served = readApiGroupList((await this.client.getJson('/apis', { signal: AbortSignal.timeout(15_000) })).body);
        // Not an APIGroupList: retried like an unreachable server (the connection check refuses it too).
        if (!served) throw new Error('/apis did not answer an APIGroupList');
        groups = [...served.keys()];
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
      const groups = readApiGroupList((await this.client.getJson('/apis', { signal: AbortSignal.timeout(15_000) })).body);
      if (!groups) return;
      served = new Set(groups.keys());
    } catch {
      return;
    }
    if (this.stopped || this.capTimer) return;
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
      this.budget.forget(key);
      this.forgetWarnings(entry.resource.kind); // the kind is gone from the cluster, its objects with it
      await deleteKubeObjectsOfResource(this.deps.sql, this.fence, key).catch((err: Error) =>
        this.deps.logger.warn({ clusterId: this.cluster.id, resource: key, err: err.message }, 'could not delete the rows of a removed kind'),
      );
      this.certificateSourceChanged(key);
    }
    this.onHealthy();
  }

  private stopped = false;
  private served = new Set<string>();

  private runResource(resource: ResourceType): void {
    const sync = new ResourceSync({
      client: this.client,
      sql: this.deps.sql,
      scope: { organizationId: this.cluster.organizationId, ...this.fence },
      resource,
      listSlots: this.listSlots,
      budget: this.budget,
      logger: this.deps.logger.child({ clusterId: this.cluster.id }),
      onProgress: (done, total) => {
        const p = this.progress[resource.key];
        p.done = done;
        p.total = Math.max(total, done);
      },
      onListed: () => {
        const p = this.progress[resource.key];
        p.listed = true;
        p.healthy = true;
        this.onHealthy();
        this.certificateSourceChanged(resource.key);
      },
      onWritten: () => this.certificateSourceChanged(resource.key),
      onError: (err) => {
        this.progress[resource.key].healthy = false;
        if (err instanceof ObjectCapExceeded) this.pauseOverCap(err);
        else this.reportError(err);
      },
      onObjectWarning: (namespace, name, message) => this.noteWarning(resource.kind, namespace, name, message),
    });
    this.syncs.set(resource.key, { sync, done: sync.run(), resource });
  }

  /**
   * Over the object cap: every kind stops (what was written stays), the status says why, and
   * the whole sync is tried again later. Other clusters are not touched.
   */
  private pauseOverCap(err: ObjectCapExceeded): void {
    if (this.stopped || this.capTimer) return;
    this.capTimer = setTimeout(() => void this.resumeAfterCap(), CAP_RETRY_MS);
    this.failing = true;
    this.deps.logger.warn({ clusterId: this.cluster.id, cap: err.cap }, 'cluster over the object cap: sync paused');
    this.write({ status: 'error', statusReason: err.message });
    for (const { sync } of this.syncs.values()) sync.stop();
  }

  private async resumeAfterCap(): Promise<void> {
    const entries = [...this.syncs.values()];
    await Promise.all(entries.map((e) => e.done));
    if (this.stopped) return;
    this.capTimer = undefined;
    this.failing = false;
    this.budget = new ObjectBudget(this.budget.cap);
    for (const { resource } of entries) {
      this.progress[resource.key] = { done: 0, total: 0, listed: false, healthy: true };
      this.runResource(resource);
    }
  }

  /** Objects stored altered or skipped, by kind/namespace/name; written to the cluster row shortly after a change. */
  private readonly warnings = new Map<string, SyncWarning>();
  private warningsTimer?: NodeJS.Timeout;

  private noteWarning(kind: string, namespace: string, name: string, message: string | null): void {
    const key = warningKey(kind, namespace, name);
    if (message === null) {
      if (!this.warnings.delete(key)) return;
    } else {
      if (this.warnings.get(key)?.message === message) return;
      if (!this.warnings.has(key) && this.warnings.size >= MAX_TRACKED_WARNINGS) return;
      this.warnings.set(key, { kind, namespace, name, message });
    }
    this.warningsTimer ??= setTimeout(() => {
      this.warningsTimer = undefined;
      this.write({ syncWarnings: [...this.warnings.values()].slice(0, MAX_SYNC_WARNINGS) });
    }, 250);
  }

  private forgetWarnings(kind: string): void {
    for (const w of [...this.warnings.values()]) if (w.kind === kind) this.noteWarning(kind, w.namespace, w.name, null);
  }

  private progressJson() {
    return Object.fromEntries(Object.entries(this.progress).map(([k, v]) => [k, { done: v.done, total: v.total }]));
  }

  /** Ready once every kind has completed a list and none is failing (a kind whose watch survived an outage stays healthy). */
  private onHealthy(): void {
    if (this.capTimer) return; // paused over the cap: the status says so until the retry
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
    if (this.stopped || this.capTimer) return;
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
      .then(() => recordClusterSyncState(this.deps.sql, this.fence, data))
      .catch((err: Error) => this.deps.logger.warn({ clusterId: this.cluster.id, err: err.message }, 'status write failed'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.capTimer);
    clearInterval(this.factsTimer);
    clearInterval(this.discoveryTimer);
    clearTimeout(this.warningsTimer);
    for (const { sync } of this.syncs.values()) sync.stop();
    await this.certificates.stop();
    await this.statusWrite;
    await this.client?.close().catch(() => undefined);
  }
}
