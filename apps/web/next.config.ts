import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const here = path.dirname(fileURLToPath(import.meta.url));
// npm workspaces hoist dependencies to the monorepo root; tell Turbopack and file tracing.
const monorepoRoot = path.join(here, '../..');

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: { root: monorepoRoot },
  outputFileTracingRoot: monorepoRoot,
  // eslint-disable-next-line @typescript-eslint/require-await -- Next's config API takes an async headers().
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          // The portal shows secrets once (API tokens, invitation links): never inside someone else’s frame.
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
