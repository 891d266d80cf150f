import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The worker stays small (peak RSS ≈ 160 MB while syncing 17,000 objects, `npm run bench:sync`)
 * because its import graph never loads the two heavy runtimes a Portico process could pull in:
 * the Prisma client's query compiler (≈ 85 MB) and client-node's KubeConfig with the generated
 * model (≈ 80 MB). These checks fail the build when an import would bring one back.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.spec.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
/** `import … from 'x'` and `export … from 'x'` statements that load x at runtime (not `import type`). */
const valueImports = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)]
    .filter((m) => !/^(?:import|export)\s*\{\s*(?:type\s+[\w$]+\s*,?\s*)+\}/.test(m[0])) // import { type A, type B }
    .map((m) => m[1]);
const rel = (f: string) => path.relative(root, f);

describe('worker footprint', () => {
  it('imports the database layer only through @portico/db/sql (no Prisma client)', () => {
    const offenders = sources(path.join(root, 'apps/worker/src')).flatMap((f) =>
      valueImports(f)
        .filter((m) => m === '@portico/db' || m.startsWith('@prisma/'))
        .map((m) => `${rel(f)} → ${m}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps @portico/db/sql free of the Prisma client', () => {
    const offenders = sources(path.join(root, 'packages/db/src/sql')).flatMap((f) =>
      valueImports(f)
        .filter((m) => m.startsWith('@prisma/') || /\/(client|generated\/)/.test(m) || (m.startsWith('../') && !['../credential-cipher.js', '../cluster-credentials.js', '../cursor.js'].includes(m)))
        .map((m) => `${rel(f)} → ${m}`),
    );
    expect(offenders).toEqual([]);
  });

  it('never loads @kubernetes/client-node at runtime (types only), in the worker or @portico/kube', () => {
    const files = [...sources(path.join(root, 'apps/worker/src')), ...sources(path.join(root, 'packages/kube/src')).filter((f) => !f.endsWith('kubeconfig-client.ts'))];
    const offenders = files.flatMap((f) =>
      valueImports(f)
        .filter((m) => m.startsWith('@kubernetes/client-node') || m.endsWith('kubeconfig-client.js'))
        .map((m) => `${rel(f)} → ${m}`),
    );
    expect(offenders).toEqual([]);
  });
});
