import { routeList } from '@portico/contracts';
import { applyMigrations, createDb, createFreshDatabase, dropDatabase } from '@portico/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../src/app.factory.js';
import { createLogger } from '../src/common/logger.js';
import { parseApiEnv } from '../src/env.js';
import { TEST_SECRET_KEY, type TestApp, startTestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('health, readiness and OpenAPI', () => {
  it('healthz and readyz answer on a migrated database', async () => {
    expect((await t.http().get('/api/healthz')).body).toEqual({ status: 'ok' });
    expect((await t.http().get('/api/readyz')).body).toEqual({ status: 'ready', checks: { database: true, migrations: true } });
  });

  it('readyz is 503 on a database without migrations, and turns ready once they are applied', async () => {
    const url = await createFreshDatabase(inject('databaseBaseUrl'), 'portico_unmigrated');
    const db = createDb(url, { max: 2 });
    const app = await createApp({ env: parseApiEnv({ DATABASE_URL: url, NODE_ENV: 'test', PORTICO_SECRET_KEY: TEST_SECRET_KEY }), db, logger: createLogger('silent') });
    try {
      const { default: request } = await import('supertest');
      const before = await request(app.getHttpServer()).get('/api/readyz');
      expect(before.status).toBe(503);
      expect(before.headers['retry-after']).toBe('5');
      expect(before.body.checks).toEqual({ database: true, migrations: false });
      await applyMigrations(url);
      expect((await request(app.getHttpServer()).get('/api/readyz')).status).toBe(200);
    } finally {
      await app.close();
      await dropDatabase(url);
    }
  });

  it('serves an OpenAPI 3 document with every route, and the browsable docs', async () => {
    const doc = (await t.http().get('/api/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(ids.sort()).toEqual(routeList.map((r) => r.id).sort());
    const docs = await t.http().get('/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger-ui');
    expect((await t.http().get('/api/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
  });

  it('answers with a deny-all CSP and no framing; the docs page allows only its own scripts', async () => {
    for (const path of ['/api/healthz', '/api/openapi.json', '/api/v1/me']) {
      const res = await t.http().get(path);
      expect(res.headers['content-security-policy'], path).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
      expect(res.headers['x-frame-options'], path).toBe('DENY');
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
    }
    const docs = (await t.http().get('/api/docs')).headers['content-security-policy'];
    expect(docs).toContain("script-src 'self'");
    expect(docs).toContain("frame-ancestors 'none'");
    expect(docs).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });

  it('refuses to start without a secret key or with a bad setting, naming the variable', () => {
    expect(() => parseApiEnv({ DATABASE_URL: 'postgres://x/y', NODE_ENV: 'production' })).toThrow(/PORTICO_SECRET_KEY/);
    expect(() => parseApiEnv({ DATABASE_URL: 'mysql://x/y', PORTICO_SECRET_KEY: TEST_SECRET_KEY })).toThrow(/DATABASE_URL/);
    expect(() => parseApiEnv({ DATABASE_URL: 'postgres://x/y', PORTICO_SECRET_KEY: 'short' })).toThrow(/PORTICO_SECRET_KEY/);
  });
});
