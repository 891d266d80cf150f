import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Storage stays in packages/db (docs/architecture.md): the API's code names no Prisma type or
 * error code and runs no query itself — it calls repository functions. And configuration is
 * read in env.ts only. The import-boundary check sees packages, not these; this test sees them.
 */
const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

const rules: { name: string; pattern: RegExp; except?: string[] }[] = [
  { name: 'a Prisma type or error class (use a repository function or UniqueViolationError)', pattern: /\bPrisma\.|[{,]\s*(?:type\s+)?Prisma\s*[,}]|^\s*(?:type\s+)?Prisma,?\s*$/ },
  { name: 'a Prisma error code (repositories translate them)', pattern: /['"`]P\d{4}['"`]/ },
  { name: 'raw SQL through Prisma (put the query in a repository)', pattern: /\$(?:queryRaw|executeRaw)/ },
  { name: 'a Prisma model query (put it in a repository)', pattern: /\b(?:db|tx|prisma)\.[a-z]\w*\.(?:find|create|update|delete|upsert|count|aggregate|groupBy)\w*\(/ },
  { name: 'process.env outside the env module', pattern: /\bprocess\.env\b/, except: ['env.ts'] },
];

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts')).map((e) => path.join(e.parentPath, e.name));
}

describe('apps/api/src keeps storage in packages/db', () => {
  it('names no Prisma type or code, runs no query, reads process.env only in env.ts', async () => {
    const found: string[] = [];
    for (const file of await sourceFiles(src)) {
      const relative = path.relative(src, file);
      const lines = (await readFile(file, 'utf8')).split('\n');
      for (const rule of rules) {
        if (rule.except?.includes(relative)) continue;
        lines.forEach((line, i) => {
          if (rule.pattern.test(line) && !/^\s*(\*|\/\/)/.test(line)) found.push(`${relative}:${i + 1}: ${rule.name}`);
        });
      }
    }
    expect(found).toEqual([]);
  });
});
