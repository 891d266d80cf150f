import { type Sql, type SyncScope, findCertificateSourceObjects, replaceTrackedCertificates } from '@portico/db/sql';
import { CERTIFICATE_SOURCE_RESOURCES, buildTrackedCertificates } from '@portico/kube';
import type { Logger } from '../logger.js';

/** At most one rebuild per cluster this often: a burst of watch events costs one rebuild. */
export const CERTIFICATE_REBUILD_INTERVAL_MS = 2000;

const SOURCES = new Set<string>(CERTIFICATE_SOURCE_RESOURCES);
/** Whether a change to this synced kind can change the cluster's tracked certificates. */
export const affectsCertificates = (resource: string) => SOURCES.has(resource);

/**
 * Keeps one cluster's "TrackedCertificate" rows in step with its synced objects (issue 11):
 * `schedule()` after a write to a certificate-related kind; the rebuild reads those kinds from
 * Postgres, builds the rows (packages/kube, pure) and replaces the cluster's rows under the
 * sync's lease. Debounced: the first change waits `intervalMs` for its burst to finish, and
 * rebuilds never overlap; a change during a rebuild schedules one more.
 */
export class CertificateRebuild {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly o: {
      sql: Sql;
      scope: SyncScope;
      logger: Logger;
      intervalMs?: number;
      /** After a rebuild that changed rows: e.g. enqueue the organization's alert evaluation. */
      onChanged?: (organizationId: string) => void;
    },
  ) {}

  schedule(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.running = this.rebuild().finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.schedule();
        }
      });
    }, this.o.intervalMs ?? CERTIFICATE_REBUILD_INTERVAL_MS);
  }

  private async rebuild(): Promise<void> {
    try {
      const objects = await findCertificateSourceObjects(this.o.sql, this.o.scope.clusterId, CERTIFICATE_SOURCE_RESOURCES);
      const { written, deleted } = await replaceTrackedCertificates(this.o.sql, this.o.scope, buildTrackedCertificates(objects));
      if (written + deleted > 0) {
        this.o.logger.debug({ clusterId: this.o.scope.clusterId, written, deleted }, 'tracked certificates rebuilt');
        this.o.onChanged?.(this.o.scope.organizationId);
      }
    } catch (err) {
      // Postgres away: the next sync change schedules another rebuild, which rereads everything.
      this.o.logger.warn({ clusterId: this.o.scope.clusterId, err: (err as Error).message }, 'tracked certificates rebuild failed');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
