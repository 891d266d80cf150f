import { describe, expect, it } from 'vitest';
import { commonNameOf, decimalSerial, organizationRegistry } from './organization-metrics.js';

describe('x509 label values', () => {
  it.each([
    ['CN=shop.example.com', 'shop.example.com'],
    ["CN=R11, O=Let's Encrypt, C=US", 'R11'],
    ['C=US, O=Example, CN=Example CA', 'Example CA'],
    ['O=No Common Name', ''],
    ['OU=CN=not-this, O=x', ''],
  ])('the CN of %s is %s', (dn, cn) => expect(commonNameOf(dn)).toBe(cn));

  it('writes serials in decimal, as x509-certificate-exporter does', () => {
    expect(decimalSerial('0A1B')).toBe('2587');
    expect(decimalSerial('03A1F2C4D5E6F708192A3B4C5D6E7F8091A2B3C4')).toBe(BigInt('0x03A1F2C4D5E6F708192A3B4C5D6E7F8091A2B3C4').toString());
    expect(decimalSerial('')).toBe('');
    expect(decimalSerial('not hex')).toBe('');
  });
});

describe('organizationRegistry', () => {
  const empty = { certManager: [], x509: [], clusters: [], changes: [], mail: { sent: 0, failed: 0, pending: 0 } };

  it('marks a certificate expired once now passes its NotAfter, not before', async () => {
    const x509 = [{ cluster: 'c', secretNamespace: 'ns', secretName: 's', subject: 'CN=a', issuer: 'CN=b', serialNumber: '1', notAfter: 1000 }];
    const expired = async (now: number) => /x509_cert_expired\{[^}]*\} (\d)/.exec(await organizationRegistry({ ...empty, x509 }, now).metrics())?.[1];
    expect(await expired(1000)).toBe('0');
    expect(await expired(1000.5)).toBe('1');
  });

  it('gives a cluster never synced a status but no lag', async () => {
    const text = await organizationRegistry({ ...empty, clusters: [{ cluster: 'new', status: 'pending', lastSyncedAt: null }] }, 5000).metrics();
    expect(text).toContain('portico_cluster_status{cluster="new",status="pending"} 1');
    expect(text).not.toMatch(/^portico_cluster_sync_lag_seconds\{/m);
  });

  it('escapes label values as the text format requires', async () => {
    const certManager = [{ cluster: 'c', namespace: 'ns', name: 'a"b\\c', issuerName: 'i', issuerKind: 'Issuer', ready: null, notAfter: null, renewalTime: null }];
    const text = await organizationRegistry({ ...empty, certManager }, 0).metrics();
    expect(text).toContain('name="a\\"b\\\\c"');
    expect(text).toMatch(/certmanager_certificate_ready_status\{[^}]*condition="Unknown"\} 1/);
  });
});
