import { describe, expect, it } from 'vitest';
import { type CertificateTimeFacts, DEFAULT_CERTIFICATE_THRESHOLDS, ZCertificateListQuery, certificateLevel, certificateStates } from './certificates.js';

const now = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
/** A certificate issued `age` days ago for `lifetime` days, cert-manager renewing at 2/3 of it. */
function cert(age: number, lifetime: number, extra: Partial<CertificateTimeFacts> = {}): CertificateTimeFacts {
  const notBefore = new Date(now.getTime() - age * DAY);
  return {
    notBefore,
    notAfter: new Date(notBefore.getTime() + lifetime * DAY),
    renewalTime: new Date(notBefore.getTime() + (lifetime * DAY * 2) / 3),
    lifetimeSeconds: lifetime * 86_400,
    ...extra,
  };
}

describe('certificateLevel', () => {
  it('says nothing of a fresh certificate, whatever its lifetime', () => {
    for (const lifetime of [45, 90, 365]) {
      expect(certificateLevel(cert(1, lifetime), now)).toBeNull();
      expect(certificateStates(cert(1, lifetime), now)).toEqual([]);
    }
  });

  it('is critical under 1/6 of the lifetime, before the absolute days (a 90-day certificate at 14 days left)', () => {
    expect(certificateLevel(cert(76, 90, { renewalTime: null }), now)).toBe('critical');
    // A 1-year certificate at 14 days left is under 1/6 of its lifetime too; at 100 days it is fine.
    expect(certificateLevel(cert(265, 365, { renewalTime: null }), now)).toBeNull();
  });

  it('is a warning under 14 days when the lifetime fraction does not apply', () => {
    // A 10-year certificate 10 days before the end: under 14 days, over 7, and 1/6 of 10 years is far away.
    expect(certificateLevel({ notBefore: null, notAfter: new Date(now.getTime() + 10 * DAY), renewalTime: null, lifetimeSeconds: null }, now)).toBe('warning');
    expect(certificateLevel({ notBefore: null, notAfter: new Date(now.getTime() + 6 * DAY), renewalTime: null, lifetimeSeconds: null }, now)).toBe('critical');
  });

  it('is expired at notAfter', () => {
    const facts = { notBefore: null, notAfter: now, renewalTime: null, lifetimeSeconds: null };
    expect(certificateLevel(facts, now)).toBe('expired');
    expect(certificateStates(facts, now)).toEqual(['expired']);
    expect(certificateLevel(facts, new Date(now.getTime() - 1))).toBe('critical');
  });

  it('warns once a renewal is overdue by 24 h, not before; a newer certificate ends it', () => {
    // 90-day certificate, renewal due at day 60: 61 days old → 1 day overdue.
    const stuck = cert(60, 90);
    expect(certificateStates(stuck, now)).toEqual(['renewal-overdue']);
    expect(certificateLevel(stuck, now)).toBeNull();
    expect(certificateLevel(cert(61.01, 90), now)).toBe('warning');
    expect(certificateStates(cert(61.01, 90), now)).toEqual(['renewal-overdue']);
    // The Secret holds a certificate issued after renewalTime: cert-manager's status is behind, nothing is overdue.
    const renewed = { ...cert(61.01, 90), notBefore: new Date(now.getTime() - DAY) };
    expect(certificateStates(renewed, now)).toEqual([]);
  });

  it('lists stored problems in the canonical order, after the time states', () => {
    expect(certificateStates({ ...cert(100, 90), problems: ['weak-key', 'not-ready'] }, now)).toEqual(['expired', 'renewal-overdue', 'not-ready', 'weak-key']);
  });

  it('takes thresholds', () => {
    const t = { ...DEFAULT_CERTIFICATE_THRESHOLDS, warningDays: 40, criticalLifetimeFraction: 0.01 };
    expect(certificateLevel(cert(330, 365, { renewalTime: null }), now, t)).toBe('warning');
  });
});

describe('ZCertificateListQuery', () => {
  it('refuses an unknown state and unknown parameters', () => {
    expect(ZCertificateListQuery.safeParse({ state: 'broken' }).success).toBe(false);
    expect(ZCertificateListQuery.safeParse({ kind: 'x' }).success).toBe(false);
    expect(ZCertificateListQuery.parse({ state: 'renewal-overdue' }).sort).toBe('daysLeft');
  });
});
