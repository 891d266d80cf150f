import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi.js';
import { routeList } from './routes.js';

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument(routeList, { version: 'test' }) as {
    paths: Record<string, Record<string, { operationId: string; requestBody?: unknown; parameters: { name: string; in: string }[] }>>;
  };

  it('documents every route of the catalogue exactly once', () => {
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(operations.sort()).toEqual(routeList.map((r) => r.id).sort());
  });

  it('describes bodies and path parameters from the zod contracts', () => {
    const create = doc.paths['/api/v1/tokens'].post;
    expect(JSON.stringify(create.requestBody)).toContain('"enum":["viewer","editor","admin"]');
    const revoke = doc.paths['/api/v1/tokens/{id}'].delete;
    expect(revoke.parameters).toContainEqual(expect.objectContaining({ name: 'id', in: 'path' }));
  });

  it('has unique route ids and method+path pairs', () => {
    const keys = routeList.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
