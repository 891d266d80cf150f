import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZChangeRequest } from './changes.js';
import { INVENTORY_KINDS } from './inventory.js';
import { buildOpenApiDocument } from './openapi.js';
import { openApiComponents } from './openapi-components.js';
import { routeList } from './routes.js';

type Json = Record<string, unknown>;
type Operation = { operationId: string; requestBody?: unknown; parameters: { name: string; in: string; description?: string }[]; responses: Record<string, Json> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Json>; responses: Record<string, Json> }; servers: { url: string }[]; info: Json };

const build = () => buildOpenApiDocument(routeList, { version: 'test', serverUrl: 'https://portico.acme.internal' }) as unknown as Doc;
const doc = build();
const operations = () => Object.values(doc.paths).flatMap((p) => Object.values(p));
const byId = (id: string) => operations().find((o) => o.operationId === id)!;
/** A response as written, or the shared one it references. */
const resolve = (r: Json): Json => (typeof r.$ref === 'string' ? doc.components.responses[r.$ref.split('/').pop()!] : r);

/** Every schema object of the document with the property name it sits under. */
function* schemaNodes(node: unknown, key = ''): Generator<{ key: string; node: Json }> {
  if (Array.isArray(node)) for (const n of node) yield* schemaNodes(n, key);
  else if (node && typeof node === 'object') {
    yield { key, node: node as Json };
    for (const [k, v] of Object.entries(node)) yield* schemaNodes(v, (node as Json).properties === v ? key : k);
  }
}

async function redoclyErrors(document: unknown) {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: '/openapi.json', config });
  return problems.map((p) => ({ severity: p.severity, rule: p.ruleId, message: p.message, at: p.location[0]?.pointer }));
}

describe('OpenAPI document', () => {
  it('documents every route of the catalogue exactly once', () => {
    expect(
      operations()
        .map((o) => o.operationId)
        .sort(),
    ).toEqual(routeList.map((r) => r.id).sort());
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

  it('gives each inventory list its own page schema, whose items have `kind` as a constant', () => {
    const lists = routeList.filter((r) => INVENTORY_KINDS.some((k) => r.path === `/api/v1/inventory/${k}`));
    expect(lists).toHaveLength(INVENTORY_KINDS.length);
    const kinds = lists.map((r) => {
      const ref = (byId(r.id).responses['200'] as { content: Record<string, { schema: { $ref: string } }> }).content['application/json'].schema.$ref;
      const page = doc.components.schemas[ref.split('/').pop()!] as { properties: { items: { items: { $ref: string } }; nextCursor: Json } };
      expect(page.properties.nextCursor.description, r.id).toMatch(/cursor/);
      const item = doc.components.schemas[page.properties.items.items.$ref.split('/').pop()!] as { properties: { kind: { enum?: string[] } } };
      expect(item.properties.kind.enum, r.id).toHaveLength(1);
      return item.properties.kind.enum![0];
    });
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  it('names the main shapes in components.schemas, with examples that their schemas accept unchanged', () => {
    for (const name of [
      'Problem',
      'Cluster',
      'ClusterList',
      'Service',
      'ServicePage',
      'Ingress',
      'TlsSecret',
      'ReferenceGrant',
      'ReferenceGrantPage',
      'Certificate',
      'CertificatePage',
      'Change',
      'ChangePage',
      'ApiToken',
    ])
      expect(doc.components.schemas[name], name).toBeDefined();
    const withExamples = Object.entries(openApiComponents()).filter(([, c]) => c.example);
    expect(withExamples.map(([name]) => name)).toEqual(expect.arrayContaining(['Problem', 'Cluster', 'Service', 'Ingress', 'TlsSecret', 'Change', 'ApiToken']));
    for (const [name, { schema, example }] of withExamples) {
      expect(schema.parse(example), name).toEqual(example);
      expect(doc.components.schemas[name].example, name).toEqual(example);
    }
    // A record in the schema, but a real request in the example.
    expect(ZChangeRequest.parse(openApiComponents().Change.example!.request)).toMatchObject({ type: 'expose' });
  });

  it('documents 400 and 500 everywhere, 401 on every authenticated route and login, X-Request-Id on every answer', () => {
    for (const route of routeList) {
      const responses = byId(route.id).responses;
      expect(Object.keys(responses), route.id).toEqual(expect.arrayContaining(['400', '500', ...(route.auth === 'public' ? [] : ['401', '403']), ...(route.body ? ['413', '415'] : [])]));
      for (const [status, response] of Object.entries(responses)) expect(resolve(response).headers, `${route.id} ${status}`).toHaveProperty('X-Request-Id');
    }
    expect(Object.keys(byId('login').responses)).toEqual(expect.arrayContaining(['401', '429']));
    expect(resolve(byId('login').responses['401']).content).toHaveProperty(['application/problem+json']);
    // Answers a route declares (`errors`): the cluster check's 422, a name taken, a change past cancelling.
    expect(Object.keys(byId('registerCluster').responses)).toEqual(expect.arrayContaining(['409', '422']));
    expect(Object.keys(byId('cancelChange').responses)).toContain('409');
  });

  it('documents Retry-After wherever a 429 or 503 is documented (login, readyz)', () => {
    const retried = operations().flatMap((o) =>
      Object.entries(o.responses)
        .filter(([s]) => s === '429' || s === '503')
        .map(([s, r]) => ({ id: `${o.operationId} ${s}`, r: resolve(r) })),
    );
    expect(retried.map((x) => x.id)).toEqual(expect.arrayContaining(['login 429', 'readyz 503']));
    for (const { id, r } of retried) expect(r.headers, id).toHaveProperty('Retry-After');
  });

  it('describes limit, cursor and nextCursor', () => {
    const params = operations().flatMap((o) => o.parameters.filter((p) => p.name === 'limit' || p.name === 'cursor'));
    expect(params.length).toBeGreaterThan(10);
    for (const p of params) expect(p.description, p.name).toBeTruthy();
    const nextCursors = [...schemaNodes(doc)].filter((n) => n.key === 'nextCursor');
    expect(nextCursors.length).toBeGreaterThan(3);
    for (const n of nextCursors) expect(n.node.description).toBeTruthy();
  });

  it('marks every timestamp format: date-time (and no nullable without a type, which OpenAPI 3.0 ignores)', () => {
    const TIMESTAMP = /(At|^notBefore|^notAfter|^renewalTime)$/;
    const stamps = [...schemaNodes(doc)].filter((n) => TIMESTAMP.test(n.key) && (n.node.type === 'string' || Array.isArray(n.node.anyOf)));
    expect(stamps.length).toBeGreaterThan(20);
    // A plain z.string() timestamp in a contract: use ZIsoDate (common.ts), which validates and documents it.
    expect(stamps.filter((s) => s.node.format !== 'date-time').map((s) => `${s.key}: ${JSON.stringify(s.node)}`)).toEqual([]);
    for (const { key, node } of schemaNodes(doc)) if (node.nullable === true) expect(node.type, key).toBeDefined();
  });

  it('defines the keys of an enum-keyed record (zod leaves them only in `required`)', () => {
    const route = {
      id: 'counts',
      method: 'GET',
      path: '/counts',
      summary: 'Counts',
      tag: 'test',
      auth: 'public',
      status: 200,
      response: z.object({ byType: z.record(z.enum(['a', 'b']), z.number()) }),
    } as const;
    const counts = (buildOpenApiDocument([route], { version: 'test' }) as unknown as Doc).paths['/counts'].get.responses['200'] as {
      content: { 'application/json': { schema: { properties: { byType: Json } } } };
    };
    expect(counts.content['application/json'].schema.properties.byType).toMatchObject({ required: ['a', 'b'], properties: { a: { type: 'number' }, b: { type: 'number' } } });
  });

  it('fills servers and info.license', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: 'https://portico.acme.internal' })]);
    expect((buildOpenApiDocument(routeList, { version: 'test' }) as unknown as Doc).servers[0].url).toBe('/');
    expect(doc.info.license).toEqual(expect.objectContaining({ name: expect.any(String) }));
  });

  it("passes Redocly's recommended lint with zero errors", async () => {
    const problems = await redoclyErrors(build());
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    // Warnings are allowed: the license has no URL (the project has no published licence).
    expect(problems.map((p) => p.rule)).toEqual(problems.length ? ['info-license-strict'] : []);
  });

  it("and the same lint fails a document with zod's raw nullable beside anyOf, or empty servers", async () => {
    const broken = build() as unknown as Doc & { servers: unknown[] };
    broken.servers = [];
    const service = broken.components.schemas.Service as { properties: { ports: { items: { properties: Record<string, Json> } } } };
    service.properties.ports.items.properties.targetPort = { nullable: true, anyOf: [{ type: 'number' }, { type: 'string' }] };
    const rules = (await redoclyErrors(broken)).filter((p) => p.severity === 'error').map((p) => p.rule);
    expect(rules).toEqual(expect.arrayContaining(['no-empty-servers', 'nullable-type-sibling']));
  });
});
