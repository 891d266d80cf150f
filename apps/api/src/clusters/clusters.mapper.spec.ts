import { ZCluster } from '@portico/contracts';
import { describe, expect, it } from 'vitest';
import { toClusterDto } from './clusters.mapper.js';

const row = {
  id: '6f1c0a52-1111-4a4a-9b9b-000000000001',
  name: 'prod',
  server: 'https://k8s.example.com',
  authKind: 'token',
  insecureSkipTlsVerify: false,
  enabled: true,
  requireApproval: false,
  status: 'ready' as const,
  statusReason: null,
  lastSyncedAt: null,
  facts: {},
  syncProgress: {},
  syncWarnings: [] as unknown,
  createdAt: new Date('2026-11-30T00:00:00Z'),
  credentials: 'v2.sealed',
  credentialsKeyId: 'abcd',
};

describe('toClusterDto', () => {
  it('passes on the sync warnings, field by field, and nothing of the sealed credentials', () => {
    const warning = { kind: 'Service', namespace: 'shop', name: 'web', message: 'stored with characters Postgres cannot hold … replaced by U+FFFD in metadata.annotations.note' };
    const dto = toClusterDto({ ...row, syncWarnings: [{ ...warning, extra: 'dropped' }] });
    expect(dto.syncWarnings).toEqual([warning]);
    expect(ZCluster.parse(dto)).toBeTruthy();
    expect(JSON.stringify(dto)).not.toMatch(/sealed|abcd/);
  });

  it('drops malformed entries and keeps at most 50', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ kind: 'Service', namespace: 'x', name: `s${i}`, message: 'm' }));
    expect(toClusterDto({ ...row, syncWarnings: [null, 'text', { kind: 1 }, ...many] }).syncWarnings).toHaveLength(50);
    expect(toClusterDto({ ...row, syncWarnings: { not: 'an array' } }).syncWarnings).toEqual([]);
  });
});
