/**
 * `npm run conformance`: many generated cases against the simulator and a real kube-apiserver,
 * differences printed. Last line (JSON): {"cases", "differences", "backendsCompared"}.
 *   node dist/conformance.js [--cases 20000] [--seed N] [--batch 50] [--out differences.json] [--only 6711,9132-9135]
 * `--only` re-runs just those case numbers (of the `--cases` generated); consecutive ones are batched as in a full run.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runSession, startBackends } from './differential/session.js';

/** A command-line report: its lines are the program's output (a benchmark-style last JSON line), not log records. */
const print = (line: string) => process.stdout.write(`${line}\n`);

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '20000' },
    seed: { type: 'string' },
    batch: { type: 'string', default: '50' },
    out: { type: 'string' },
    show: { type: 'string', default: '20' },
    only: { type: 'string' },
  },
});
const seed = values.seed !== undefined ? Number(values.seed) : process.env.CI === 'true' ? 12 : Date.now() % 1_000_000;
const total = Number(values.cases);
/** `--only 5,10-12` → [5, 10, 11, 12]. */
const only = values.only?.split(',').flatMap((part) => {
  const [from, to = from] = part.split('-').map(Number);
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
});

const backends = await startBackends();
let report;
try {
  print(`differential conformance: ${total} cases, seed ${seed}, simulator vs real kube-apiserver`);
  report = await runSession(backends.clients, {
    seed,
    cases: total,
    batchSize: Number(values.batch),
    only,
    progress: (done, diffs) => {
      if (done % 1000 === 0 || done === (only?.length ?? total)) print(`  ${done}/${total} cases, ${diffs} differences`);
    },
  });
} finally {
  await backends.close();
}

const byKey = new Map<string, number>();
for (const d of report.differences) {
  const key = `${d.kind} ${d.op} ${d.paths.join(',')}`;
  byKey.set(key, (byKey.get(key) ?? 0) + 1);
}
print(
  `${report.cases} cases, ${report.ops} operations in ${(report.ms / 1000).toFixed(1)} s; ${report.differences.length} differences; ${report.messageDifferences} answers with differently worded cause messages (info)`,
);
for (const [key, n] of [...byKey].sort((a, b) => b[1] - a[1])) print(`  ${String(n).padStart(5)}  ${key}`);
for (const d of report.differences.slice(0, Number(values.show))) print(JSON.stringify(d));
// A backend that closes the connection instead of answering (the real apiserver does on a handler panic, docs/testing.md).
if (report.aborted.length) print(`${report.aborted.length} operations not compared: a backend closed the connection without answering`);
for (const d of report.aborted.slice(0, Number(values.show))) print(`  aborted ${JSON.stringify({ ...d, answers: undefined })}`);
if (values.out) writeFileSync(values.out, JSON.stringify(report.differences, null, 1));
print(JSON.stringify({ cases: report.cases, differences: report.differences.length, backendsCompared: 2 }));
process.exitCode = report.differences.length ? 1 : 0;
