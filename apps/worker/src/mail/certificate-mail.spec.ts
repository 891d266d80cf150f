import type { DueNotification } from '@portico/db/sql';
import { describe, expect, it } from 'vitest';
import { MAX_LISTED, escapeHtml, renderCertificateMails } from './certificate-mail.js';

const now = new Date('2026-12-01T10:00:00Z');
const due = (over: Partial<DueNotification> = {}, cert: Partial<DueNotification['certificate']> = {}): DueNotification => ({
  kind: 'alert',
  alertId: 'a1',
  organizationId: 'o1',
  level: 'critical',
  raisedAt: now,
  resolution: null,
  to: ['ops@example.com'],
  ...over,
  certificate: {
    id: 'c1',
    clusterId: 'k1',
    clusterName: 'prod',
    namespace: 'shop',
    secretName: 'shop-tls',
    certManagerName: null,
    commonName: 'shop.example.com',
    dnsNames: ['shop.example.com'],
    hosts: ['shop.example.com', 'www.shop.example.com'],
    notBefore: new Date('2026-09-10T10:00:00Z'),
    notAfter: new Date('2026-12-04T12:00:00Z'),
    renewalTime: null,
    ready: null,
    fingerprintSha256: 'AB',
    readyMessage: null,
    requestState: null,
    requestMessage: null,
    issuerRefKind: null,
    issuerRefName: null,
    issuerReady: null,
    issuerMessage: null,
    owner: null,
    ...cert,
  },
});

describe('certificate e-mails', () => {
  it('say what, where, when and what to do, with a link to the certificate', () => {
    const [mail] = renderCertificateMails([due()], now, 'https://portico.example.com/');
    expect(mail.subject).toBe('[Portico] Critical: shop/shop-tls on prod');
    expect(mail.text).toContain('The TLS certificate shop/shop-tls on cluster prod expires in 3 days (2026-12-04T12:00:00Z).');
    expect(mail.text).toContain('Hosts: shop.example.com, www.shop.example.com');
    expect(mail.text).toContain('What to do: Put a renewed certificate in Secret shop/shop-tls');
    expect(mail.text).toContain('Details: https://portico.example.com/certificates/c1');
    expect(mail).toMatchObject({ kind: 'alert', to: ['ops@example.com'], alertIds: ['a1'] });
  });

  it("explain an overdue renewal with cert-manager's own words, and escape a cluster's values in the HTML", () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const [mail] = renderCertificateMails(
      [
        due(
          { level: 'renewal-overdue' },
          { certManagerName: 'shop', renewalTime: new Date('2026-11-20T00:00:00Z'), ready: false, readyMessage: hostile, issuerReady: false, issuerRefKind: 'ClusterIssuer', issuerRefName: 'le' },
        ),
      ],
      now,
      'http://localhost:3000',
    );
    expect(mail.text).toContain('cert-manager should have renewed it at 2026-11-20T00:00:00Z and has not.');
    expect(mail.text).toContain(`cert-manager says: "${hostile}"`);
    expect(mail.text).toContain('Its ClusterIssuer le is not ready.');
    expect(mail.text).toContain('kubectl describe certificate -n shop shop');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain(escapeHtml(hostile));
  });

  it('group a digest per organization and recipient list', () => {
    const mails = renderCertificateMails(
      [due({ kind: 'digest', alertId: 'a1' }), due({ kind: 'digest', alertId: 'a2' }, { secretName: 'other' }), due({ kind: 'digest', alertId: 'a3', to: ['team@example.com'] })],
      now,
      'http://localhost:3000',
    );
    expect(mails.map((m) => [m.kind, m.to, m.alertIds])).toEqual([
      ['digest', ['ops@example.com'], ['a1', 'a2']],
      ['digest', ['team@example.com'], ['a3']],
    ]);
    expect(mails[0].subject).toBe('[Portico] Certificate digest: 2 certificates need attention');
  });

  it('say a resolved alert is resolved, and why', () => {
    const [mail] = renderCertificateMails([due({ kind: 'resolved', resolution: 'renewed', level: 'renewal-overdue' })], now, 'http://localhost:3000');
    expect(mail.subject).toBe('[Portico] Resolved: shop/shop-tls on prod');
    expect(mail.text).toContain('is resolved (the certificate was renewed)');
  });

  it('send a burst of new alerts for one recipient list as one e-mail, most severe first, listing at most MAX_LISTED', () => {
    const burst = Array.from({ length: MAX_LISTED + 20 }, (_, i) => due({ alertId: `a${i}`, level: i === 7 ? 'expired' : 'warning' }, { secretName: `s${i}` }));
    const mails = renderCertificateMails([...burst, due({ alertId: 'solo', to: ['team@example.com'] })], now, 'http://localhost:3000');
    expect(mails.map((m) => [m.kind, m.to, m.alertIds.length])).toEqual([
      ['alert', ['ops@example.com'], MAX_LISTED + 20],
      ['alert', ['team@example.com'], 1],
    ]);
    expect(mails[0].subject).toBe(`[Portico] ${MAX_LISTED + 20} new certificate alerts: 1 expired, ${MAX_LISTED + 19} expiring soon`);
    expect(mails[0].text.indexOf('shop/s7')).toBeLessThan(mails[0].text.indexOf('shop/s0 '));
    expect(mails[0].text).toContain('…and 20 more: http://localhost:3000/certificates');
  });
});
