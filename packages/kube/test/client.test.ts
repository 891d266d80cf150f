/**
 * KubeClient against small local HTTPS servers, for what the simulator does not do: a server
 * that is not Kubernetes must not make Portico buffer without limit.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KubeClient, KubeHttpError, type WatchEvent } from '../src/index.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(handler: Parameters<typeof createServer>[1]): Promise<KubeClient> {
  server = createServer({ cert: fixture('srv.pem'), key: fixture('srv.key') }, handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new KubeClient({ server: `https://127.0.0.1:${port}`, insecureSkipTlsVerify: true, auth: { kind: 'token', token: 't' } });
}

describe('KubeClient.watch', () => {
  it('delivers events split across chunks, in order, with UTF-8 split mid-character', async () => {
    const stream = Buffer.from('{"type":"ADDED","object":{"metadata":{"name":"a","annotations":{"note":"Grüße ✓"}}}}\n{"type":"MODIFIED","object":{"metadata":{"name":"a"}}}\n{"type":"DELETED","object":{"metadata":{"name":"a"}}}');
    const cut = stream.indexOf('ü') + 1; // inside the two bytes of "ü"
    const client = await serve((_req, res) => {
      res.write(stream.subarray(0, cut));
      setTimeout(() => res.end(stream.subarray(cut)), 20);
    });
    const events: WatchEvent[] = [];
    await client.watch('/api/v1/services?watch=1', (e) => events.push(e));
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(events[0]!.object).toMatchObject({ metadata: { annotations: { note: 'Grüße ✓' } } });
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
