import type { ServerResponse } from 'node:http';
import { type MetricSpec, fleetMetricSpecs as specs } from '@portico/contracts';
import { type FleetMetrics, type Sql, readFleetMetrics } from '@portico/db/sql';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Logger } from './logger.js';

/**
 * The health port's `/metrics`, for the operator (docs/metrics.md): this process's own metrics
 * (CPU, memory, event loop, GC) and the installation's queues, sync lag and mail, read from the
 * database at scrape time. Labels are ids, states and queue names: no tenant's names.
 */
export function createWorkerMetrics(sql: Sql, logger: Logger, queues: readonly string[]) {
  const processRegistry = new Registry();
  collectDefaultMetrics({ register: processRegistry });
  return {
    async serve(res: ServerResponse): Promise<void> {
      try {
        const fleet = fleetRegistry(await readFleetMetrics(sql), Date.now() / 1000, queues);
        const text = await Registry.merge([processRegistry, fleet]).metrics();
        res.writeHead(200, { 'content-type': processRegistry.contentType }).end(text);
      } catch (err) {
        // A scrape must not take the health port down; Prometheus records the failed scrape.
        logger.warn({ err: (err as Error).message }, 'metrics scrape failed');
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics unavailable\n');
      }
    },
  };
}

/**
 * The fleet's counts as a fresh registry: series of clusters that went away do not linger. Every
 * queue this worker serves has its series, 0 when empty, so a dashboard shows 0 rather than no data.
 */
export function fleetRegistry(data: FleetMetrics, now: number, queues: readonly string[] = []): Registry {
  const registry = new Registry();
  const gauge = <L extends string>(spec: MetricSpec<L>) => new Gauge<L>({ name: spec.name, help: spec.help, labelNames: spec.labels, registers: [registry] });
  const lag = gauge(specs.clusterSyncLag);
  const status = gauge(specs.clusterReady);
  for (const c of data.clusters) {
    if (c.lastSyncedAt !== null) lag.set({ cluster_id: c.cluster }, Math.max(0, now - c.lastSyncedAt));
    status.set({ cluster_id: c.cluster, status: c.status }, 1);
  }
  const changes = gauge(specs.changeQueue);
  for (const c of data.changes) changes.set({ state: c.state }, c.count);
  const jobs = gauge(specs.jobQueue);
  for (const queue of queues) for (const state of ['queued', 'active']) jobs.set({ queue, state }, 0);
  for (const j of data.jobs) jobs.set({ queue: j.queue, state: j.state }, j.count);
  new Counter({ name: specs.mailSent.name, help: specs.mailSent.help, registers: [registry] }).inc(data.mail.sent);
  new Counter({ name: specs.mailFailed.name, help: specs.mailFailed.help, registers: [registry] }).inc(data.mail.failed);
  gauge(specs.mailPending).set(data.mail.pending);
  return registry;
}
