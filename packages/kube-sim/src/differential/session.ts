/**
 * One differential session: a simulator and a real control plane side by side, and the cases
 * run against both in batches (one namespace per batch, so names never clash across batches).
 */
import { startControlPlane } from '../../../control-plane/index.js';
import { startSimulator } from '../simulator.js';
import { sampleCases, type Case, type Kind } from './arbitraries.js';
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
  /** Runs only these case numbers (of the `cases` generated): for re-running reported differences. */
  only?: number[];
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
  const runs: { first: number; ns: string; cases: Case[] }[] = [];
  if (opts.only) {
    // Consecutive selected cases share a batch (up to the batch size), as in a full run.
    for (const n of [...new Set(opts.only)].filter((k) => k < cases.length).sort((x, y) => x - y)) {
      const last = runs.at(-1);
      if (last && last.first + last.cases.length === n && last.cases.length < batch) last.cases.push(cases[n]);
      else runs.push({ first: n, ns: `diff-${opts.seed}-c${n}`, cases: [cases[n]] });
    }
  } else for (let i = 0; i < cases.length; i += batch) runs.push({ first: i, ns: `diff-${opts.seed}-${i / batch}`, cases: cases.slice(i, i + batch) });
  for (const run of runs) {
    const r = await diff.runBatch(run.ns, run.cases, run.first);
    report.cases += run.cases.length;
    report.ops += r.ops;
    report.differences.push(...r.differences);
    report.messageDifferences += r.messageDifferences;
    report.aborted.push(...r.aborted);
    opts.progress?.(report.cases, report.differences.length);
  }
  report.ms = Date.now() - started;
  return report;
}
