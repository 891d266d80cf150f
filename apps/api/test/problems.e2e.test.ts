import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type TestApp, seedOrganization, signIn, startTestApp } from './support/test-app.js';

/** Malformed requests of every kind get a 4xx problem+json naming what is wrong — never a 5xx. */
let t: TestApp;
let admin: Browser;
let adminToken: string;
beforeAll(async () => {
  t = await startTestApp();
  const { users } = await seedOrganization(t.db, 'problems');
  admin = await signIn(t, users.admin.email);
  adminToken = (await admin.agent.post('/api/v1/tokens').set('X-CSRF-Token', admin.csrf).send({ name: 'p', role: 'admin' })).body.secret;
});
afterAll(() => t.close());

type Case = { name: string; method: 'get' | 'post' | 'put' | 'patch' | 'delete'; path: string; raw?: string; json?: unknown; type?: string; status: number; field?: string };
const cases: Case[] = [
  { name: 'broken JSON', method: 'post', path: '/api/v1/tokens', raw: '{"name": "x", ', status: 400 },
  { name: 'JSON array instead of object', method: 'post', path: '/api/v1/tokens', json: [1, 2], status: 400 },
  { name: 'JSON null body', method: 'post', path: '/api/v1/tokens', raw: 'null', status: 400 },
  { name: 'a bare string', method: 'post', path: '/api/v1/tokens', raw: '"hello"', status: 400 },
  { name: 'wrong type for a field', method: 'post', path: '/api/v1/tokens', json: { name: 42, role: 'viewer' }, status: 400, field: 'name' },
  { name: 'unknown enum value', method: 'post', path: '/api/v1/tokens', json: { name: 'x', role: 'root' }, status: 400, field: 'role' },
  { name: 'unknown field', method: 'post', path: '/api/v1/tokens', json: { name: 'x', role: 'viewer', isAdmin: true }, status: 400, field: 'isAdmin' },
  { name: 'missing required field', method: 'post', path: '/api/v1/members', json: { name: 'x', role: 'viewer' }, status: 400, field: 'email' },
  { name: 'invalid e-mail', method: 'post', path: '/api/v1/members', json: { email: 'not-an-email', name: 'x', role: 'viewer' }, status: 400, field: 'email' },
  { name: 'short password', method: 'post', path: '/api/v1/members', json: { email: 'a@b.test', name: 'x', role: 'viewer', password: 'short' }, status: 400, field: 'password' },
  { name: 'empty patch', method: 'patch', path: '/api/v1/members/00000000-0000-4000-8000-000000000000', json: {}, status: 400 },
  { name: 'a 100k-character name', method: 'post', path: '/api/v1/tokens', json: { name: 'x'.repeat(100_000), role: 'viewer' }, status: 400, field: 'name' },
  { name: 'a body over the size limit', method: 'post', path: '/api/v1/tokens', raw: JSON.stringify({ name: 'x'.repeat(1_100_000) }), status: 413 },
  { name: 'form-encoded body', method: 'post', path: '/api/v1/tokens', raw: 'name=x&role=viewer', type: 'application/x-www-form-urlencoded', status: 415 },
  { name: 'text/plain body', method: 'post', path: '/api/v1/tokens', raw: '{"name":"x","role":"viewer"}', type: 'text/plain', status: 415 },
  { name: 'malformed id in the path', method: 'delete', path: '/api/v1/tokens/not-a-uuid', status: 400, field: 'params.id' },
  { name: 'SQL in the id', method: 'delete', path: "/api/v1/tokens/1'%20OR%20'1'='1", status: 400 },
  { name: 'unknown id', method: 'delete', path: '/api/v1/tokens/00000000-0000-4000-8000-000000000000', status: 404 },
  { name: 'limit out of range', method: 'get', path: '/api/v1/tokens?limit=100000', status: 400, field: 'query.limit' },
  { name: 'limit not a number', method: 'get', path: '/api/v1/tokens?limit=ten', status: 400, field: 'query.limit' },
  { name: 'unknown query parameter', method: 'get', path: '/api/v1/tokens?sort=evil', status: 400, field: 'query.sort' },
  { name: 'repeated query parameter', method: 'get', path: '/api/v1/tokens?limit=1&limit=2', status: 400 },
  { name: 'garbage cursor', method: 'get', path: '/api/v1/tokens?cursor=%00%ff', status: 200 },
  { name: 'query on an endpoint without one', method: 'get', path: '/api/v1/me?x=1', status: 400 },
  { name: 'unknown route', method: 'get', path: '/api/v1/does-not-exist', status: 404 },
  { name: 'wrong method', method: 'put', path: '/api/v1/tokens', json: {}, status: 404 },
  { name: 'invalid date', method: 'post', path: '/api/v1/tokens', json: { name: 'x', role: 'viewer', expiresAt: 'tomorrow' }, status: 400, field: 'expiresAt' },
  { name: 'deeply nested JSON', method: 'post', path: '/api/v1/tokens', raw: `${'['.repeat(5000)}${']'.repeat(5000)}`, status: 400 },
  { name: 'prototype pollution attempt', method: 'post', path: '/api/v1/tokens', raw: '{"__proto__":{"admin":true},"name":"x","role":"viewer"}', status: 400 },
  { name: 'login with missing password', method: 'post', path: '/api/v1/auth/login', json: { email: 'a@b.test' }, status: 400, field: 'password' },
];

describe('problem+json for malformed requests', () => {
  for (const c of cases) {
    for (const auth of ['token', 'session'] as const) {
      it(`${c.name} (${auth}) → ${c.status}`, async () => {
        // Minting tokens needs a session, so token callers send the same bodies to another write.
        const path = auth === 'token' && c.method === 'post' && c.path === '/api/v1/tokens' ? '/api/v1/members' : c.path;
        let req = auth === 'token' ? t.http()[c.method](path).set('Authorization', `Bearer ${adminToken}`) : admin.agent[c.method](path).set('X-CSRF-Token', admin.csrf);
        if (c.raw !== undefined) req = req.set('Content-Type', c.type ?? 'application/json').send(c.raw);
        else if (c.json !== undefined) req = req.send(c.json as object);
        const res = await req;
        expect(res.status).toBe(c.status);
        expect(res.status).toBeLessThan(500);
        if (c.status >= 400) {
          expect(res.headers['content-type']).toContain('application/problem+json');
          expect(res.body).toMatchObject({ status: c.status, requestId: expect.any(String), title: expect.any(String), type: expect.any(String) });
          if (c.field) expect(res.body.invalid_params.map((p: { name: string }) => p.name)).toContain(c.field);
        }
      });
    }
  }

  it('echoes a well-formed X-Request-Id, and replaces a malformed one', async () => {
    const res = await t.http().get('/api/v1/me').set('X-Request-Id', 'trace-123');
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.body.requestId).toBe('trace-123');
    const bad = await t.http().get('/api/v1/me').set('X-Request-Id', 'x'.repeat(500));
    expect(bad.headers['x-request-id']).not.toBe('x'.repeat(500));
  });
});
