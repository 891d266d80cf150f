import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * The SQL migrations are written by hand (Prisma's migrate engine cannot be downloaded here),
 * so this test holds them to prisma/schema.prisma: every model is a table, every scalar field a
 * column of the right type and nullability (Prisma's scalar lists are nullable arrays), every enum has the same values, every @unique and
 * @@unique a unique index, and nothing exists in the database that the schema does not declare.
 */
const schemaPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../prisma/schema.prisma');

interface Field {
  name: string;
  type: string;
  list: boolean;
  optional: boolean;
  attrs: string;
}
interface Model {
  name: string;
  fields: Field[];
  uniques: string[][];
}

function parseSchema(text: string) {
  const models: Model[] = [];
  const enums = new Map<string, string[]>();
  const blocks = text.matchAll(/^(model|enum)\s+(\w+)\s*\{([\s\S]*?)^\}/gm);
  for (const [, kind, name, body] of blocks) {
    const lines = body
      .split('\n')
      .map((l) => l.replace(/\/\/.*$/, '').trim())
      .filter(Boolean);
    if (kind === 'enum') {
      enums.set(name, lines);
      continue;
    }
    const model: Model = { name: name, fields: [], uniques: [] };
    for (const line of lines) {
      const unique = /^@@unique\(\[([^\]]+)\]\)/.exec(line);
      if (unique) model.uniques.push(unique[1].split(',').map((s) => s.trim()));
      if (line.startsWith('@@')) continue;
      const m = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!m) continue;
      model.fields.push({ name: m[1], type: m[2], list: !!m[3], optional: !!m[4], attrs: m[5] ?? '' });
      if (/@unique\b/.test(m[5] ?? '')) model.uniques.push([m[1]]);
    }
    models.push(model);
  }
  const modelNames = new Set(models.map((m) => m.name));
  for (const model of models) model.fields = model.fields.filter((f) => !modelNames.has(f.type));
  return { models, enums };
}

function expectedSqlType(field: Field, enums: Map<string, string[]>): string {
  if (field.list) return 'ARRAY';
  if (enums.has(field.type)) return 'USER-DEFINED';
  if (field.attrs.includes('@db.Uuid')) return 'uuid';
  if (field.attrs.includes('@db.Timestamptz')) return 'timestamp with time zone';
  const types: Record<string, string> = { String: 'text', Int: 'integer', BigInt: 'bigint', Boolean: 'boolean', DateTime: 'timestamp without time zone', Json: 'jsonb', Float: 'double precision' };
  return types[field.type] ?? `unknown:${field.type}`;
}

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
});
afterAll(() => client.end());

describe('migrations match prisma/schema.prisma', async () => {
  const { models, enums } = parseSchema(await readFile(schemaPath, 'utf8'));

  it('has the same tables', async () => {
    const { rows } = await client.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`);
    expect(rows.map((r) => r.table_name).sort()).toEqual(models.map((m) => m.name).sort());
  });

  for (const model of models) {
    it(`${model.name}: same columns, types, nullability and unique indexes`, async () => {
      const { rows } = await client.query<{ column_name: string; data_type: string; is_nullable: string }>(
        `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [model.name],
      );
      const actual = Object.fromEntries(rows.map((r) => [r.column_name, `${r.data_type}${r.is_nullable === 'YES' ? '?' : ''}`]));
      const expected = Object.fromEntries(model.fields.map((f) => [f.name, `${expectedSqlType(f, enums)}${f.optional || f.list ? '?' : ''}`]));
      expect(actual).toEqual(expected);

      const idx = await client.query<{ indexdef: string }>(
        `SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1 AND indexdef LIKE 'CREATE UNIQUE%' AND indexname NOT LIKE '%_pkey'`,
        [model.name],
      );
      const uniqueSets = idx.rows
        .map((r) =>
          /\((.*)\)$/
            .exec(r.indexdef)![1]
            .split(',')
            .map((c) => c.trim().replace(/"/g, ''))
            .join(','),
        )
        .sort();
      expect(uniqueSets).toEqual(model.uniques.map((u) => u.join(',')).sort());
    });
  }

  it('has the same enums', async () => {
    const { rows } = await client.query<{ typname: string; labels: string[] }>(
      `SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.typname, r.labels]))).toEqual(Object.fromEntries(enums));
  });
});
