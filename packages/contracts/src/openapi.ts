import { z } from 'zod';
import { ZProblem } from './errors.js';
import type { RouteContract } from './routes.js';

type JsonObject = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonObject => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as JsonObject;
  return rest;
};

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** `/api/v1/tokens/:id` → `/api/v1/tokens/{id}` */
const openApiPath = (path: string) => path.replace(/:([A-Za-z_]+)/g, '{$1}');

function parametersOf(route: RouteContract): JsonObject[] {
  const out: JsonObject[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
    ['header', route.headers],
  ] as const) {
    if (!schema) continue;
    const json = toSchema(schema, 'input') as { properties?: Record<string, JsonObject>; required?: string[] };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: prop });
    }
  }
  return out;
}

/** Builds the OpenAPI 3 document from the route catalogue — the same schemas that validate requests. */
export function buildOpenApiDocument(routes: RouteContract[], info: { version: string; serverUrl?: string }): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes) {
    const responses: Record<string, JsonObject> = {
      [String(route.status)]: route.response ? { description: 'Success', content: { 'application/json': { schema: toSchema(route.response, 'output') } } } : { description: 'Success, no content' },
    };
    if (route.body || route.params || route.query) responses['400'] = problemResponse('Invalid request; `invalid_params` names the fields');
    if (route.auth !== 'public') {
      responses['401'] = problemResponse('Missing, expired or revoked credentials');
      responses['403'] = problemResponse('Role too low, or missing CSRF token on a cookie-authenticated write');
    }
    if (route.params) responses['404'] = problemResponse('No such object in your organization');
    if (route.id === 'login') responses['429'] = problemResponse('Too many failed logins; retry after the Retry-After header');

    const operation: JsonObject = {
      operationId: route.id,
      summary: route.summary,
      tags: [route.tag],
      parameters: parametersOf(route),
      responses,
      'x-portico-min-role': route.minRole ?? null,
      'x-portico-auth': route.auth,
    };
    if (route.auth === 'any') operation.security = [{ bearer: [] }, { session: [] }];
    else if (route.auth === 'session') operation.security = [{ session: [] }];
    else operation.security = [];
    if (route.body) operation.requestBody = { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } };
    (paths[openApiPath(route.path)] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Portico API',
      version: info.version,
      description:
        'See and change how traffic reaches workloads on your Kubernetes clusters. Authenticate with `Authorization: Bearer <API token>` (create one under Account → API tokens). Errors are RFC 9457 problem+json.',
    },
    servers: info.serverUrl ? [{ url: info.serverUrl }] : [],
    paths,
    components: {
      schemas: { Problem: toSchema(ZProblem, 'output') },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token' },
        session: { type: 'apiKey', in: 'cookie', name: 'portico_session', description: 'Browser session; writes also need the X-CSRF-Token header' },
      },
    },
  };
}
