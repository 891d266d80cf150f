/**
 * Differential test: generated Service/Ingress/HTTPRoute/Gateway cases (valid and invalid, with
 * create / server-side apply by two managers / JSON and merge patches / dry-run / delete, and each
 * batch's watch read back from an old resourceVersion) run against the simulator AND a real
 * kube-apiserver; every answer must agree (see src/differential/compare.ts for what is compared).
 * `npm run conformance` runs the same with many more cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlPlaneBinary } from '../../control-plane/index.js';
import { runSession, startBackends } from '../src/differential/session.js';

const CASES = 400;
// A fixed seed (always under CI), so the test is reproducible; DIFFERENTIAL_SEED=<n> explores
// others by hand, and `npm run conformance` covers tens of thousands of cases.
const SEED = process.env.CI === 'true' || !process.env.DIFFERENTIAL_SEED ? 12 : Number(process.env.DIFFERENTIAL_SEED);
const binary = controlPlaneBinary();
if (binary.skip) console.warn(`[differential] skipped: ${binary.skip}`);

describe.skipIf(!!binary.skip)('simulator vs real kube-apiserver (differential)', () => {
  let backends: Awaited<ReturnType<typeof startBackends>>;
  beforeAll(async () => {
    backends = await startBackends();
  }, 120_000);
  afterAll(async () => backends?.close());

  it(`${CASES} generated cases agree (seed ${SEED})`, async () => {
    const report = await runSession(backends.clients, { seed: SEED, cases: CASES });
    console.log(
      `[differential] seed ${SEED}: ${report.cases} cases, ${report.ops} operations, ${report.differences.length} differences, ${report.messageDifferences} differently worded messages (info), ${(report.ms / 1000).toFixed(1)} s`,
    );
    // On failure, the first differences with both answers (rerun: DIFFERENTIAL_SEED=<seed>).
    expect(report.differences.slice(0, 5)).toEqual([]);
    expect(report.cases).toBe(CASES);
  }, 90_000);
});
