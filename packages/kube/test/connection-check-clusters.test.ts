/**
 * The cluster-facing `checkConnection` cases, run against the simulator AND a real
 * kube-apiserver (packages/control-plane): the same TLS, authentication and RBAC answers from
 * both. Cases that need no cluster (hanging server, redirect, metadata address) stay in
 * connection-check.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOPBACK_ALLOWED } from './fixtures.js';
import { clusterKinds, type TestCluster } from './real-cluster.js';
import { type CheckConnectionOptions, checkConnection, connectionFromToken, parseKubeconfig, RESOURCES, RESOURCE_LIST, type ClusterConnection, type ConnectionCheck } from '../src/index.js';

const { kinds, skipped } = clusterKinds();

/** Every check here allows loopback (the clusters are on 127.0.0.1), as `npm start` does in development. */
const check = (connection: ClusterConnection, options: CheckConnectionOptions = {}) => checkConnection(connection, { addressPolicy: LOOPBACK_ALLOWED, ...options });

const clusterWide = [RESOURCES.namespaces, RESOURCES.services, RESOURCES.secrets, RESOURCES.gateways, RESOURCES.certificates];

describe.each(kinds)('checkConnection against the $name', (kind) => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await kind.start();
  }, 180_000);
  afterAll(() => cluster?.close());

  const tokenConn = (token: string, extra: Partial<ClusterConnection> = {}): ClusterConnection => ({ ...connectionFromToken({ server: cluster.url, token, caPem: cluster.caPem }), ...extra });

  /** No failure message may carry a credential or certificate. */
  function expectNoSecrets(result: ConnectionCheck, conn: ClusterConnection): void {
    const text = JSON.stringify(result);
    if (conn.auth.kind === 'token') expect(text).not.toContain(conn.auth.token);
    expect(text).not.toContain('BEGIN CERTIFICATE');
    expect(text).not.toContain(cluster.tokens.admin);
  }

  it('accepts the admin kubeconfig and reports version and features', async () => {
    const { connection } = parseKubeconfig(cluster.kubeconfig);
    const result = await check(connection, { requiredAccess: [...RESOURCE_LIST] });
    expect(result).toMatchObject({ ok: true, hasGatewayApi: true, hasCertManager: true });
    if (!result.ok) return;
    expect(result.version.gitVersion).toMatch(/^v1\.\d+/);
    expect(result.version.major).toBe('1');
    expect(result.apiGroups).toEqual(expect.arrayContaining(['apps', 'networking.k8s.io', 'discovery.k8s.io', 'gateway.networking.k8s.io', 'cert-manager.io']));
  });

  it('accepts the read-only token for cluster-wide lists', async () => {
    const result = await check(tokenConn(cluster.tokens.readonly), { requiredAccess: clusterWide });
    expect(result.ok).toBe(true);
  });

  it('skips optional kinds on a cluster without Gateway API or cert-manager', async () => {
    const conn = connectionFromToken({ server: cluster.bare.url, token: cluster.bare.token, caPem: cluster.bare.caPem });
    const result = await check(conn, { requiredAccess: [...RESOURCE_LIST] });
    expect(result).toMatchObject({ ok: true, hasGatewayApi: false, hasCertManager: false });
  });

  it('reports a namespace-scoped token as forbidden, naming every missing permission', async () => {
    const conn = tokenConn(cluster.tokens.namespaced.token);
    const result = await check(conn, { requiredAccess: clusterWide });
    expect(result).toMatchObject({ ok: false, reason: 'forbidden' });
    if (result.ok) return;
    expect(result.missingPermissions).toEqual([
      'list namespaces (cluster-wide)',
      'list services (cluster-wide)',
      'list secrets (cluster-wide)',
      'list gateways.gateway.networking.k8s.io (cluster-wide)',
      'list certificates.cert-manager.io (cluster-wide)',
    ]);
    expect(result.message).toContain('list services (cluster-wide)');
    expect(result.message).toContain('ClusterRole');
    // Both name the service account the apiserver authenticated.
    expect(result.message).toContain(`system:serviceaccount:${cluster.tokens.namespaced.namespace}:`);
    expectNoSecrets(result, conn);
  });

  it('reports a wrong token as unauthorized', async () => {
    const conn = tokenConn('eyJhbGciOiJSUzI1NiJ9.wrong-token-value.sig');
    const result = await check(conn);
    expect(result).toMatchObject({ ok: false, reason: 'unauthorized' });
    expectNoSecrets(result, conn);
  });

  it('reports a CA from another cluster as a TLS problem', async () => {
    const conn = tokenConn(cluster.tokens.admin, { caPem: cluster.bare.caPem });
    const result = await check(conn);
    expect(result).toMatchObject({ ok: false, reason: 'tls' });
    expect(!result.ok && result.message).toContain('not signed by the CA in your kubeconfig');
    expectNoSecrets(result, conn);
  });

  it('reports a self-signed server without a CA as a TLS problem', async () => {
    const result = await check(connectionFromToken({ server: cluster.url, token: cluster.tokens.admin }));
    expect(result).toMatchObject({ ok: false, reason: 'tls' });
    expect(!result.ok && result.message).toContain('Paste the cluster');
  });

  it('reports a name the certificate does not cover', async () => {
    const result = await check(tokenConn(cluster.tokens.admin, { tlsServerName: 'api.example.com' }));
    expect(result).toMatchObject({ ok: false, reason: 'tls' });
    expect(!result.ok && result.message).toContain('"api.example.com"');
  });

  it('connects with insecureSkipTlsVerify and no CA', async () => {
    const result = await check(connectionFromToken({ server: cluster.url, token: cluster.tokens.admin, insecureSkipTlsVerify: true }));
    expect(result.ok).toBe(true);
  });
});

// Without a Go toolchain the real-cluster half shows up as skipped, with the reason in its name.
if (skipped) describe.skip(`checkConnection against the real control plane: ${skipped}`, () => it('runs the cases above against a real kube-apiserver', () => undefined));
