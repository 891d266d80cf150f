import { z } from 'zod';
import { openApiComponents, registerOpenApiComponents } from './openapi-components.js';
import type { RouteContract } from './routes.js';

type JsonObject = Record<string, unknown>;

const COMPONENT_REF = '#/components/schemas/';

/**
 * Converts route schemas to OpenAPI 3.0 schemas, collecting every named component (see
 * openapi-components.ts) into one `components.schemas`. A name that converts to two different
 * schemas (e.g. a component used as input and output) is an error, not a silent overwrite.
 */
class SchemaCollector {
  readonly components: Record<string, JsonObject> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as JsonObject;
    const { $schema: _ignored, definitions, ...rest } = json as JsonObject & { definitions?: Record<string, JsonObject> };
    for (const [name, def] of Object.entries(definitions ?? {})) this.add(name, def);
    return rest;
  }

  private add(name: string, def: JsonObject) {
    const known = this.components[name];
    if (known && JSON.stringify(known) !== JSON.stringify(def)) throw new Error(`OpenAPI component ${name} has two different shapes (input and output?)`);
    this.components[name] = def;
  }
}

/**
 * zod's OpenAPI 3.0 output writes `nullable` beside `anyOf`/`allOf` without a `type`, which 3.0
 * ignores (Redocly: nullable-type-sibling). Moves it where it means something: onto each `anyOf`
 * member, or beside a `$ref` wrapped in `allOf` with the referenced component's type.
 */
function fixNullable(node: JsonObject, components: Record<string, JsonObject>) {
  if (node.nullable !== true || node.type !== undefined) return;
  const refType = (s: JsonObject) => (typeof s.$ref === 'string' ? components[s.$ref.slice(COMPONENT_REF.length)]?.type : s.type);
  if (Array.isArray(node.anyOf)) {
    node.anyOf = (node.anyOf as JsonObject[]).map((m) => (m.$ref ? { type: refType(m), nullable: true, allOf: [m] } : { ...m, nullable: true }));
    delete node.nullable;
  } else if (Array.isArray(node.allOf) && node.allOf.length === 1) {
    node.type = refType(node.allOf[0] as JsonObject) ?? 'object';
  }
}

/**
 * zod writes a record with enum keys (`z.record(z.enum([...]), V)`) as `required` keys plus
 * `additionalProperties: V`, its `propertyNames` having no 3.0 form: name each required key, so the
 * keys are defined (Redocly: no-required-schema-properties-undefined) and clients type them.
 */
function fixEnumRecord(node: JsonObject) {
  if (!Array.isArray(node.required) || !node.additionalProperties || typeof node.additionalProperties !== 'object') return;
  const properties = (node.properties ??= {}) as Record<string, unknown>;
  for (const key of node.required as string[]) properties[key] ??= node.additionalProperties;
}

/** One pass over the finished document: component refs, nullable, enum-keyed records, and zod's date-time regex (`format` says it). */
function tidy(node: unknown, components: Record<string, JsonObject>): void {
  if (Array.isArray(node)) return node.forEach((n) => tidy(n, components));
  if (!node || typeof node !== 'object') return;
  const obj = node as JsonObject;
  if (typeof obj.$ref === 'string') obj.$ref = obj.$ref.replace('#/definitions/', COMPONENT_REF);
  for (const value of Object.values(obj)) tidy(value, components);
  fixNullable(obj, components);
  fixEnumRecord(obj);
  if (obj.format === 'date-time') delete obj.pattern;
}

const REQUEST_ID_HEADER = { $ref: '#/components/headers/X-Request-Id' };
const RETRY_AFTER_HEADER = { $ref: '#/components/headers/Retry-After' };

/** The problem+json answers every route may give, by status; routes reference them. */
const PROBLEM_RESPONSES: Record<string, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'Invalid request: `invalid_params` names each field (an unknown query parameter is one)' },
  401: { name: 'Unauthenticated', description: 'Missing, expired or revoked credentials' },
  403: { name: 'Forbidden', description: 'Role too low, a session-only route called with a token, or a cookie-authenticated write without the X-CSRF-Token header' },
  404: { name: 'NotFound', description: 'No such object in your organization' },
  413: { name: 'PayloadTooLarge', description: 'The request body is over the size limit' },
  415: { name: 'UnsupportedMediaType', description: 'The body was not sent as application/json' },
  500: { name: 'InternalError', description: 'Unexpected error; quote `requestId` (also the X-Request-Id header) when reporting it' },
};

const problemResponse = (description: string, retry = false): JsonObject => ({
  description,
  headers: retry ? { 'X-Request-Id': REQUEST_ID_HEADER, 'Retry-After': RETRY_AFTER_HEADER } : { 'X-Request-Id': REQUEST_ID_HEADER },
  content: { 'application/problem+json': { schema: { $ref: `${COMPONENT_REF}Problem` } } },
});

/** `/api/v1/tokens/:id` → `/api/v1/tokens/{id}` */
const openApiPath = (path: string) => path.replace(/:([A-Za-z_]+)/g, '{$1}');

function parametersOf(route: RouteContract, schemas: SchemaCollector): JsonObject[] {
  const out: JsonObject[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
    ['header', route.headers],
  ] as const) {
    if (!schema) continue;
    const json = schemas.convert(schema, 'input') as { properties?: Record<string, JsonObject>; required?: string[] };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      const { description } = prop;
      const parameter: JsonObject = { name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: prop };
      // Swagger UI and generated clients show the parameter's own description, not its schema's.
      if (typeof description === 'string') parameter.description = description;
      else if (where === 'path' && name === 'id') parameter.description = 'The object id (a UUID)';
      out.push(parameter);
    }
  }
  return out;
}

function responsesOf(route: RouteContract, schemas: SchemaCollector): Record<string, JsonObject> {
  const headers = { 'X-Request-Id': REQUEST_ID_HEADER };
  const ok = (description: string): JsonObject =>
    route.response ? { description, headers, content: { [route.mediaType ?? 'application/json']: { schema: schemas.convert(route.response, 'output') } } } : { description, headers };
  const responses: Record<string, JsonObject> = { [String(route.status)]: ok(route.response ? 'Success' : 'Success, no content') };
  for (const [status, description] of Object.entries(route.bodyStatuses ?? {})) responses[status] = { ...ok(description ?? ''), headers: { ...headers, 'Retry-After': RETRY_AFTER_HEADER } };
  const ref = (status: number) => ({ $ref: `#/components/responses/${PROBLEM_RESPONSES[status].name}` });
  // Any route refuses unknown query parameters, so every route can answer 400.
  responses['400'] = ref(400);
  if (route.auth !== 'public') {
    responses['401'] = ref(401);
    responses['403'] = ref(403);
  }
  if (route.params) responses['404'] = ref(404);
  if (route.body) {
    responses['413'] = ref(413);
    responses['415'] = ref(415);
  }
  for (const [status, description] of Object.entries(route.errors ?? {})) responses[status] = problemResponse(description ?? '', status === '429' || status === '503');
  responses['500'] = ref(500);
  return responses;
}

const TAG_DESCRIPTIONS: Record<string, string> = {
  health: 'Liveness and readiness, for load balancers and orchestrators',
  auth: 'Sessions, the caller, switching organization, passwords',
  organizations: 'Creating organizations',
  tokens: 'API tokens for automation',
  members: 'Members and invitations of the organization (admins)',
  invitations: 'Invitations addressed to you, and invitation links',
  clusters: 'Registered Kubernetes clusters',
  inventory: 'Synced objects of every cluster: one list per kind, and object pages',
  changes: 'The change pipeline: preview, submit, approve, cancel, revert',
  audit: 'The audit trail',
};

const INFO_DESCRIPTION = [
  'See and change how traffic reaches workloads on your Kubernetes clusters.',
  'Authenticate with `Authorization: Bearer <API token>` (create one under Account → API tokens, or mint a narrower one with an admin token: `POST /api/v1/tokens`).',
  'Errors are RFC 9457 `application/problem+json`; every response carries an `X-Request-Id` header.',
].join(' ');

/** Builds the OpenAPI 3 document from the route catalogue — the same schemas that validate requests. */
export function buildOpenApiDocument(routes: RouteContract[], info: { version: string; serverUrl?: string }): JsonObject {
  registerOpenApiComponents();
  const schemas = new SchemaCollector();
  // Every named shape is in the document, also those no route answers with directly (Problem).
  for (const { schema } of Object.values(openApiComponents())) schemas.convert(schema, 'output');
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes) {
    const operation: JsonObject = {
      operationId: route.id,
      summary: route.summary,
      tags: [route.tag],
      parameters: parametersOf(route, schemas),
      responses: responsesOf(route, schemas),
      'x-portico-min-role': route.minRole ?? null,
      'x-portico-auth': route.auth,
    };
    if (route.tokenMinRole) operation['x-portico-token-min-role'] = route.tokenMinRole;
    if (route.auth === 'any') operation.security = [{ bearer: [] }, { session: [] }];
    else if (route.auth === 'session') operation.security = [{ session: [] }];
    else operation.security = [];
    if (route.body) operation.requestBody = { required: true, content: { 'application/json': { schema: schemas.convert(route.body, 'input') } } };
    (paths[openApiPath(route.path)] ??= {})[route.method.toLowerCase()] = operation;
  }
  const document = {
    openapi: '3.0.3',
    info: {
      title: 'Portico API',
      version: info.version,
      description: INFO_DESCRIPTION,
      license: { name: 'Proprietary' },
    },
    servers: [{ url: info.serverUrl ?? '/', description: 'Portico (the API is also reachable through the portal origin)' }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? `The ${name} endpoints` })),
    paths,
    components: {
      schemas: schemas.components,
      responses: Object.fromEntries(Object.values(PROBLEM_RESPONSES).map((r) => [r.name, problemResponse(r.description)])),
      headers: {
        'X-Request-Id': { description: "This request's id (yours when you sent a well-formed X-Request-Id, else a new one); problem bodies repeat it as `requestId`", schema: { type: 'string' } },
        'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 0 } },
      },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token (`ptk_…`)' },
        session: { type: 'apiKey', in: 'cookie', name: 'portico_session', description: 'Browser session; writes also need the X-CSRF-Token header' },
      },
    },
  };
  tidy(document, schemas.components);
  return document;
}
