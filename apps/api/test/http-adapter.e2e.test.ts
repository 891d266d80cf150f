import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type TestApp, seedOrganization, startTestApp } from './support/test-app.js';

/**
 * Both HTTP platforms (`API_HTTP_ADAPTER`) answer the same requests the same way: the headers
 * every answer carries, request ids, cookies, body caps and parse errors, unknown routes, the
 * docs' static assets. Issue 13 chose the platform by measurement; this keeps the other honest.
 */
const adapters = ['express', 'fastify'] as const;
const apps = {} as Record<(typeof adapters)[number], TestApp>;
let email: string;
beforeAll(async () => {
  for (const adapter of adapters) apps[adapter] = await startTestApp({ API_HTTP_ADAPTER: adapter, PORTICO_BODY_LIMIT: '2kb' });
  email = (await seedOrganization(apps.express.db, 'adapter')).users.admin.email;
});
afterAll(async () => {
  for (const app of Object.values(apps)) await app.close();
});

type Case = { name: string; send: (agent: request.Agent) => request.Test };
const login = (agent: request.Agent) => agent.post('/api/v1/auth/login');
const cases: Case[] = [
  { name: 'a public route', send: (a) => a.get('/api/healthz') },
  { name: 'a trailing slash', send: (a) => a.get('/api/healthz/') },
  { name: 'HEAD of a GET route', send: (a) => a.head('/api/healthz') },
  { name: 'an unknown route', send: (a) => a.get('/api/v1/nowhere?x=1') },
  { name: 'an unknown method', send: (a) => a.delete('/api/healthz') },
  { name: 'a valid caller request id', send: (a) => a.get('/api/healthz').set('X-Request-Id', 'caller-id.42') },
  { name: 'an invalid caller request id', send: (a) => a.get('/api/healthz').set('X-Request-Id', 'no spaces <here>') },
  { name: 'no credentials', send: (a) => a.get('/api/v1/me') },
  { name: 'malformed JSON', send: (a) => login(a).set('Content-Type', 'application/json').send('{"email": ') },
  { name: 'a body over PORTICO_BODY_LIMIT', send: (a) => login(a).send({ email, password: 'x'.repeat(4096) }) },
  { name: 'an empty JSON body', send: (a) => login(a).set('Content-Type', 'application/json').send('') },
  { name: 'a +json media type', send: (a) => login(a).set('Content-Type', 'application/merge-patch+json').send(JSON.stringify({ email })) },
  { name: 'a text body', send: (a) => login(a).set('Content-Type', 'text/plain').send('hello') },
  { name: 'a latin-1 charset', send: (a) => login(a).set('Content-Type', 'application/json; charset=latin1').send('{}') },
  {
    name: 'a gzip body',
    send: (a) =>
      login(a)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .send(gzipSync(JSON.stringify({ email, password: 'wrong-password-gz' }))),
  },
  {
    name: 'a gzip body inflating over the limit',
    send: (a) =>
      login(a)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .send(gzipSync(' '.repeat(100_000))),
  },
  { name: 'a broken gzip body', send: (a) => login(a).set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('not gzip at all') },
  { name: 'an unknown encoding', send: (a) => login(a).set('Content-Type', 'application/json').set('Content-Encoding', 'zstd-x').send('{}') },
  { name: 'a wrong password', send: (a) => login(a).send({ email, password: 'wrong-password-here' }) },
  { name: 'a docs asset', send: (a) => a.get('/api/docs/assets/swagger-ui.css') },
  { name: 'a missing docs asset', send: (a) => a.get('/api/docs/assets/nope.css') },
];

/** What must be equal between platforms: status, the headers we set, and the body minus per-request ids. */
function shape(res: request.Response) {
  const h = res.headers;
  const requestId = String(h['x-request-id']);
  const body = h['content-type']?.includes('json') && res.body ? JSON.stringify(res.body).replaceAll(requestId, '<id>') : res.text?.length;
  const headers = ['content-type', 'cache-control', 'content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options', 'x-powered-by', 'etag'].map((n) => [n, h[n]]);
  return { status: res.status, headers, body, requestId: /^[0-9a-f-]{36}$/.test(requestId) ? '<minted>' : requestId };
}

describe('the HTTP platforms answer alike', () => {
  it.each(cases)('$name', async ({ send }) => {
    const [express, fastify] = await Promise.all(adapters.map((a) => send(request.agent(apps[a].app.getHttpServer()))));
    expect(shape(fastify)).toEqual(shape(express));
    expect(express.status).toBeLessThan(500);
    expect(express.headers['x-request-id']).toBeTruthy();
  });

  it('sets and clears the session cookie with the same attributes', async () => {
    const cookies = async (adapter: (typeof adapters)[number]) => {
      const agent = request.agent(apps[adapter].app.getHttpServer());
      const signedIn = await login(agent).set('X-Forwarded-For', '198.51.100.7').send({ email, password: PASSWORD });
      expect(signedIn.status).toBe(200);
      const out = await agent.post('/api/v1/auth/logout').set('X-CSRF-Token', (signedIn.body as { csrfToken: string }).csrfToken);
      expect(out.status).toBe(204);
      const attributes = (res: request.Response) =>
        String(res.headers['set-cookie'])
          .replace(/=[^;]*;/, '=<v>;')
          .replace(/Expires=[^;]+/, (e) => (e.includes('1970') ? e : 'Expires=<later>'));
      return [attributes(signedIn), attributes(out)];
    };
    const [express, fastify] = [await cookies('express'), await cookies('fastify')];
    expect(express[0]).toBe('portico_session=<v>; Max-Age=43200; Path=/; Expires=<later>; HttpOnly; SameSite=Lax');
    expect(express[1]).toBe('portico_session=<v>; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax');
    expect(fastify).toEqual(express);
  });
});
