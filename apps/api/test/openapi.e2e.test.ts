import { buildOpenApiDocument, routeList } from '@portico/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createToken, seedOrganization, signIn, startTestApp } from './support/test-app.js';

/**
 * The served document is the one packages/contracts lints and generates a client from
 * (openapi.spec.ts, openapi-client.spec.ts), and the answers it promises headers on carry them.
 */
const PUBLIC_URL = 'https://portico.acme.internal';
let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedOrganization>>;
beforeAll(async () => {
  t = await startTestApp({ PORTICO_PUBLIC_URL: PUBLIC_URL, PORTICO_COOKIE_SECURE: 'false' });
  seeded = await seedOrganization(t.db, 'openapi');
});
afterAll(() => t.close());

describe('the served OpenAPI document', () => {
  it('is the catalogue’s document, its server the configured public URL', async () => {
    const served = (await t.http().get('/api/openapi.json')).body;
    expect(served).toEqual(buildOpenApiDocument(routeList, { version: '0.1.0', serverUrl: PUBLIC_URL }));
    expect(served.servers[0].url).toBe(PUBLIC_URL);
  });

  it('promises X-Request-Id on every answer, and every answer carries one (200, 201, 204, 400, 401, 403, 404, 429)', async () => {
    const admin = await signIn(t, seeded.users.admin.email);
    const viewerToken = (await createToken(await signIn(t, seeded.users.viewer.email), 'viewer')).secret;
    const created = await admin.agent.post('/api/v1/tokens').set('X-CSRF-Token', admin.csrf).send({ name: 'x', role: 'viewer' });
    const answers = [
      await t.http().get('/api/healthz'),
      created,
      await admin.agent.delete(`/api/v1/tokens/${created.body.token.id}`).set('X-CSRF-Token', admin.csrf),
      await t.http().get('/api/healthz?verbose=1'),
      await t.http().get('/api/v1/me'),
      await t.http().get('/api/v1/members').set('Authorization', `Bearer ${viewerToken}`),
      await admin.agent.delete('/api/v1/tokens/00000000-0000-4000-8000-000000000000').set('X-CSRF-Token', admin.csrf),
    ];
    for (let i = 0; i < 10; i++) {
      const res = await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.77').send({ email: seeded.users.editor.email, password: 'not the password at all' });
      answers.push(res);
      if (res.status === 429) break;
    }
    expect(answers.map((r) => r.status)).toEqual([200, 201, 204, 400, 401, 403, 404, 401, 401, 401, 401, 401, 429]);
    for (const res of answers) expect(res.headers['x-request-id'], String(res.status)).toMatch(/^\S+$/);
    expect(Number(answers.at(-1)!.headers['retry-after'])).toBeGreaterThan(0);
  });
});
