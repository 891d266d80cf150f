import { type CertificateTimeFacts, DEFAULT_CERTIFICATE_THRESHOLDS, PROBLEM_STATES, type TCertificateThresholds, certificateLevel, certificateStates } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type SqlPool, certificateRuleParams, certificateRuleValues, createSqlPool, levelSql, statesSql } from '../src/sql/index.js';

/**
 * The SQL twin must give the TypeScript rules' answers, boundaries included: a table of
 * generated certificates (every lifetime, age, renewal state and stored problem, plus rows set
 * exactly on each threshold) is judged by both at several instants and threshold sets.
 */
let sql: SqlPool;
beforeAll(() => {
  sql = createSqlPool(inject('databaseUrl'), { max: 2 });
});
afterAll(() => sql.end());

const DAY = 86_400_000;
const HOUR = 3_600_000;
const now = new Date('2026-06-01T12:00:00.000Z');

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = { notBefore: string | null; notAfter: string | null; renewalTime: string | null; lifetimeSeconds: number | null; problems: string[] };

function generate(count: number): Row[] {
  const rnd = random(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    const lifetime = pick([HOUR, DAY, 7 * DAY, 45 * DAY, 90 * DAY, 365 * DAY, Math.floor(rnd() * 800 * DAY)]);
    const notBefore = now.getTime() - Math.floor(rnd() * lifetime * 1.3);
    const notAfter = notBefore + lifetime;
    const renewal = rnd() < 0.3 ? null : notBefore + Math.floor(lifetime * pick([2 / 3, 0.5, 0.9, 1.2]));
    rows.push({
      notBefore: rnd() < 0.1 ? null : new Date(notBefore).toISOString(),
      notAfter: rnd() < 0.05 ? null : new Date(notAfter).toISOString(),
      renewalTime: renewal === null ? null : new Date(renewal).toISOString(),
      lifetimeSeconds: rnd() < 0.1 ? null : Math.round(lifetime / 1000),
      problems: PROBLEM_STATES.filter(() => rnd() < 0.1),
    });
  }
  // Exactly on the boundaries of the default thresholds.
  const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
  for (const left of [0, 1, -1, 7 * DAY, 7 * DAY - 1, 14 * DAY, 14 * DAY - 1, 15 * DAY]) {
    rows.push({ notBefore: at(left - 90 * DAY), notAfter: at(left), renewalTime: null, lifetimeSeconds: 90 * 86_400, problems: [] });
  }
  for (const overdue of [0, 1, -1, 24 * HOUR, 24 * HOUR - 1, 24 * HOUR + 1]) {
    rows.push({ notBefore: at(-60 * DAY - overdue), notAfter: at(30 * DAY - overdue), renewalTime: at(-overdue), lifetimeSeconds: 90 * 86_400, problems: [] });
  }
  // The stored certificate is exactly as old as renewalTime: issued at it, so nothing is overdue.
  rows.push({ notBefore: at(-DAY), notAfter: at(89 * DAY), renewalTime: at(-DAY), lifetimeSeconds: 90 * 86_400, problems: [] });
  return rows;
}

async function judgeInSql(rows: Row[], at: Date, t: TCertificateThresholds) {
  const p = certificateRuleParams(2);
  const result = await sql.query<{ level: string | null; states: string[] }>(
    `SELECT ${levelSql('c', p)} AS level, ${statesSql('c', p)} AS states
     FROM jsonb_to_recordset($1::jsonb) AS c("notBefore" timestamptz(3), "notAfter" timestamptz(3), "renewalTime" timestamptz(3), "lifetimeSeconds" bigint, "problems" text[], n bigint)
     ORDER BY n`,
    [JSON.stringify(rows.map((r, n) => ({ ...r, n }))), ...certificateRuleValues(at, t)],
  );
  return result.rows;
}

describe('certificate rules: TypeScript and SQL agree', () => {
  const rows = generate(3000);
  const cases: [string, Date, TCertificateThresholds][] = [
    ['defaults', now, DEFAULT_CERTIFICATE_THRESHOLDS],
    ['a month later', new Date(now.getTime() + 30 * DAY), DEFAULT_CERTIFICATE_THRESHOLDS],
    ['strict policy', now, { warningDays: 30, criticalDays: 10, criticalLifetimeFraction: 0.25, overdueHours: 1 }],
    ['lenient policy', now, { warningDays: 3, criticalDays: 1, criticalLifetimeFraction: 0.01, overdueHours: 0 }],
  ];
  for (const [name, at, t] of cases) {
    it(`${name}: the same level and states for every row`, async () => {
      const fromSql = await judgeInSql(rows, at, t);
      const fromTs = rows.map((r) => ({ level: certificateLevel(r as CertificateTimeFacts, at, t), states: certificateStates(r as CertificateTimeFacts, at, t) }));
      expect(fromSql).toEqual(fromTs);
      // The table is not trivial: every level and several states occur.
      const levels = new Set(fromTs.map((r) => r.level));
      expect([...levels].sort()).toEqual(['critical', 'expired', 'warning', null].sort());
    });
  }
});
