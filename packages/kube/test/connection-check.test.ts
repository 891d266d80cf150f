/**
 * `checkConnection` cases that need a server misbehaving in ways no cluster does (closed port,
 * a hanging handshake, a redirect, a metadata address). The TLS, authentication and RBAC cases
 * run against the simulator and a real kube-apiserver in connection-check-clusters.test.ts.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { startSimulator } from '@portico/kube-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOOPBACK_ALLOWED } from './fixtures.js';
import { type CheckConnectionOptions, checkConnection, connectionFromToken, type ClusterConnection } from '../src/index.js';

let hanging: Server;
const hangingSockets = new Set<Socket>();

beforeAll(async () => {
  // Accepts TCP, never answers the TLS handshake.
  hanging = createServer((socket) => {
    hangingSockets.add(socket);
    socket.on('close', () => hangingSockets.delete(socket));
  });
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const socket of hangingSockets) socket.destroy();
  await new Promise((resolve) => hanging?.close(resolve));
});

/** Every check here allows loopback (the test servers are on 127.0.0.1), as `npm start` does in development. */
const check = (connection: ClusterConnection, options: CheckConnectionOptions = {}) => checkConnection(connection, { addressPolicy: LOOPBACK_ALLOWED, ...options });

describe('checkConnection against servers that misbehave', () => {
  it('reports a closed port as unreachable', async () => {
    const closed = await startSimulator({ gatewayApi: false, certManager: false });
    const url = closed.url;
    await closed.close();
    const result = await check(connectionFromToken({ server: url, token: 'x', insecureSkipTlsVerify: true }));
    expect(result).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('times out on a server that never answers', async () => {
    const address = hanging.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const started = Date.now();
    const result = await check(connectionFromToken({ server: `https://127.0.0.1:${port}`, token: 'x', insecureSkipTlsVerify: true }), { timeoutMs: 500 });
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
      const result = await check(connectionFromToken({ server, token: 'secret-token-value', insecureSkipTlsVerify: true }));
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
    const result = await check(connectionFromToken({ server: 'https://169.254.169.254', token: 'x' }));
    expect(result).toMatchObject({ ok: false, reason: 'invalid_server' });
  });
});
