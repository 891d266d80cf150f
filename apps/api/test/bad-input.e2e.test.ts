import { type SqlPool, createSqlPool } from '@portico/db';
import fc from 'fast-check';
import type { Test } from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BadRequest, type Operation, badRequests, operationsOf, plausibleReads } from './support/bad-requests.js';
import { type Browser, type TestApp, createToken, seedOrganization, signIn, startTestApp } from './support/test-app.js';

/**
 * Generated bad input for EVERY operation of the served OpenAPI document (so an endpoint added
 * later is covered without being listed here): each case must get a 4xx problem+json naming the
 * poisoned field, never a 5xx, and the database must be byte-for-byte unchanged afterwards.
 * Reproduce a failure with BAD_INPUT_SEED=<seed printed>; widen with BAD_INPUT_RUNS=<n>.
 */
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 150);
/** CI replays one fixed seed (a red build is then reproducible); elsewhere every run explores new cases. */
const SEED = Number(process.env.BAD_INPUT_SEED ?? (process.env.CI ? 20_261_130 : Date.now() % 2_147_483_647));
const BODY_LIMIT = 1024 * 1024; // PORTICO_BODY_LIMIT's default, '1mb'

/**
 * Columns the auth guard writes on any authenticated request, reads included (at most once a
 * minute): they say when a credential was last used, not that a bad request changed data.
 */
const VOLATILE: Record<string, string[]> = {
  Session: ['lastSeenAt'],
  ApiToken: ['lastUsedAt'],
  // pg-boss's cadence gates: any pg-boss instance (the API's sender too) stamps them on its pollers' ticks.
  version: ['cron_on', 'bam_on', 'flow_on', 'reindex_on', 'monitor_backoff_on'],
};
/** pg-boss's row per running process (the API enqueues changes), rewritten by its heartbeat every few seconds: liveness, not data. */
const PROCESS_BOOKKEEPING = new Set(['pgboss.instance']);

let t: TestApp;
let admin: Browser;
let adminToken: string;
let sql: SqlPool;

beforeAll(async () => {
  t = await startTestApp();
  const { users } = await seedOrganization(t.db, 'bad-input');
  admin = await signIn(t, users.admin.email);
  adminToken = (await createToken(admin, 'admin')).secret;
  sql = createSqlPool(inject('databaseUrl'), { max: 1 });
});
afterAll(async () => {
  await sql?.end();
  await t?.close();
});

/** One md5 per table of every schema (pg-boss's included), over rows as JSON minus volatile columns. */
async function checksums(): Promise<Record<string, string>> {
  const tables = await sql.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const out: Record<string, string> = {};
  for (const { schema, name } of tables.rows) {
    if (PROCESS_BOOKKEEPING.has(`${schema}.${name}`)) continue;
    const ident = `"${schema.replace(/"/g, '""')}"."${name.replace(/"/g, '""')}"`;
    const res = await sql.query<{ sum: string }>(`SELECT md5(coalesce(string_agg(x, E'\\n' ORDER BY x), '')) AS sum FROM (SELECT (to_jsonb(t) - $1::text[])::text AS x FROM ${ident} t) s`, [
      VOLATILE[name] ?? [],
    ]);
    out[`${schema}.${name}`] = res.rows[0].sum;
  }
  return out;
}

/** `ownerRecipients.0` names the poisoned `ownerRecipients` too: an array of the wrong items is refused item by item. */
const namesField = (name: string, field: string) => name === field || name.startsWith(`${field}.`);

type Caller = 'session' | 'token' | 'anonymous';
const callersOf = (op: Operation): Caller[] => (op.auth === 'public' ? ['anonymous', 'session'] : op.auth === 'session' ? ['session'] : ['session', 'token']);

function send(caller: Caller, op: Operation, c: Pick<BadRequest, 'path' | 'query' | 'body'>): Test {
  const qs = c.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const url = qs ? `${c.path}?${qs}` : c.path;
  let req = caller === 'session' ? admin.agent[op.method](url).set('X-CSRF-Token', admin.csrf) : t.http()[op.method](url);
  if (caller === 'token') req = req.set('Authorization', `Bearer ${adminToken}`);
  if (c.body && 'json' in c.body) req = req.set('Content-Type', 'application/json').send(JSON.stringify(c.body.json) ?? 'null');
  else if (c.body) req = req.set('Content-Type', c.body.type).send(c.body.raw);
  return req;
}

const short = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s;
};

describe('generated bad input, every operation', () => {
  it('answers a 4xx problem naming the field, never a 5xx, and changes nothing', { timeout: 300_000 }, async () => {
    const doc = (await t.http().get('/api/openapi.json').expect(200)).body;
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThan(20);
    const failures: string[] = [];
    let cases = 0;
    let reads = 0;
    const started = Date.now();

    for (const op of operations) {
      for (const caller of callersOf(op)) {
        const before = await checksums();
        const details = await fc.check(
          fc.asyncProperty(badRequests(op, BODY_LIMIT), async (c) => {
            cases++;
            const res = await send(caller, op, c);
            const names: string[] = (res.body?.invalid_params ?? []).map((p: { name: string }) => p.name);
            const ok = c.expect.status.includes(res.status) && String(res.headers['content-type']).includes('application/problem+json') && names.some((n) => namesField(n, c.expect.field));
            if (!ok)
              throw new Error(
                `${c.poison}: expected ${c.expect.status.join('/')} naming ${c.expect.field}, got ${res.status} ${short(res.body)} for ${short(c.path)} ${short(c.query)} ${short(c.body)}`,
              );
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
        if (details.failed)
          failures.push(`${op.method.toUpperCase()} ${op.path} as ${caller}: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`);

        // Reads may succeed on hostile-but-well-typed filters; they must still never fail on our side.
        if (op.method === 'get') {
          const readDetails = await fc.check(
            fc.asyncProperty(plausibleReads(op), async (c) => {
              reads++;
              const res = await send(caller, op, c);
              const problem = String(res.headers['content-type']).includes('application/problem+json');
              if (res.status >= 500 || (res.status >= 400 && !problem)) throw new Error(`got ${res.status} ${short(res.body)} for ${c.path} ${short(c.query)}`);
            }),
            { numRuns: Math.ceil(RUNS / 2), seed: SEED, endOnFailure: true },
          );
          if (readDetails.failed)
            failures.push(
              `${op.method.toUpperCase()} ${op.path} as ${caller} (plausible read): ${readDetails.errorInstance instanceof Error ? readDetails.errorInstance.message : String(readDetails.errorInstance)}`,
            );
        }

        const after = await checksums();
        const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
        if (changed.length) failures.push(`${op.method.toUpperCase()} ${op.path} as ${caller} changed ${changed.join(', ')}`);
      }
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.info(`bad-input: ${operations.length} operations, ${cases} bad requests + ${reads} hostile reads in ${seconds} s (seed ${SEED}, ${RUNS} runs per operation and caller)`);
    expect(failures, `seed ${SEED}`).toEqual([]);
  });
});
