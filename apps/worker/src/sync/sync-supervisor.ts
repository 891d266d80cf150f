import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type CredentialCipher, type SqlPool, acquireClusterLease, findClusterForSync, listSyncableClusterIds, releaseClusterLease } from '@portico/db/sql';
import type { AddressPolicy, KubeClientLimits } from '@portico/kube';
import type { Logger } from '../logger.js';
import { ClusterSync } from './cluster-sync.js';

export interface SupervisorOptions {
  sql: SqlPool;
  cipher: CredentialCipher;
  logger: Logger;
  /** Lease lifetime; another worker takes a cluster over at most this long after we die. */
  leaseTtlMs?: number;
  /** How often we look for clusters and renew our leases. */
  scanIntervalMs?: number;
  /** How often each cluster's discovery is read again (default 60 s). */
  discoveryIntervalMs?: number;
  /** Cap on one cluster's objects (`SYNC_MAX_OBJECTS_PER_CLUSTER`, default 200 000). */
  maxObjectsPerCluster?: number;
  /** Size caps on the API servers' answers (`KUBE_MAX_*_MB`). */
  kubeLimits?: Partial<KubeClientLimits>;
  /** Where API servers may be (default: public addresses only). */
  addressPolicy?: AddressPolicy;
  /** After a cluster's tracked certificates changed (e.g. enqueue the organization's alert evaluation). */
  onCertificatesChanged?: (organizationId: string) => void;
}

/**
 * Decides which clusters this worker syncs. Every scan it renews the leases it holds, takes
 * free or expired ones, stops clusters that were disabled, deleted, or whose lease it lost,
 * and restarts a cluster whose server or credentials changed.
 */
export class SyncSupervisor {
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly running = new Map<string, { sync: ClusterSync; configKey: string; leaseGeneration: number }>();
  private timer?: NodeJS.Timeout;
  private scanning: Promise<void> = Promise.resolve();
  private readonly leaseTtlMs: number;
  private readonly scanIntervalMs: number;
  private scans = 0;

  constructor(private readonly o: SupervisorOptions) {
    this.leaseTtlMs = o.leaseTtlMs ?? 20_000;
    this.scanIntervalMs = o.scanIntervalMs ?? 5_000;
  }

  start(): void {
    this.scanning = this.scan();
    this.timer = setInterval(() => {
      this.scanning = this.scanning.then(() => this.scan());
    }, this.scanIntervalMs);
  }

  clusterIds(): string[] {
    return [...this.running.keys()];
  }

  /** Scans finished so far: lets a caller wait for "this worker has looked N times" instead of a fixed time. */
  scansCompleted(): number {
    return this.scans;
  }

  private async scan(): Promise<void> {
    try {
      const wanted = new Set(await listSyncableClusterIds(this.o.sql));
      for (const id of this.running.keys()) if (!wanted.has(id)) await this.stopCluster(id, false);
      for (const id of wanted) {
        const leaseGeneration = await acquireClusterLease(this.o.sql, id, this.holder, this.leaseTtlMs);
        if (leaseGeneration === undefined) {
          if (this.running.has(id)) await this.stopCluster(id, false); // lost it to another worker
          continue;
        }
        const cluster = await findClusterForSync(this.o.sql, id);
        if (!cluster) continue;
        const current = this.running.get(id);
        const configKey = ClusterSync.configKey(cluster);
        // A new generation means someone else held the lease in between: the running sync's writes
        // are fenced off (they would change nothing), so it restarts under the new one.
        if (current && current.configKey === configKey && current.leaseGeneration === leaseGeneration) continue;
        if (current) await this.stopCluster(id, false);
        const sync = new ClusterSync(cluster, {
          sql: this.o.sql,
          cipher: this.o.cipher,
          logger: this.o.logger,
          discoveryIntervalMs: this.o.discoveryIntervalMs,
          maxObjects: this.o.maxObjectsPerCluster,
          kubeLimits: this.o.kubeLimits,
          addressPolicy: this.o.addressPolicy,
          leaseGeneration,
          onCertificatesChanged: this.o.onCertificatesChanged,
        });
        this.running.set(id, { sync, configKey, leaseGeneration });
        this.o.logger.info({ clusterId: id, holder: this.holder }, 'syncing cluster');
        await sync.start().catch((err: Error) => this.o.logger.error({ clusterId: id, err: err.message }, 'cannot start cluster sync'));
      }
    } catch (err) {
      // Postgres away: keep running syncs going (their own retries handle it); rescan next tick.
      this.o.logger.warn({ err: (err as Error).message }, 'cluster scan failed');
    } finally {
      this.scans++;
    }
  }

  private async stopCluster(id: string, release: boolean): Promise<void> {
    const entry = this.running.get(id);
    this.running.delete(id);
    await entry?.sync.stop();
    if (release) await releaseClusterLease(this.o.sql, id, this.holder).catch(() => undefined);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.scanning;
    for (const id of [...this.running.keys()]) await this.stopCluster(id, true);
  }
}
