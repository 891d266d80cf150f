import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type TestApp, seedOrganization, startTestApp } from './support/test-app.js';

/**
 * What the HTTP layer answers below every route: headers, request ids, cookies, body caps and
 * parse errors, unknown routes, the docs' static assets. The expectations are the answers the
 * API gave on Express before issue 13 moved it to Fastify, recorded request by request.
 */
let t: TestApp;
let email: string;
beforeAll(async () => {
  t = await startTestApp({ PORTICO_BODY_LIMIT: '2kb' });
  email = (await seedOrganization(t.db, 'platform')).users.admin.email;
});
afterAll(() => t.close());

const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM = 'application/problem+json; charset=utf-8';
type Expected = { status: number; type: string; code?: string; detail?: string; param?: string; requestId?: string; body?: unknown };
type Case = { name: string; send: (agent: request.Agent) => request.Test; expected: Expected };
const login = (agent: request.Agent) => agent.post('/api/v1/auth/login');
// superagent would JSON-encode a Buffer sent as application/json; the identity serializer sends the bytes.
const gzipped = (req: request.Test, text: string) =>
  req
    .set('Content-Type', 'application/json')
    .set('Content-Encoding', 'gzip')
    .serialize((b: string) => b)
    .send(gzipSync(text));
const ok = { status: 200, type: JSON_TYPE, body: { status: 'ok' } };
const unreadable = { status: 400, type: PROBLEM, code: 'malformed_request', detail: 'The request body could not be read', param: 'body' };
const unsupportedEncoding = { status: 415, type: PROBLEM, code: 'unsupported_media_type', detail: 'Unsupported body encoding', param: 'body' };
const notJson = { status: 415, type: PROBLEM, code: 'unsupported_media_type', detail: 'Send the body as application/json', param: 'body' };
const cases: Case[] = [
  { name: 'a public route', send: (a) => a.get('/api/healthz'), expected: ok },
  { name: 'a trailing slash', send: (a) => a.get('/api/healthz/'), expected: ok },
  { name: 'HEAD of a GET route', send: (a) => a.head('/api/healthz'), expected: { status: 200, type: JSON_TYPE } },
  { name: 'an unknown route', send: (a) => a.get('/api/v1/nowhere?x=1'), expected: { status: 404, type: PROBLEM, code: 'not_found', detail: 'No route for GET /api/v1/nowhere' } },
  { name: 'an unknown method', send: (a) => a.delete('/api/healthz'), expected: { status: 404, type: PROBLEM, code: 'not_found', detail: 'No route for DELETE /api/healthz' } },
  { name: 'a valid caller request id', send: (a) => a.get('/api/healthz').set('X-Request-Id', 'caller-id.42'), expected: { ...ok, requestId: 'caller-id.42' } },
  { name: 'an invalid caller request id', send: (a) => a.get('/api/healthz').set('X-Request-Id', 'no spaces <here>'), expected: ok },
  { name: 'no credentials', send: (a) => a.get('/api/v1/me'), expected: { status: 401, type: PROBLEM, code: 'unauthenticated' } },
  {
    name: 'malformed JSON',
    send: (a) => login(a).set('Content-Type', 'application/json').send('{"email": '),
    expected: { status: 400, type: PROBLEM, code: 'malformed_request', detail: 'The body is not valid JSON', param: 'body' },
  },
  {
    name: 'a body over PORTICO_BODY_LIMIT',
    send: (a) => login(a).send({ email, password: 'x'.repeat(4096) }),
    expected: { status: 413, type: PROBLEM, code: 'payload_too_large', detail: 'The request body is larger than the server accepts', param: 'body' },
  },
  { name: 'an empty JSON body', send: (a) => login(a).set('Content-Type', 'application/json').send(''), expected: { status: 400, type: PROBLEM, code: 'validation_failed', param: 'email' } },
  { name: 'a +json media type', send: (a) => login(a).set('Content-Type', 'application/merge-patch+json').send(JSON.stringify({ email })), expected: notJson },
  { name: 'a text body', send: (a) => login(a).set('Content-Type', 'text/plain').send('hello'), expected: notJson },
  { name: 'a latin-1 charset', send: (a) => login(a).set('Content-Type', 'application/json; charset=latin1').send('{}'), expected: unsupportedEncoding },
  { name: 'a gzip body', send: (a) => gzipped(login(a), JSON.stringify({ email, password: 'wrong-password-gz' })), expected: { status: 401, type: PROBLEM, code: 'invalid_credentials' } },
  {
    name: 'a gzip body inflating over the limit',
    send: (a) => gzipped(login(a), ' '.repeat(100_000)),
    expected: { status: 413, type: PROBLEM, code: 'payload_too_large', detail: 'The request body is larger than the server accepts', param: 'body' },
  },
  { name: 'a broken gzip body', send: (a) => login(a).set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('not gzip at all'), expected: unreadable },
  { name: 'an unknown encoding', send: (a) => login(a).set('Content-Type', 'application/json').set('Content-Encoding', 'zstd-x').send('{}'), expected: unsupportedEncoding },
  { name: 'a wrong password', send: (a) => login(a).send({ email, password: 'wrong-password-here' }), expected: { status: 401, type: PROBLEM, code: 'invalid_credentials' } },
  { name: 'a docs asset', send: (a) => a.get('/api/docs/assets/swagger-ui.css'), expected: { status: 200, type: 'text/css; charset=utf-8' } },
  {
    name: 'a missing docs asset',
    send: (a) => a.get('/api/docs/assets/nope.css'),
    expected: { status: 404, type: PROBLEM, code: 'not_found', detail: 'No route for GET /api/docs/assets/nope.css' },
  },
];

describe('the HTTP layer', () => {
  it.each(cases)('$name', async ({ send, expected }) => {
    const res = await send(request.agent(t.app.getHttpServer()));
    expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status: expected.status, type: expected.type });
    // Every answer, including static assets and errors, carries the security headers and no fingerprint.
    expect(res.headers).toMatchObject({
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
    const requestId = String(res.headers['x-request-id']);
    if (expected.requestId) expect(requestId).toBe(expected.requestId);
    else expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    if (expected.body) expect(res.body).toEqual(expected.body);
    if (expected.type === PROBLEM) {
      const problem = res.body as { code: string; status: number; requestId: string; detail?: string; invalid_params?: { name: string }[] };
      expect(problem).toMatchObject({ code: expected.code, status: expected.status, requestId });
      if (expected.detail) expect(problem.detail).toBe(expected.detail);
      if (expected.param) expect(problem.invalid_params?.[0]?.name).toBe(expected.param);
    }
  });

  it('serves a docs asset whole, with a validator but no caching', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/docs/assets/swagger-ui.css');
    expect(res.text.length).toBeGreaterThan(100_000);
    expect(res.headers.etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
  });

  it('sets and clears the session cookie with the attributes browsers need', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const signedIn = await login(agent).set('X-Forwarded-For', '198.51.100.7').send({ email, password: PASSWORD });
    expect(signedIn.status).toBe(200);
    const out = await agent.post('/api/v1/auth/logout').set('X-CSRF-Token', (signedIn.body as { csrfToken: string }).csrfToken);
    expect(out.status).toBe(204);
    const set = String(signedIn.headers['set-cookie']);
    expect(set).toMatch(/^portico_session=[^;]{20,}; Max-Age=43200; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    // Expires says the same as Max-Age (12 h), within the test's own time.
    const expires = Date.parse(/Expires=([^;]+)/.exec(set)![1]);
    expect(Math.abs(expires - (Date.now() + 43_200_000))).toBeLessThan(60_000);
    expect(String(out.headers['set-cookie'])).toBe('portico_session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax');
  });
});
