/**
 * Client-certificate kubeconfigs (kubeadm/kind admin style) through client-node's TLS stack:
 * a local HTTPS server that demands a client certificate signed by the test CA, and whose own
 * certificate is valid only for shop.example.com (so `tls-server-name` is needed on 127.0.0.1).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConnection, parseKubeconfig } from '../src/index.js';
import { LOOPBACK_ALLOWED, b64, fixtures } from './fixtures.js';

let server: Server;
let peers: string[] = [];

const DOCS: Record<string, unknown> = {
  '/version': { major: '1', minor: '30', gitVersion: 'v1.30.4', platform: 'linux/arm64' },
  '/api': { kind: 'APIVersions', versions: ['v1'] },
  '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }] }] },
};

beforeAll(async () => {
  server = createServer(
    { cert: fixtures.serverPem, key: readFileSync(new URL('./fixtures/srv.key', import.meta.url)), ca: fixtures.caPem, requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      const cn = (req.socket as TLSSocket).getPeerCertificate().subject?.CN;
      peers.push(Array.isArray(cn) ? cn.join(',') : (cn ?? ''));
      const doc = DOCS[req.url ?? ''];
      res.writeHead(doc ? 200 : 404, { 'Content-Type': 'application/json' }).end(JSON.stringify(doc ?? { kind: 'Status', code: 404 }));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const kubeconfig = (serverName: string) => `apiVersion: v1
kind: Config
clusters:
- name: kind-dev
  cluster:
    server: https://127.0.0.1:${(server.address() as AddressInfo).port}
    certificate-authority-data: ${b64(fixtures.caPem)}
    tls-server-name: ${serverName}
users:
- name: kind-dev
  user:
    client-certificate-data: ${b64(fixtures.clientPem)}
    client-key-data: ${b64(fixtures.clientKeyPem)}
contexts:
- name: kind-dev
  context: { cluster: kind-dev, user: kind-dev }
current-context: kind-dev
`;

describe('client certificate kubeconfig', () => {
  it('presents the client certificate and verifies the server by tls-server-name', async () => {
    peers = [];
    const result = await checkConnection(parseKubeconfig(kubeconfig('shop.example.com')).connection, { addressPolicy: LOOPBACK_ALLOWED });
    expect(result).toEqual({ ok: true, version: { major: '1', minor: '30', gitVersion: 'v1.30.4', platform: 'linux/arm64' }, apiGroups: ['apps'], hasGatewayApi: false, hasCertManager: false });
    expect(peers).toContain('kubernetes-admin');
  });

  it('fails TLS when the certificate does not cover tls-server-name', async () => {
    const result = await checkConnection(parseKubeconfig(kubeconfig('other.example.com')).connection, { addressPolicy: LOOPBACK_ALLOWED });
    expect(result).toMatchObject({ ok: false, reason: 'tls' });
  });
});
