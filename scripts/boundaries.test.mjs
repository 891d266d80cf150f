// Each import-boundary rule in .dependency-cruiser.cjs bites: a scratch tree breaks every rule
// once (and makes the imports the rules allow), one dependency-cruiser run checks it, and each
// file must be reported for exactly the rules it breaks. Run by `npm test`, or on its own:
// `node --test scripts/boundaries.test.mjs`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// dependency-cruiser with the tree's rules, run in `cwd` (the scratch tree).
const depcruise = (args, cwd) => spawnSync(path.join(root, 'node_modules/.bin/depcruise'), ['--config', path.join(root, '.dependency-cruiser.cjs'), ...args], { cwd, encoding: 'utf8' });

// file → [its source, the rules it must be reported for]. An empty list: allowed, not reported.
const fixtures = {
  'apps/web/src/db.ts': ["import { createDb } from '@portico/db';", ['web-imports-only-contracts']],
  'apps/web/src/kube.ts': ["import { parseKubeconfig } from '@portico/kube';", ['web-imports-only-contracts']],
  'apps/web/src/client-node.ts': ["import type { V1Service } from '@kubernetes/client-node';", ['web-imports-only-contracts']],
  'apps/web/src/api.ts': ["import { x } from '../../api/src/ok.js';", ['web-imports-only-contracts']],
  'apps/web/src/contracts.ts': ["import { ZLogin } from '@portico/contracts';", []],
  'apps/api/src/prisma.ts': ["import { PrismaClient } from '@prisma/client';", ['api-imports-only-contracts-db-kube']],
  'apps/api/src/generated.ts': ["import { x } from '../../../packages/db/src/generated/prisma/client.js';", ['api-imports-only-contracts-db-kube']],
  'apps/api/src/worker.ts': ["import { x } from '../../worker/src/ok.js';", ['api-imports-only-contracts-db-kube']],
  'apps/api/src/ok.ts': ["import { createDb } from '@portico/db';\nimport { parseKubeconfig } from '@portico/kube';\nimport { ZLogin } from '@portico/contracts';\nexport const x = 1;", []],
  'apps/worker/src/db-root.ts': ["import { createDb } from '@portico/db';", ['worker-imports-only-contracts-db-sql-kube']],
  'apps/worker/src/prisma.ts': ["import type { PrismaClient } from '@prisma/client';", ['worker-imports-only-contracts-db-sql-kube']],
  'apps/worker/src/client-node.ts': ["import { KubeConfig } from '@kubernetes/client-node';", ['worker-no-client-node-at-runtime']],
  'apps/worker/src/kube-client-node.ts': ["import { loadKubeConfig } from '@portico/kube/client-node';", ['worker-no-client-node-at-runtime']],
  'apps/worker/src/ok.ts': [
    "import type { V1Secret } from '@kubernetes/client-node';\nimport { createSqlPool } from '@portico/db/sql';\nimport { KubeClient } from '@portico/kube';\nexport const x = 1;",
    [],
  ],
  'apps/worker/test/seed.test.ts': ["import { createDb } from '@portico/db';\nimport { startSimulator } from '@portico/kube-sim';", []],
  'packages/kube/src/pg.ts': ["import pg from 'pg';", ['kube-and-contracts-no-storage']],
  'packages/kube/src/client-node.ts': ["import { KubeConfig } from '@kubernetes/client-node';", ['kube-root-no-client-node-at-runtime']],
  'packages/kube/src/kubeconfig-client.ts': ["import { KubeConfig } from '@kubernetes/client-node';\nimport { ZLogin } from '@portico/contracts';", []],
  'packages/kube/src/control-plane.ts': ["import { startControlPlane } from '../../control-plane/index.js';", ['test-parts-only-in-tests']],
  'packages/kube/test/control-plane.test.ts': ["import { startControlPlane } from '../../control-plane/index.js';", []],
  'packages/contracts/src/db-sql.ts': ["import { createSqlPool } from '@portico/db/sql';", ['kube-and-contracts-no-storage']],
  'packages/contracts/src/prisma.spec.ts': ["import { Prisma } from '@prisma/client';", ['kube-and-contracts-no-storage']],
  'apps/api/src/sim.ts': ["import { startSimulator } from '@portico/kube-sim';", ['test-parts-only-in-tests']],
  'packages/db/src/sim.ts': ["import { startSimulator } from '@portico/kube-sim';", ['test-parts-only-in-tests']],
  'packages/kube-sim/src/contracts.ts': ["import { ZLogin } from '@portico/contracts';", ['kube-sim-imports-nothing-of-portico']],
  'packages/kube-sim/test/kube.test.ts': ["import { KubeClient } from '../../kube/src/client-node.js';", ['kube-sim-imports-nothing-of-portico']],
  'packages/db/src/prisma-client.ts': ["import { PrismaClient } from '@prisma/client';\nexport const x = 1;", []],
  'packages/db/src/sql/via-prisma.ts': ["import { x } from '../prisma-client.js';", ['db-sql-no-prisma']],
  'packages/db/src/sql/ok.ts': ["import pg from 'pg';\nimport { ZLogin } from '@portico/contracts';", []],
  'packages/db/src/generated/prisma/client.ts': ['export const x = 1;', []],
  'packages/control-plane/index.js': ['export const startControlPlane = () => {};', []],
};

let scratch;
let violations;

before(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'portico-boundaries-'));
  // The real node_modules, so that workspace packages and libraries resolve as in the tree.
  symlinkSync(path.join(root, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
  for (const [file, [source]] of Object.entries(fixtures)) {
    mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
    writeFileSync(path.join(scratch, file), `${source}\n`);
  }
  const r = depcruise(['--output-type', 'json', 'apps', 'packages'], scratch);
  assert.ok(r.stdout, `depcruise printed nothing: ${r.stderr}`);
  violations = JSON.parse(r.stdout).summary.violations;
});

after(() => rmSync(scratch, { recursive: true, force: true }));

for (const [file, [, expected]] of Object.entries(fixtures)) {
  test(`${file}: ${expected.length ? expected.join(', ') : 'allowed'}`, () => {
    const reported = violations.filter((v) => v.from === file).map((v) => v.rule.name);
    assert.deepEqual(reported.sort(), [...expected].sort());
  });
}

test('every rule in the configuration is broken by some fixture', async () => {
  const { default: config } = await import(path.join(root, '.dependency-cruiser.cjs'));
  const broken = new Set(Object.values(fixtures).flatMap(([, rules]) => rules));
  assert.deepEqual(
    config.forbidden.map((r) => r.name).filter((name) => !broken.has(name)),
    [],
  );
});

test('a violation is printed with the rule and its reason', () => {
  const r = depcruise(['--output-type', 'err-long', 'apps/web/src/db.ts'], scratch);
  assert.notEqual(r.status, 0);
  assert.match(r.stdout, /error web-imports-only-contracts: apps\/web\/src\/db\.ts → .*@portico\/db/);
  assert.match(r.stdout, /it reaches data\s+through the API over HTTP/);
});
