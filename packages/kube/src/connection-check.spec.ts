import { describe, expect, it } from 'vitest';
import { KubeHttpError } from './client.js';
import { describeFailure } from './connection-check.js';
import type { ClusterConnection } from './connection.js';

const TOKEN = 'sha256~very-secret-token';
const conn: ClusterConnection = {
  server: 'https://k8s.example.com:6443',
  caPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
  insecureSkipTlsVerify: false,
  auth: { kind: 'token', token: TOKEN },
};
const fetchFailed = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(`${code} detail`), { code }) });

describe('describeFailure', () => {
  it.each([
    ['ECONNREFUSED', 'unreachable', 'connection refused'],
    ['ENOTFOUND', 'unreachable', 'could not be resolved'],
    ['EHOSTUNREACH', 'unreachable', 'EHOSTUNREACH'],
    ['ENETUNREACH', 'unreachable', 'ENETUNREACH'],
    ['ETIMEDOUT', 'timeout', 'timed out'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout', 'timed out'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls', 'not signed by the CA in your kubeconfig'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls', 'not signed by the CA in your kubeconfig'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls', 'not signed by the CA in your kubeconfig'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls', 'not valid for "k8s.example.com"'],
    ['CERT_HAS_EXPIRED', 'tls', 'expired'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls', 'TLS handshake'],
    ['EWHATEVER', 'error', 'EWHATEVER'],
  ])('%s → %s', (code, reason, words) => {
    const failure = describeFailure(fetchFailed(code), conn);
    expect(failure.reason).toBe(reason);
    expect(failure.message).toContain(words);
  });

  it('explains an untrusted certificate differently when no CA was given', () => {
    expect(describeFailure(fetchFailed('SELF_SIGNED_CERT_IN_CHAIN'), { ...conn, caPem: undefined }).message).toContain('publicly trusted');
  });

  it('maps aborts to timeout', () => {
    expect(describeFailure(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), conn, 2500)).toMatchObject({ reason: 'timeout', message: expect.stringContaining('2.5 s') });
  });

  it('maps HTTP answers', () => {
    expect(describeFailure(new KubeHttpError(401, 'Unauthorized', '/version'), conn).reason).toBe('unauthorized');
    expect(describeFailure(new KubeHttpError(403, 'forbidden', '/version'), conn)).toMatchObject({ reason: 'forbidden', missingPermissions: ['get /version'] });
    expect(describeFailure(new KubeHttpError(404, undefined, '/version'), conn).reason).toBe('not_kubernetes');
    expect(describeFailure(new KubeHttpError(302, undefined, '/version'), conn).reason).toBe('not_kubernetes');
    expect(describeFailure(new KubeHttpError(503, 'etcd leader changed', '/apis'), conn)).toMatchObject({ reason: 'error', message: expect.stringContaining('503') });
  });

  it('redacts a credential a server echoes back', () => {
    const failure = describeFailure(new KubeHttpError(500, `bad token ${TOKEN}`, '/version'), conn);
    expect(failure.message).not.toContain(TOKEN);
    expect(failure.message).toContain('[redacted]');
  });
});
