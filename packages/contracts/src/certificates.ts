import { z } from 'zod';
import { ZCursor, ZIsoDate, ZLimit, ZText, ZUuid, pageOf } from './common.js';

/**
 * Certificates as data (issue 11): every certificate a cluster holds (TLS Secrets) or needs
 * (cert-manager Certificates, Ingress TLS entries, Gateway listeners' certificateRefs), with the
 * states that say what is wrong. The rules here have a SQL twin in packages/db
 * (`sql/certificate-level.ts`); a test holds the two to the same answers. docs/certificates.md.
 */

/**
 * When a certificate raises a level. Defaults are the issue's: warning under 14 days left or a
 * renewal overdue by 24 h; critical under 7 days or under 1/6 of its lifetime (so a 90-day
 * certificate is critical 15 days before expiry, a 1-year one 61 days before).
 */
export const ZCertificateThresholds = z.strictObject({
  warningDays: z.number().int().min(0).max(3650),
  criticalDays: z.number().int().min(0).max(3650),
  criticalLifetimeFraction: z.number().gt(0).lt(1),
  overdueHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 365),
});
export type TCertificateThresholds = z.infer<typeof ZCertificateThresholds>;

export const DEFAULT_CERTIFICATE_THRESHOLDS: Readonly<TCertificateThresholds> = Object.freeze({ warningDays: 14, criticalDays: 7, criticalLifetimeFraction: 1 / 6, overdueHours: 24 });

export const CERTIFICATE_LEVELS = ['expired', 'critical', 'warning'] as const;
export type TCertificateLevel = (typeof CERTIFICATE_LEVELS)[number];

/** States that depend on the clock: computed against `now`, never stored. */
export const TIME_STATES = ['expired', 'expiring', 'renewal-overdue'] as const;
/** States that depend only on the synced objects: stored in the row's `problems`. */
export const PROBLEM_STATES = ['not-ready', 'issuer-not-ready', 'hosts-not-covered', 'secret-missing', 'weak-key', 'chain-incomplete', 'intermediate-expires-first'] as const;
export const CERTIFICATE_STATES = [...TIME_STATES, ...PROBLEM_STATES] as const;
export const ZCertificateState = z.enum(CERTIFICATE_STATES);
export type TCertificateState = z.infer<typeof ZCertificateState>;
export type TCertificateProblem = (typeof PROBLEM_STATES)[number];

/** The state names in words, for badges and e-mails. */
export const CERTIFICATE_STATE_LABELS: Readonly<Record<TCertificateState, string>> = {
  expired: 'Expired',
  expiring: 'Expiring',
  'renewal-overdue': 'Renewal overdue',
  'not-ready': 'Not ready',
  'issuer-not-ready': 'Issuer not ready',
  'hosts-not-covered': 'Hosts not covered',
  'secret-missing': 'Secret missing',
  'weak-key': 'Weak key',
  'chain-incomplete': 'Chain incomplete',
  'intermediate-expires-first': 'Intermediate expires first',
};

/** What the level and states are computed from: the tracked row's columns of the same names. */
export interface CertificateTimeFacts {
  notBefore: Date | string | null;
  notAfter: Date | string | null;
  renewalTime: Date | string | null;
  lifetimeSeconds: number | null;
  problems?: readonly string[];
}

const ms = (d: Date | string | null) => (d === null ? null : new Date(d).getTime());
const DAY = 86_400;

/** Seconds left, `(notAfter - now)`; null without a certificate. */
export function secondsLeft(facts: Pick<CertificateTimeFacts, 'notAfter'>, now: Date): number | null {
  const notAfter = ms(facts.notAfter);
  return notAfter === null ? null : (notAfter - now.getTime()) / 1000;
}

/**
 * cert-manager's renewalTime has passed and no newer certificate was issued since (the stored
 * one is older than renewalTime), by at least `graceHours`.
 * @see https://cert-manager.io/docs/usage/certificate/#reissuance-triggered-by-expiry-renewal
 */
function renewalOverdue(facts: CertificateTimeFacts, now: Date, graceHours: number): boolean {
  const renewal = ms(facts.renewalTime);
  if (renewal === null) return false;
  const notBefore = ms(facts.notBefore);
  if (notBefore !== null && notBefore >= renewal) return false;
  return now.getTime() / 1000 >= renewal / 1000 + graceHours * 3600;
}

/** Under the lifetime fraction (only for a certificate with a known, positive lifetime). */
function underFraction(left: number, facts: CertificateTimeFacts, t: TCertificateThresholds): boolean {
  return facts.lifetimeSeconds !== null && facts.lifetimeSeconds > 0 && left < facts.lifetimeSeconds * t.criticalLifetimeFraction;
}

/** The alert level of a certificate at `now`: expired, critical, warning, or null (nothing to say). */
export function certificateLevel(facts: CertificateTimeFacts, now: Date, t: TCertificateThresholds = DEFAULT_CERTIFICATE_THRESHOLDS): TCertificateLevel | null {
  const left = secondsLeft(facts, now);
  if (left !== null && left <= 0) return 'expired';
  if (left !== null && (left < t.criticalDays * DAY || underFraction(left, facts, t))) return 'critical';
  if ((left !== null && left < t.warningDays * DAY) || renewalOverdue(facts, now, t.overdueHours)) return 'warning';
  return null;
}

/** Every state of a certificate at `now`, in `CERTIFICATE_STATES` order; a fresh, healthy certificate has none. */
export function certificateStates(facts: CertificateTimeFacts, now: Date, t: TCertificateThresholds = DEFAULT_CERTIFICATE_THRESHOLDS): TCertificateState[] {
  const left = secondsLeft(facts, now);
  const states = new Set<string>(facts.problems ?? []);
  if (left !== null && left <= 0) states.add('expired');
  else if (left !== null && (left < t.warningDays * DAY || left < t.criticalDays * DAY || underFraction(left, facts, t))) states.add('expiring');
  if (renewalOverdue(facts, now, 0)) states.add('renewal-overdue');
  return CERTIFICATE_STATES.filter((s) => states.has(s));
}

// ---- API: the fleet list and one certificate ----

export const CERTIFICATE_SOURCES = ['secret', 'cert-manager', 'reference'] as const;

export const ZCertificateListQuery = z.strictObject({
  cluster: ZUuid.optional().describe('Only this cluster'),
  namespace: ZText.max(253).optional(),
  state: ZCertificateState.optional().describe('Only certificates in this state'),
  owner: ZText.max(253).optional().describe('The `portico.dev/owner` label of the object or its namespace'),
  q: ZText.max(200).optional().describe('Free text: Secret or Certificate name, or a DNS name, contains'),
  sort: z.enum(['daysLeft', '-daysLeft']).default('daysLeft').describe('By time left (notAfter); certificates without one come last'),
  limit: ZLimit,
  cursor: ZCursor.optional(),
});
export type TCertificateListQuery = z.infer<typeof ZCertificateListQuery>;

const ZIso = ZIsoDate;

export const ZCertificateListItem = z.object({
  id: ZUuid,
  clusterId: ZUuid,
  clusterName: z.string(),
  namespace: z.string(),
  secretName: z.string(),
  source: z.enum(CERTIFICATE_SOURCES),
  certManagerName: z.string().nullable(),
  commonName: z.string().nullable(),
  dnsNames: z.array(z.string()),
  issuerName: z.string().nullable(),
  notAfter: ZIso.nullable(),
  /** Whole days left, rounded down; negative once expired; null without a certificate. */
  daysLeft: z.number().int().nullable(),
  level: z.enum(CERTIFICATE_LEVELS).nullable(),
  states: z.array(ZCertificateState),
  owner: z.string().nullable(),
});
export type TCertificateListItem = z.infer<typeof ZCertificateListItem>;

export const ZCertificatePage = pageOf(ZCertificateListItem);
export type TCertificatePage = z.infer<typeof ZCertificatePage>;

export const ZCertificateChainEntry = z.object({
  subject: z.string(),
  issuer: z.string(),
  notBefore: ZIso,
  notAfter: ZIso,
  fingerprintSha256: z.string(),
  serialNumber: z.string(),
  isCa: z.boolean(),
  keyAlgorithm: z.string().nullable(),
  keySize: z.number().int().nullable(),
  /** Where it came from: `tls.crt` (leaf + intermediates) or `ca.crt`. */
  from: z.enum(['tls.crt', 'ca.crt']),
});
export type TCertificateChainEntry = z.infer<typeof ZCertificateChainEntry>;

export const ZCertificateUse = z.object({
  kind: z.enum(['Ingress', 'Gateway']),
  namespace: z.string(),
  name: z.string(),
  /** Gateway listener name. */
  listener: z.string().nullable(),
  hosts: z.array(z.string()),
  /** The inventory object's id, when it is synced (for a link). */
  objectId: ZUuid.nullable(),
});

export const ZCertificateDetail = ZCertificateListItem.extend({
  secretExists: z.boolean(),
  subject: z.string().nullable(),
  notBefore: ZIso.nullable(),
  lifetimeSeconds: z.number().nullable(),
  fingerprintSha256: z.string().nullable(),
  serialNumber: z.string().nullable(),
  keyAlgorithm: z.string().nullable(),
  keySize: z.number().int().nullable(),
  chain: z.array(ZCertificateChainEntry),
  chainComplete: z.boolean().nullable(),
  intermediateNotAfter: ZIso.nullable(),
  usedBy: z.array(ZCertificateUse),
  hosts: z.array(z.string()),
  uncoveredHosts: z.array(z.string()),
  certManager: z
    .object({
      name: z.string(),
      ready: z.boolean().nullable(),
      readyReason: z.string().nullable(),
      readyMessage: z.string().nullable(),
      renewalTime: ZIso.nullable(),
      revision: z.number().int().nullable(),
      requestState: z.string().nullable(),
      requestMessage: z.string().nullable(),
      issuerRef: z.object({ kind: z.string(), name: z.string() }).nullable(),
      issuerReady: z.boolean().nullable(),
      issuerMessage: z.string().nullable(),
    })
    .nullable(),
  parseError: z.string().nullable(),
  updatedAt: ZIso,
});
export type TCertificateDetail = z.infer<typeof ZCertificateDetail>;

// ---- What the worker builds from a cluster's synced objects (one per "TrackedCertificate" row) ----

/** An Ingress TLS entry or a Gateway listener that serves the certificate. */
export interface TrackedCertificateUse {
  kind: 'Ingress' | 'Gateway';
  namespace: string;
  name: string;
  /** The Gateway listener's name; null for an Ingress. */
  listener: string | null;
  /** The hosts it serves with this certificate (lower-case). */
  hosts: string[];
}

/**
 * A certificate as data, keyed by (namespace, secretName) within its cluster: the TLS Secret's
 * certificate when it exists, joined with the cert-manager Certificate that maintains it and the
 * objects that use it. Dates are ISO 8601. `problems` are the time-independent states.
 */
export interface TrackedCertificateFacts {
  namespace: string;
  secretName: string;
  source: (typeof CERTIFICATE_SOURCES)[number];
  secretExists: boolean;
  certManagerName: string | null;
  subject: string | null;
  commonName: string | null;
  issuerName: string | null;
  dnsNames: string[];
  notBefore: string | null;
  notAfter: string | null;
  lifetimeSeconds: number | null;
  fingerprintSha256: string | null;
  serialNumber: string | null;
  keyAlgorithm: string | null;
  keySize: number | null;
  chain: TCertificateChainEntry[];
  chainComplete: boolean | null;
  intermediateNotAfter: string | null;
  issuerRefKind: string | null;
  issuerRefName: string | null;
  issuerReady: boolean | null;
  issuerMessage: string | null;
  ready: boolean | null;
  readyReason: string | null;
  readyMessage: string | null;
  renewalTime: string | null;
  revision: number | null;
  requestState: string | null;
  requestMessage: string | null;
  usedBy: TrackedCertificateUse[];
  hosts: string[];
  uncoveredHosts: string[];
  owner: string | null;
  problems: TCertificateProblem[];
  parseError: string | null;
}
