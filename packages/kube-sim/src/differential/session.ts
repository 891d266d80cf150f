/**
 * One differential session: a simulator and a real control plane side by side, and the cases
 * run against both in batches (one namespace per batch, so names never clash across batches).
 */
import { startControlPlane } from '../../../control-plane/index.js';
import { startSimulator } from '../simulator.js';
import { sampleCases, type Kind } from './arbitraries.js';
import { BackendClient } from './client.js';
import { Differential, type Difference } from './runner.js';

export interface SessionReport {
  cases: number;
  ops: number;
  differences: Difference[];
  messageDifferences: number;
  aborted: Difference[];
  ms: number;
}

export interface SessionOptions {
  seed: number;
  cases: number;
  batchSize?: number;
  kinds?: Kind[];
  /** Called after each batch with the running totals. */
  progress?: (done: number, differences: number) => void;
}

export async function startBackends() {
  // No controller-manager: none of its controllers touch Services, Ingresses or Gateway API
  // objects, and it would only take CPU from the comparison.
  const [sim, cp] = await Promise.all([startSimulator(), startControlPlane({ controllerManager: false })]);
  const clients: [BackendClient, BackendClient] = [
    new BackendClient({ name: 'simulator', url: sim.url, caPem: sim.caPem, token: sim.tokens.admin }),
    new BackendClient({ name: 'real', url: cp.url, caPem: cp.caPem, token: cp.token }),
  ];
  return {
    clients,
    close: async () => {
      for (const c of clients) c.close();
      await Promise.all([sim.close(), cp.close()]);
    },
  };
}

export async function runSession(clients: [BackendClient, BackendClient], opts: SessionOptions): Promise<SessionReport> {
  const started = Date.now();
  const cases = sampleCases(opts.seed, opts.cases, opts.kinds);
  const batch = opts.batchSize ?? 50;
  const diff = new Differential(clients);
  const report: SessionReport = { cases: 0, ops: 0, differences: [], messageDifferences: 0, aborted: [], ms: 0 };
  for (let i = 0; i < cases.length; i += batch) {
    const r = await diff.runBatch(`diff-${opts.seed}-${i / batch}`, cases.slice(i, i + batch), i);
    report.cases += Math.min(batch, cases.length - i);
    report.ops += r.ops;
    report.differences.push(...r.differences);
    report.messageDifferences += r.messageDifferences;
    report.aborted.push(...r.aborted);
    opts.progress?.(report.cases, report.differences.length);
  }
  report.ms = Date.now() - started;
  return report;
}
