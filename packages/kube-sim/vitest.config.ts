import { defineConfig } from 'vitest/config';
// vitest 5's failure reporter needs Map.groupBy, which Node 20 lacks; the shared polyfill adds it.
import '../../test/node20-polyfills.js';

// kubectl subprocesses and TLS handshakes are slow on a loaded 2-core machine: generous timeouts.
// No database here, so not the shared config (which starts Postgres for every run).
export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
