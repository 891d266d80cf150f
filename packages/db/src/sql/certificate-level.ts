import { PROBLEM_STATES, type TCertificateState, type TCertificateThresholds } from '@portico/contracts';

/**
 * The SQL twin of `certificateLevel`/`certificateStates` (packages/contracts/src/certificates.ts),
 * for set-based queries over "TrackedCertificate" (the list's state filter, the alert
 * evaluation): the same rules, the same boundaries (test/certificate-level.test.ts holds the two
 * to the same answers over generated rows). Times compare as epoch seconds, exact to the
 * millisecond the columns hold.
 */

/** SQL expressions for `now` and the thresholds: parameters (`certificateRuleParams`) or columns of a joined policy. */
export interface CertificateRuleSql {
  now: string;
  warningDays: string;
  criticalDays: string;
  criticalLifetimeFraction: string;
  overdueHours: string;
}

/** `$first` … `$first+4`, typed; their values are `certificateRuleValues(now, thresholds)`, in that order. */
export function certificateRuleParams(first: number): CertificateRuleSql {
  return {
    now: `$${first}::timestamptz`,
    warningDays: `$${first + 1}::int`,
    criticalDays: `$${first + 2}::int`,
    criticalLifetimeFraction: `$${first + 3}::float8`,
    overdueHours: `$${first + 4}::int`,
  };
}

export function certificateRuleValues(now: Date, t: TCertificateThresholds): [Date, number, number, number, number] {
  return [now, t.warningDays, t.criticalDays, t.criticalLifetimeFraction, t.overdueHours];
}

const col = (row: string, name: string) => `${row}."${name}"`;
const epoch = (expr: string) => `extract(epoch from ${expr})`;

/** Seconds left (numeric), null without notAfter. */
const leftSql = (row: string, p: CertificateRuleSql) => `(${epoch(col(row, 'notAfter'))} - ${epoch(p.now)})`;

const underFractionSql = (row: string, p: CertificateRuleSql) => `(${col(row, 'lifetimeSeconds')} > 0 AND ${leftSql(row, p)} < ${col(row, 'lifetimeSeconds')} * ${p.criticalLifetimeFraction})`;

/** renewalTime passed by `graceHours` and the stored certificate is older than it. */
const renewalOverdueSql = (row: string, p: CertificateRuleSql, graceHours: string) =>
  `(${col(row, 'renewalTime')} IS NOT NULL AND (${col(row, 'notBefore')} IS NULL OR ${col(row, 'notBefore')} < ${col(row, 'renewalTime')}) AND ${epoch(p.now)} >= ${epoch(col(row, 'renewalTime'))} + ${graceHours} * 3600)`;

/** `'expired' | 'critical' | 'warning' | NULL` for the row aliased `row`. */
export function levelSql(row: string, p: CertificateRuleSql): string {
  const left = leftSql(row, p);
  return `(CASE
    WHEN ${left} <= 0 THEN 'expired'
    WHEN ${left} < ${p.criticalDays} * 86400 OR ${underFractionSql(row, p)} THEN 'critical'
    WHEN ${left} < ${p.warningDays} * 86400 OR ${renewalOverdueSql(row, p, p.overdueHours)} THEN 'warning'
  END)`;
}

/** A boolean predicate: the row is in `state` at `p.now` (never NULL). */
export function stateSql(state: TCertificateState, row: string, p: CertificateRuleSql): string {
  // `p`'s expressions are read only where used: a caller may bind a parameter on each read.
  const left = () => leftSql(row, p);
  switch (state) {
    case 'expired':
      return `coalesce(${left()} <= 0, false)`;
    case 'expiring':
      return `coalesce(${left()} > 0 AND (${left()} < ${p.warningDays} * 86400 OR ${left()} < ${p.criticalDays} * 86400 OR ${underFractionSql(row, p)}), false)`;
    case 'renewal-overdue':
      return `coalesce(${renewalOverdueSql(row, p, '0')}, false)`;
    default:
      return `('${state}' = ANY(${col(row, 'problems')}))`;
  }
}

/** Every state of the row, as a text[] in `CERTIFICATE_STATES` order. */
export function statesSql(row: string, p: CertificateRuleSql): string {
  const states: TCertificateState[] = ['expired', 'expiring', 'renewal-overdue', ...PROBLEM_STATES];
  return `array_remove(ARRAY[${states.map((s) => `CASE WHEN ${stateSql(s, row, p)} THEN '${s}' END`).join(', ')}]::text[], NULL)`;
}
