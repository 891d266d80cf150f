/**
 * The address policy is enforced inside the connection: a real TCP listener on this machine
 * counts the connections Portico opens. A refused address must never reach it — whatever the
 * URL's text says, however the name resolves, whichever client makes the request.
 */
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AddressPolicy, type ClusterConnection, KubeClient, checkConnection, connectionFromToken, resolveAllowed } from '../src/index.js';
import { LOOPBACK_ALLOWED } from './fixtures.js';

/** Listens on every local address (IPv4 and IPv6); accepts and cuts each connection. */
let listener: Server;
let port: number;
let connections = 0;
const sockets = new Set<Socket>();

beforeAll(async () => {
  listener = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.destroy();
  });
  listener.listen(0, '::');
  await once(listener, 'listening');
  port = (listener.address() as AddressInfo).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => listener.close(resolve));
});
beforeEach(() => {
  connections = 0;
});

const connection = (server: string): ClusterConnection => connectionFromToken({ server, token: 'a-token', insecureSkipTlsVerify: true });

async function get(server: string, addressPolicy?: AddressPolicy): Promise<unknown> {
  const client = new KubeClient(connection(server), addressPolicy ? { addressPolicy } : {});
  try {
    return await client.getJson('/version', { signal: AbortSignal.timeout(5_000) });
  } catch (err) {
    return err;
  } finally {
    await client.close();
  }
}

/** Plays a DNS server: every name resolves to the given addresses. */
const dns =
  (...addresses: string[]): AddressPolicy['resolve'] =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('address policy, enforced on the connection', () => {
  it('the listener counts connections when loopback is allowed (the control)', async () => {
    const err = await get(`https://127.0.0.1:${port}`, LOOPBACK_ALLOWED);
    expect(err).toMatchObject({ code: expect.not.stringMatching(/ADDRESS_REFUSED/) });
    expect(connections).toBeGreaterThan(0);
  });

  it.each(['127.0.0.1', 'localhost', '0.0.0.0', '[::]', '[::1]', '[::ffff:127.0.0.1]', '127.1'])('never connects to %s by default', async (host) => {
    const err = await get(`https://${host}:${port}`);
    expect(err).toMatchObject({ code: 'ERR_PORTICO_ADDRESS_REFUSED' });
    expect(connections).toBe(0);
  });

  it('checks the address a name resolves to at connection time, not at registration', async () => {
    // The name resolved to a public address when it was registered; it now resolves to this machine.
    let answer = '203.0.113.10';
    const policy: AddressPolicy = { allow: [], resolve: async () => [{ address: answer, family: 4 }] };
    await expect(resolveAllowed('rebinding.example', policy)).resolves.toEqual([{ address: '203.0.113.10', family: 4 }]);
    answer = '127.0.0.1';
    const err = await get(`https://rebinding.example:${port}`, policy);
    expect(err).toMatchObject({ code: 'ERR_PORTICO_ADDRESS_REFUSED', addressClass: 'loopback' });
    expect((err as Error).message).toMatch(
      /^rebinding\.example resolves to a loopback address, which this installation does not allow; an administrator can allow it with PORTICO_CLUSTER_ADDRESSES_ALLOWED=loopback\.$/,
    );
    expect(connections).toBe(0);
  });

  it('refuses a metadata address even when loopback and private ones are allowed', async () => {
    const everything: AddressPolicy = { allow: ['loopback', 'private'], resolve: dns('127.0.0.1', '169.254.169.254') };
    const err = await get(`https://imds.example:${port}`, everything);
    expect(err).toMatchObject({ code: 'ERR_PORTICO_ADDRESS_REFUSED', addressClass: 'metadata' });
    expect(connections).toBe(0);
    for (const literal of ['169.254.169.254', '[fd00:ec2::254]', '[::ffff:a9fe:a9fe]']) {
      expect(await get(`https://${literal}:${port}`, everything)).toMatchObject({ addressClass: 'metadata' });
    }
  });

  it('refuses private literals at once, without trying to connect', async () => {
    const started = Date.now();
    for (const host of ['10.20.30.40', '192.168.0.1', '172.16.5.4', '100.64.0.1', '[fd12::1]']) {
      expect(await get(`https://${host}:6443`)).toMatchObject({ code: 'ERR_PORTICO_ADDRESS_REFUSED', addressClass: 'private' });
    }
    // A connection attempt to an unrouted private address would wait for the 10 s connect timeout.
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('gives a port scan of a refused address the same answer for an open and a closed port', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const policy: AddressPolicy = { allow: [], resolve: dns('127.0.0.1') };
    const open = await checkConnection(connection(`https://internal.example:${port}`), { addressPolicy: policy, timeoutMs: 3_000 });
    const shut = await checkConnection(connection(`https://internal.example:${closedPort}`), { addressPolicy: policy, timeoutMs: 3_000 });
    expect(open).toEqual(shut);
    expect(open).toMatchObject({ ok: false, reason: 'invalid_server', message: expect.stringContaining('does not allow') });
    expect(connections).toBe(0);
  });

  it('still explains failures in detail for an allowed address', async () => {
    const result = await checkConnection(connection(`https://localhost:${port}`), { addressPolicy: LOOPBACK_ALLOWED, timeoutMs: 3_000 });
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/unreachable|tls/) });
    expect(connections).toBeGreaterThan(0);
  });
});
