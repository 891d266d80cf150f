import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));
const { forwardToApi } = await import('./forward-to-api');

/** A stand-in API that records the headers each request arrived with. */
let api: Server;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  api = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on('end', () => res.writeHead(202, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  vi.stubEnv('API_URL', `http://127.0.0.1:${(api.address() as AddressInfo).port}`);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => api.close(resolve));
});

describe('forwardToApi', () => {
  it('passes the Idempotency-Key of a submit on to the API, so a retry through the web makes no second change', async () => {
    const req = new Request('http://web.test/api/v1/clusters/c1/changes', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'form-session-1', 'x-not-forwarded': 'x' },
      body: JSON.stringify({ change: { type: 'yaml', yaml: 'kind: Service' } }),
    });
    const res = await forwardToApi(req);
    expect(res.status).toBe(202);
    expect(seen.at(-1)?.['idempotency-key']).toBe('form-session-1');
    expect(seen.at(-1)?.['x-not-forwarded']).toBeUndefined();
  });
});
