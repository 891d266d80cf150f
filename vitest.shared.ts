import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import './test/node20-polyfills.js';

const root = path.dirname(fileURLToPath(import.meta.url));

/** Every workspace's vitest config: real database via the shared global setup, generous timeouts (2 cores). */
export const sharedConfig = defineConfig({
  test: {
    globalSetup: [path.join(root, 'test/global-setup.ts')],
    include: ['src/**/*.spec.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
