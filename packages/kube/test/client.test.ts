/**
 * KubeClient against small local HTTPS servers, for what the simulator does not do: a server
 * that is not Kubernetes must not make Portico buffer without limit.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KubeClient, type KubeClientLimits, checkConnection, KubeHttpError, KubeMalformedWatchEventError, KubeResponseTooLargeError, type WatchEvent } from '../src/index.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
let servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  servers = [];
});

async function serve(handler: Parameters<typeof createServer>[1], limits?: Partial<KubeClientLimits>): Promise<KubeClient> {
  const server = createServer({ cert: fixture('srv.pem'), key: fixture('srv.key') }, handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new KubeClient({ server: `https://127.0.0.1:${port}`, insecureSkipTlsVerify: true, auth: { kind: 'token', token: 't' } }, { limits, addressPolicy: { allow: ['loopback'] } });
}

describe('KubeClient.watch', () => {
  it('delivers events split across chunks, in order, with UTF-8 split mid-character', async () => {
    const stream = Buffer.from(
      '{"type":"ADDED","object":{"metadata":{"name":"a","annotations":{"note":"Grüße ✓"}}}}\n{"type":"MODIFIED","object":{"metadata":{"name":"a"}}}\n{"type":"DELETED","object":{"metadata":{"name":"a"}}}',
    );
    const cut = stream.indexOf('ü') + 1; // inside the two bytes of "ü"
    const client = await serve((_req, res) => {
      res.write(stream.subarray(0, cut));
      setTimeout(() => res.end(stream.subarray(cut)), 20);
    });
    const events: WatchEvent[] = [];
    await client.watch('/api/v1/services?watch=1', (e) => events.push(e));
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(events[0].object).toMatchObject({ metadata: { annotations: { note: 'Grüße ✓' } } });
    await client.close();
  });

  it('gives up on a line longer than any Kubernetes object', async () => {
    const client = await serve((_req, res) => {
      const block = 'x'.repeat(1024 * 1024);
      let sent = 0;
      const push = () => {
        while (sent < 40 && res.write(block)) sent++;
        if (sent < 40) res.once('drain', push);
        else res.end();
      };
      push();
    });
    await expect(client.watch('/api/v1/services?watch=1', () => undefined)).rejects.toBeInstanceOf(KubeHttpError);
    await client.close();
  });
});

/**
 * Serves `total` bytes generated on the fly (never held in memory), honouring back-pressure, and
 * reports how many bytes the socket took before the client cut it.
 */
function hostileBody(total: number, head: Record<string, string> = {}, status = 200) {
  const sent = { bytes: 0, closed: false };
  const block = Buffer.alloc(1024 * 1024, 'a');
  const handler: Parameters<typeof createServer>[1] = (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...head });
    res.on('close', () => (sent.closed = true));
    res.write('{"kind":"Status","message":"');
    const push = () => {
      while (sent.bytes < total && !sent.closed) {
        sent.bytes += block.length;
        if (!res.write(block)) return void res.once('drain', push);
      }
      if (!sent.closed) res.end('"}');
    };
    push();
  };
  return { sent, handler };
}

const GB = 1024 * 1024 * 1024;
const MB = 1024 * 1024;

describe('KubeClient size caps', () => {
  it('refuses a 1 GB /version after 4 MB, cuts the socket, and keeps RSS bounded', async () => {
    const hostile = hostileBody(GB);
    const client = await serve(hostile.handler);
    const before = process.memoryUsage().rss;
    const err = await client.getJson('/version').catch((e: unknown) => e);
    const grown = process.memoryUsage().rss - before;
    expect(err).toBeInstanceOf(KubeResponseTooLargeError);
    expect((err as Error).message).toBe('the server sent more than 4 MB for /version; a Kubernetes API server does not');
    expect(grown).toBeLessThan(100 * MB);
    await expect.poll(() => hostile.sent.closed).toBe(true);
    expect(hostile.sent.bytes).toBeLessThan(64 * MB); // the server was stopped, not read to the end
    await client.close();
  });

  it('refuses a 1 GB list page over its 64 MB cap with RSS bounded, and honours a configured cap', async () => {
    const hostile = hostileBody(GB);
    const client = await serve(hostile.handler);
    const before = process.memoryUsage().rss;
    const err = await client.getJson('/api/v1/services?limit=500', { kind: 'list' }).catch((e: unknown) => e);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * MB);
    expect((err as Error).message).toBe('the server sent more than 64 MB for /api/v1/services; a Kubernetes API server does not');
    await client.close();

    const limited = await serve(hostileBody(8 * MB).handler, { listPageBytes: 2 * MB });
    await expect(limited.getJson('/api/v1/services', { kind: 'list' })).rejects.toThrow('more than 2 MB for /api/v1/services');
    await limited.close();
  });

  it('refuses a declared Content-Length over the cap before reading any of it', async () => {
    const client = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(GB) });
      res.write('{');
    });
    await expect(client.getJson('/version')).rejects.toBeInstanceOf(KubeResponseTooLargeError);
    await client.close();
  });

  it('reads only the start of a huge error body and still reports the status', async () => {
    const hostile = hostileBody(GB, {}, 500);
    const client = await serve(hostile.handler);
    const before = process.memoryUsage().rss;
    const err = await client.getJson('/apis').catch((e: unknown) => e);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * MB);
    expect(err).toBeInstanceOf(KubeHttpError);
    expect((err as KubeHttpError).status).toBe(500);
    await expect.poll(() => hostile.sent.closed).toBe(true);
    expect(hostile.sent.bytes).toBeLessThan(64 * MB);
    await client.close();
  });
});

describe('KubeClient.watch, hostile streams', () => {
  it('never quotes a malformed line in its error (it may be a Secret)', async () => {
    const secret = 'c2VjcmV0LXRscy1rZXktbWF0ZXJpYWw=';
    // V8 quotes the text around the error in its message: here, the unquoted Secret value.
    const lines = [`{"type":"ADDED","object":{"data":{"tls.key":${secret}}}}`, `{"type":"ADDED","object":{"data":{"tls.key":"${secret}"}} oops`];
    for (const line of lines) {
      const client = await serve((_req, res) => res.end(`${line}\n`));
      const err = await client.watch('/api/v1/secrets?watch=1', () => undefined).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KubeMalformedWatchEventError);
      expect((err as Error).message).toMatch(/^\/api\/v1\/secrets sent a watch event that is not JSON \(\d+ characters(, invalid at position \d+)?\)$/);
      expect((err as Error).message).not.toContain(secret.slice(0, 8));
      await client.close();
    }
  });

  it('does not deliver the next event until the promise onEvent returned settles (back-pressure)', async () => {
    const client = await serve((_req, res) => {
      let n = 0;
      const push = () => {
        while (n < 5000) if (!res.write(`{"type":"ADDED","object":{"metadata":{"name":"o${n++}"}}}\n`)) return void res.once('drain', push);
        res.end();
      };
      push();
    });
    let inFlight = false;
    let overlapped = 0;
    let seen = 0;
    await client.watch('/api/v1/services?watch=1', async () => {
      if (inFlight) overlapped++;
      inFlight = true;
      await new Promise((r) => setImmediate(r));
      seen++;
      inFlight = false;
    });
    expect(overlapped).toBe(0);
    expect(seen).toBe(5000);
    await client.close();
  });
});

describe('checkConnection against a hostile server', () => {
  it('answers not_kubernetes with the cap in plain words, not a crash or a buffered gigabyte', async () => {
    const hostile = hostileBody(GB);
    const server = createServer({ cert: fixture('srv.pem'), key: fixture('srv.key') }, hostile.handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const connection = { server: `https://127.0.0.1:${port}`, insecureSkipTlsVerify: true, auth: { kind: 'token' as const, token: 't' } };
    const result = await checkConnection(connection, { addressPolicy: { allow: ['loopback'] }, limits: { discoveryBytes: MB } });
    expect(result).toEqual({ ok: false, reason: 'not_kubernetes', message: `127.0.0.1:${port}: the server sent more than 1 MB for /version; a Kubernetes API server does not.` });
  });
});
