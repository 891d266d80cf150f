import { defineConfig } from 'vitest/config';

// kubectl subprocesses and TLS handshakes are slow on a loaded 2-core machine: generous timeouts.
export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
