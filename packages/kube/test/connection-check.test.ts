/**
 * `checkConnection` against the Kubernetes API simulator over real HTTPS: the same TLS, auth
 * and RBAC answers a real apiserver gives.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { startSimulator, type Simulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConnection, connectionFromToken, parseKubeconfig, RESOURCES, RESOURCE_LIST, type ClusterConnection, type ConnectionCheck } from '../src/index.js';

let sim: Simulator;
let other: Simulator;
let hanging: Server;
const hangingSockets = new Set<Socket>();

beforeAll(async () => {
  [sim, other] = await Promise.all([startSimulator(), startSimulator({ gatewayApi: false, certManager: false })]);
  // Accepts TCP, never answers the TLS handshake.
  hanging = createServer((socket) => {
    hangingSockets.add(socket);
    socket.on('close', () => hangingSockets.delete(socket));
  });
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const socket of hangingSockets) socket.destroy();
  await Promise.all([sim?.close(), other?.close(), new Promise((resolve) => hanging?.close(resolve))]);
});

const tokenConn = (token: string, extra: Partial<ClusterConnection> = {}): ClusterConnection => ({ ...connectionFromToken({ server: sim.url, token, caPem: sim.caPem }), ...extra });

/** No failure message may carry a credential or certificate. */
function expectNoSecrets(result: ConnectionCheck, conn: ClusterConnection): void {
  const text = JSON.stringify(result);
  if (conn.auth.kind === 'token') expect(text).not.toContain(conn.auth.token);
  expect(text).not.toContain('BEGIN CERTIFICATE');
  expect(text).not.toContain(sim.tokens.admin);
}

const clusterWide = [RESOURCES.namespaces, RESOURCES.services, RESOURCES.secrets, RESOURCES.gateways, RESOURCES.certificates];

describe('checkConnection (simulator)', () => {
  it('accepts the admin kubeconfig and reports version and features', async () => {
    const { connection } = parseKubeconfig(sim.kubeconfig);
    const result = await checkConnection(connection, { requiredAccess: [...RESOURCE_LIST] });
    expect(result).toMatchObject({ ok: true, hasGatewayApi: true, hasCertManager: true });
    if (!result.ok) return;
    expect(result.version.gitVersion).toMatch(/^v1\.\d+/);
    expect(result.version.major).toBe('1');
    expect(result.apiGroups).toEqual(expect.arrayContaining(['apps', 'networking.k8s.io', 'discovery.k8s.io', 'gateway.networking.k8s.io', 'cert-manager.io']));
  });

  it('accepts the read-only token for cluster-wide lists', async () => {
    const result = await checkConnection(tokenConn(sim.tokens.readonly), { requiredAccess: clusterWide });
    expect(result.ok).toBe(true);
  });

  it('skips optional kinds on a cluster without Gateway API or cert-manager', async () => {
    const conn = connectionFromToken({ server: other.url, token: other.tokens.admin, caPem: other.caPem });
    const result = await checkConnection(conn, { requiredAccess: [...RESOURCE_LIST] });
    expect(result).toMatchObject({ ok: true, hasGatewayApi: false, hasCertManager: false });
  });

  it('reports a namespace-scoped token as forbidden, naming every missing permission', async () => {
    const conn = tokenConn(sim.tokens.namespaced.token);
    const result = await checkConnection(conn, { requiredAccess: clusterWide });
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
    expectNoSecrets(result, conn);
  });

  it('reports a wrong token as unauthorized', async () => {
    const conn = tokenConn('eyJhbGciOiJSUzI1NiJ9.wrong-token-value.sig');
    const result = await checkConnection(conn);
    expect(result).toMatchObject({ ok: false, reason: 'unauthorized' });
    expectNoSecrets(result, conn);
  });

  it('reports a CA from another cluster as a TLS problem', async () => {
    const conn = tokenConn(sim.tokens.admin, { caPem: other.caPem });
    const result = await checkConnection(conn);
    expect(result).toMatchObject({ ok: false, reason: 'tls' });
    expect(!result.ok && result.message).toContain('not signed by the CA in your kubeconfig');
    expectNoSecrets(result, conn);
  });

  it('reports a self-signed server without a CA as a TLS problem', async () => {
    const result = await checkConnection(connectionFromToken({ server: sim.url, token: sim.tokens.admin }));
    expect(result).toMatchObject({ ok: false, reason: 'tls' });
    expect(!result.ok && result.message).toContain('Paste the cluster');
  });

  it('reports a name the certificate does not cover', async () => {
    const result = await checkConnection(tokenConn(sim.tokens.admin, { tlsServerName: 'api.example.com' }));
    expect(result).toMatchObject({ ok: false, reason: 'tls' });
    expect(!result.ok && result.message).toContain('"api.example.com"');
  });

  it('connects with insecureSkipTlsVerify and no CA', async () => {
    const result = await checkConnection(connectionFromToken({ server: sim.url, token: sim.tokens.admin, insecureSkipTlsVerify: true }));
    expect(result.ok).toBe(true);
  });

  it('reports a closed port as unreachable', async () => {
    const closed = await startSimulator({ gatewayApi: false, certManager: false });
    const url = closed.url;
    await closed.close();
    const result = await checkConnection(connectionFromToken({ server: url, token: 'x', insecureSkipTlsVerify: true }));
    expect(result).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('times out on a server that never answers', async () => {
    const address = hanging.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const started = Date.now();
    const result = await checkConnection(connectionFromToken({ server: `https://127.0.0.1:${port}`, token: 'x', insecureSkipTlsVerify: true }), { timeoutMs: 500 });
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('does not follow a redirect to another address', async () => {
    let hits = 0;
    const target = createHttpServer((_req, res) => {
      hits++;
      res.end('{"gitVersion":"v1.31.0","major":"1","minor":"31"}');
    });
    // Any certificate will do with insecureSkipTlsVerify; the test client certificate is at hand.
    const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
    const redirector = createHttpsServer({ cert: fixture('client.pem'), key: fixture('client.key') }, (_req, res) => {
      res.writeHead(302, { Location: `http://127.0.0.1:${(target.address() as AddressInfo).port}/version` }).end();
    });
    await Promise.all([new Promise<void>((r) => target.listen(0, '127.0.0.1', r)), new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r))]);
    try {
      const server = `https://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
      const result = await checkConnection(connectionFromToken({ server, token: 'secret-token-value', insecureSkipTlsVerify: true }));
      expect(result).toMatchObject({ ok: false, reason: 'not_kubernetes' });
      expect(!result.ok && result.message).toContain('redirect');
      expect(hits).toBe(0);
    } finally {
      redirector.closeAllConnections();
      target.closeAllConnections();
      await Promise.all([new Promise((r) => redirector.close(r)), new Promise((r) => target.close(r))]);
    }
  });

  it('refuses a metadata address without sending anything', async () => {
    const result = await checkConnection(connectionFromToken({ server: 'https://169.254.169.254', token: 'x' }));
    expect(result).toMatchObject({ ok: false, reason: 'invalid_server' });
  });
});
