import { describe, expect, it } from 'vitest';
import { isForbiddenAddress, isForbiddenHostname, validateServerUrl } from './server-url.js';

describe('validateServerUrl', () => {
  it.each([
    'https://203.0.113.10:6443',
    'https://ABCDEF0123456789.gr7.eu-west-1.eks.amazonaws.com',
    'https://k8s.example.com/k8s/clusters/c-m-abc123', // Rancher-proxied clusters have a path
    'https://[2001:db8::10]:6443',
    'https://127.0.0.1:36443', // kind / the simulator
    'https://10.0.0.5:6443',
    'https://metadata.example.com', // only the exact well-known names are refused
  ])('accepts %s', (url) => {
    const r = validateServerUrl(url);
    expect(r.ok).toBe(true);
  });

  it('returns the parsed URL, trimmed', () => {
    const r = validateServerUrl('  https://K8S.Example.com:6443/  ');
    expect(r.ok && r.url.hostname).toBe('k8s.example.com');
  });

  it.each([
    ['http://203.0.113.10:8080', 'https://'],
    ['203.0.113.10:6443', 'https://'],
    ['k8s.example.com:6443', 'https://'], // parses as scheme "k8s.example.com:"
    ['not a url', 'not a valid URL'],
    ['', 'not a valid URL'],
    ['https://admin:secret@k8s.example.com', 'user name or password'],
    ['https://k8s.example.com/?x=1', 'query'],
  ])('refuses %s', (url, reason) => {
    const r = validateServerUrl(url);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(reason);
  });

  it('never echoes credentials found in the URL', () => {
    const r = validateServerUrl('https://admin:s3cr3t@k8s.example.com');
    expect(!r.ok && r.reason).not.toContain('s3cr3t');
  });

  it.each([
    'https://169.254.169.254',
    'https://169.254.169.254/latest/meta-data/iam/security-credentials/',
    'https://169.254.170.2', // ECS task metadata
    'https://169.254.0.23', // Tencent
    'https://100.100.100.200', // Alibaba
    'https://[fd00:ec2::254]',
    'https://[fe80::1]',
    // Spellings of 169.254.169.254 that WHATWG URL parsing normalises:
    'https://2852039166',
    'https://0xa9fea9fe',
    'https://0xA9.0xFE.0xA9.0xFE',
    'https://0251.0376.0251.0376',
    'https://169.254.43518',
    'https://[::ffff:169.254.169.254]',
    'https://[::ffff:a9fe:a9fe]:443',
    'https://[0:0:0:0:0:ffff:a9fe:a9fe]',
    'https://[::169.254.169.254]',
    'https://[64:ff9b::169.254.169.254]',
    'https://[2002:a9fe:a9fe::]',
    // By name:
    'https://metadata.google.internal',
    'https://METADATA.Google.Internal.',
    'https://metadata',
    'https://metadata.goog',
    'https://metadata.azure.com',
    'https://instance-data.ec2.internal',
  ])('refuses the metadata endpoint %s', (url) => {
    const r = validateServerUrl(url);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('metadata');
  });
});

describe('isForbiddenAddress (after DNS resolution)', () => {
  it.each([
    '169.254.169.254',
    '169.254.0.1',
    '169.254.255.255',
    '100.100.100.200',
    'fd00:ec2::254',
    'fe80::1%eth0',
    '[fe80::abcd]',
    '::ffff:169.254.169.254',
    '::ffff:a9fe:a9fe',
    '64:ff9b::a9fe:a9fe',
  ])('forbids %s', (ip) => expect(isForbiddenAddress(ip)).toBe(true));

  it.each([
    '169.253.255.255',
    '169.255.0.0',
    '100.100.100.201',
    '10.0.0.1',
    '127.0.0.1',
    '203.0.113.7',
    '::1',
    '2001:db8::1',
    'fd00:ec2::253',
    '::ffff:10.0.0.1',
    'metadata.google.internal',
    'not-an-ip',
  ])('allows %s', (ip) => expect(isForbiddenAddress(ip)).toBe(false));

  it('isForbiddenHostname covers names and addresses', () => {
    expect(isForbiddenHostname('metadata.google.internal.')).toBe(true);
    expect(isForbiddenHostname('169.254.169.254')).toBe(true);
    expect(isForbiddenHostname('k8s.example.com')).toBe(false);
  });
});
