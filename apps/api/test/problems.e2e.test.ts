import { createCluster } from '@portico/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, type TestApp, seedOrganization, signIn, startTestApp } from './support/test-app.js';

/** Malformed requests of every kind get a 4xx problem+json naming what is wrong — never a 5xx. */
let t: TestApp;
let admin: Browser;
let adminToken: string;
let organizationId: string;
beforeAll(async () => {
  t = await startTestApp();
  const { users, organization } = await seedOrganization(t.db, 'problems');
  organizationId = organization.id;
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
  {
    name: 'a password for an invited member (refused: invitees choose their own)',
    method: 'post',
    path: '/api/v1/members',
    json: { email: 'a@b.test', role: 'viewer', password: 'short' },
    status: 400,
    field: 'password',
  },
  { name: 'empty patch', method: 'patch', path: '/api/v1/members/00000000-0000-4000-8000-000000000000', json: {}, status: 400, field: 'body' },
  { name: 'JSON null body names the body', method: 'post', path: '/api/v1/members', raw: 'null', status: 400, field: 'body' },
  { name: 'a 100k-character name', method: 'post', path: '/api/v1/tokens', json: { name: 'x'.repeat(100_000), role: 'viewer' }, status: 400, field: 'name' },
  { name: 'a body over the size limit', method: 'post', path: '/api/v1/tokens', raw: JSON.stringify({ name: 'x'.repeat(1_100_000) }), status: 413 },
  { name: 'form-encoded body', method: 'post', path: '/api/v1/tokens', raw: 'name=x&role=viewer', type: 'application/x-www-form-urlencoded', status: 415 },
  { name: 'text/plain body', method: 'post', path: '/api/v1/tokens', raw: '{"name":"x","role":"viewer"}', type: 'text/plain', status: 415 },
  { name: 'malformed id in the path', method: 'delete', path: '/api/v1/tokens/not-a-uuid', status: 400, field: 'params.id' },
  { name: 'SQL in the id', method: 'delete', path: "/api/v1/tokens/1'%20OR%20'1'='1", status: 400 },
  { name: 'unknown id', method: 'delete', path: '/api/v1/tokens/00000000-0000-4000-8000-000000000000', status: 404 },
  { name: 'limit out of range', method: 'get', path: '/api/v1/tokens?limit=100000', status: 400, field: 'query.limit' },
  { name: 'limit not a number', method: 'get', path: '/api/v1/tokens?limit=ten', status: 400, field: 'query.limit' },
  { name: 'limit in hex (Number() would read 16)', method: 'get', path: '/api/v1/tokens?limit=0x10', status: 400, field: 'query.limit' },
  { name: 'limit in exponent form', method: 'get', path: '/api/v1/inventory/services?limit=1e1', status: 400, field: 'query.limit' },
  { name: 'unknown query parameter', method: 'get', path: '/api/v1/tokens?sort=evil', status: 400, field: 'query.sort' },
  { name: 'repeated query parameter', method: 'get', path: '/api/v1/tokens?limit=1&limit=2', status: 400 },
  { name: 'garbage cursor', method: 'get', path: '/api/v1/tokens?cursor=%00%ff', status: 400, field: 'query.cursor' },
  { name: 'a cursor that is no cursor', method: 'get', path: '/api/v1/tokens?cursor=AAAA', status: 400, field: 'query.cursor' },
  { name: 'base64 of random text as cursor', method: 'get', path: `/api/v1/members?cursor=${Buffer.from('random words here').toString('base64url')}`, status: 400, field: 'query.cursor' },
  {
    name: 'a crafted cursor with a 36-character non-uuid id',
    method: 'get',
    path: `/api/v1/members?cursor=${Buffer.from(`2026-01-01T00:00:00.000Z|${'-'.repeat(36)}`).toString('base64url')}`,
    status: 400,
    field: 'query.cursor',
  },
  { name: 'unknown audit action', method: 'get', path: '/api/v1/audit-events?action=token.exploded', status: 400, field: 'query.action' },
  { name: 'NUL in the audit action', method: 'get', path: '/api/v1/audit-events?action=auth.logout%00', status: 400, field: 'query.action' },
  { name: 'NUL in a query of an endpoint without one', method: 'get', path: '/api/v1/me?x=%00', status: 400, field: 'query.x' },
  { name: 'NUL in a token name', method: 'post', path: '/api/v1/tokens', json: { name: 'a\u0000b', role: 'viewer' }, status: 400, field: 'name' },
  { name: 'lone surrogate in a token name', method: 'post', path: '/api/v1/tokens', json: { name: 'a\uD800b', role: 'viewer' }, status: 400, field: 'name' },
  { name: 'RTL override in a token name', method: 'post', path: '/api/v1/tokens', json: { name: 'invoice\u202Efdp.exe', role: 'viewer' }, status: 400, field: 'name' },
  { name: 'NUL in a field name', method: 'post', path: '/api/v1/tokens', json: { name: 'x', role: 'viewer', 'a\u0000': 1 }, status: 400, field: 'a\u0000' },
  {
    name: 'NUL in a cluster token',
    method: 'post',
    path: '/api/v1/clusters',
    json: { name: 'nul', server: 'https://203.0.113.10:6443', token: 'abc\u0000def', skipConnectionCheck: true },
    status: 400,
    field: 'token',
  },
  {
    name: 'a control character in a cluster token',
    method: 'post',
    path: '/api/v1/clusters',
    json: { name: 'ctl', server: 'https://203.0.113.10:6443', token: 'abc\u0007def', skipConnectionCheck: true },
    status: 400,
    field: 'token',
  },
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

  it('answers a token-only cluster PATCH with 400 naming server (was a 500), and stores nothing', async () => {
    const cluster = await createCluster(t.db, organizationId, {
      name: 'rotate-me',
      server: 'https://203.0.113.10:6443',
      authKind: 'token',
      credentials: 'sealed',
      credentialsKeyId: 'k',
      enabled: false,
    });
    for (const body of [{ token: 'new-token' }, { token: 'new-token', skipConnectionCheck: true }, {}, { caPem: '-----BEGIN CERTIFICATE-----' }]) {
      const res = await t.http().patch(`/api/v1/clusters/${cluster.id}`).set('Authorization', `Bearer ${adminToken}`).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.invalid_params.length).toBeGreaterThan(0);
      if (body.token) expect(res.body.invalid_params.map((p: { name: string }) => p.name)).toContain('server');
    }
    expect(await t.db.cluster.findUniqueOrThrow({ where: { id: cluster.id } })).toMatchObject({ credentials: 'sealed', status: cluster.status });
    expect(await t.db.auditEvent.count({ where: { targetId: cluster.id } })).toBe(0);
  });

  it('answers a URL over the 16 KiB header limit with a problem naming url (was a bare 431)', async () => {
    const res = await t
      .http()
      .get(`/api/v1/tokens?cursor=${'%F0%9D%95%8F'.repeat(2000)}`)
      .set('Authorization', `Bearer ${adminToken}`);
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(res.text)).toMatchObject({ status: 431, code: 'malformed_request', invalid_params: [{ name: 'url' }] });
  });

  it('echoes a well-formed X-Request-Id, and replaces a malformed one', async () => {
    const res = await t.http().get('/api/v1/me').set('X-Request-Id', 'trace-123');
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.body.requestId).toBe('trace-123');
    const bad = await t.http().get('/api/v1/me').set('X-Request-Id', 'x'.repeat(500));
    expect(bad.headers['x-request-id']).not.toBe('x'.repeat(500));
  });
});
