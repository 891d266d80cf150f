import { randomUUID } from 'node:crypto';
import { isStorableText } from '@portico/contracts';
import { encodeCursor } from '@portico/db';
import fc from 'fast-check';

/**
 * Generators of bad requests for any operation of an OpenAPI document. Each generated case
 * carries exactly one *poison* — a change that the operation's schema refuses whatever the rest
 * holds — plus hostile-but-plausible text in the other fields, so that a case can never be a
 * valid write, and the expected answer is known: a 4xx problem naming `expect.field`.
 */

export interface JsonSchema {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
}
export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
}
export interface Operation {
  id: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  auth: 'public' | 'session' | 'any';
  parameters: Parameter[];
  body?: JsonSchema;
}

export interface BadRequest {
  /** What was poisoned, for the failure message. */
  poison: string;
  path: string;
  query: [string, string][];
  /** A JSON value, or `raw` text sent as is. */
  body?: { json: unknown } | { raw: string; type: string };
  expect: { status: number[]; field: string };
}

type OpenApi = {
  paths: Record<string, Record<string, { operationId: string; parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> }; 'x-portico-auth': Operation['auth'] }>>;
};

/** Every operation of the document, in a shape the generators use. */
export function operationsOf(doc: OpenApi): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      id: op.operationId,
      method: method as Operation['method'],
      path,
      auth: op['x-portico-auth'],
      parameters: op.parameters ?? [],
      body: op.requestBody?.content['application/json']?.schema,
    })),
  );
}

/** Text an attacker tries everywhere; some of it is valid for some fields, which is why it is never the poison. */
export const HOSTILE_TEXT = [
  "' OR 1=1--",
  '"; DROP TABLE "User"; --',
  '1\' UNION SELECT "passwordHash" FROM "User"--',
  '${process.env.PORTICO_SECRET_KEY}',
  '{{7*7}}',
  '%s%s%s%n',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e/%2e%2e/',
  '..\\..\\windows\\win.ini',
  'invoice\u202Efdp.exe',
  '\u0430dmin',
  'ＡＤＭＩＮ',
  'ad\u200Bmin',
  'e\u0301\u0301\u0301',
  '👩‍💻🏳️‍🌈',
  '\uFEFFbom',
  '__proto__',
  'constructor',
  '-bad-name-',
  'UPPER_CASE',
  'a..b',
  'x'.repeat(254),
  '*.',
  '169.254.169.254',
  'http://[::1]:99999',
  'localhost:0',
  '-1',
  '1e309',
  'NaN',
  '0x1F',
  '',
  ' ',
];

const hostileText = fc.oneof(fc.constantFrom(...HOSTILE_TEXT), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));

/** Strings Postgres cannot store: every API string refuses them. */
const withNul = fc.tuple(hostileText, hostileText).map(([a, b]) => `${a}\u0000${b}`);
const withLoneSurrogate = fc.tuple(hostileText, fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF'), hostileText).map(([a, s, b]) => `${a}${s}${b.replace(/^[\uDC00-\uDFFF]/, '')}`);

const UUID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

/** Plausible text for a string field that is not the poison: valid when the schema allows it, hostile otherwise. */
function plausibleString(s: JsonSchema): fc.Arbitrary<string> {
  if (s.enum) return fc.constantFrom(...(s.enum as string[]));
  if (s.format === 'uuid') return fc.constant(randomUUID());
  if (s.format === 'email') return fc.constantFrom('ana@example.test', "o'brien+x@example.test");
  if (s.format === 'uri') return fc.constantFrom('https://203.0.113.10:6443', 'https://169.254.169.254/', 'https://[::1]/');
  if (s.format === 'date-time') return fc.constant(new Date(Date.now() + 86_400_000).toISOString());
  return hostileText.map((t) => t.slice(0, s.maxLength ?? 1000)).filter(isStorableText);
}

function plausibleValue(s: JsonSchema): fc.Arbitrary<unknown> {
  if (s.type === 'boolean') return fc.boolean();
  if (s.type === 'integer' || s.type === 'number') return fc.integer({ min: s.minimum ?? 0, max: s.maximum ?? 1000 });
  if (s.type === 'string' || s.enum) return plausibleString(s);
  return fc.constant(null);
}

/** Values the schema `s` refuses, whatever else the request holds. */
function refusedValues(s: JsonSchema, where: 'body' | 'query' | 'path'): fc.Arbitrary<{ what: string; value: unknown }> {
  const tagged = (what: string, arb: fc.Arbitrary<unknown>) => arb.map((value) => ({ what, value }));
  const out: fc.Arbitrary<{ what: string; value: unknown }>[] = [tagged('NUL', withNul)];
  // A URL cannot carry a lone surrogate (its UTF-8 decodes to U+FFFD): JSON bodies only.
  if (where === 'body') out.push(tagged('lone surrogate', withLoneSurrogate));
  if (where === 'body') {
    const wrong =
      s.type === 'string' || s.enum
        ? fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.constant(Array.from({ length: 20_000 }, () => 'x')), fc.object({ maxDepth: 1 }))
        : fc.oneof(
            fc.string({ maxLength: 10 }).map((x) => `${x}!`),
            fc.constant(null),
            fc.array(fc.integer(), { maxLength: 3 }),
          );
    out.push(tagged('wrong type', wrong));
  } else if (where === 'query') {
    out.push(
      tagged(
        'repeated parameter',
        fc.tuple(plausibleValue(s), plausibleValue(s)).map(([a, b]) => [String(a), String(b)]),
      ),
    );
  }
  if (s.type === 'string' || s.enum) {
    if (s.maxLength !== undefined) {
      const max = s.maxLength;
      // In a URL, 4-byte characters would take a 2 KiB value past Node's 16 KiB header limit (a 431, tested apart).
      const chars = where === 'body' ? ['x', 'é', '𝕏'] : ['x', 'é'];
      out.push(
        tagged(
          'too long',
          fc.integer({ min: 1, max: 64 }).chain((extra) => fc.constantFrom(...chars).map((ch) => ch.repeat(max + extra))),
        ),
      );
    }
    if (s.minLength && where !== 'path') out.push(tagged('too short', fc.constant('')));
    const pattern = s.pattern ? new RegExp(s.pattern, 'u') : s.format === 'uuid' ? UUID : undefined;
    if (s.enum)
      out.push(
        tagged(
          'not in the enum',
          hostileText.filter((t) => !(s.enum as string[]).includes(t) && t !== ''),
        ),
      );
    else if (pattern)
      out.push(
        tagged(
          'not matching the pattern',
          fc
            .oneof(
              hostileText,
              fc.uuid().map((u) => `${u}x`),
              fc.constant('00000000-0000-0000-0000-00000000000g'),
            )
            .filter((t) => t !== '' && !pattern.test(t)),
        ),
      );
  }
  if (s.type === 'integer' || s.type === 'number') {
    const numbers: fc.Arbitrary<unknown>[] = [];
    if (s.maximum !== undefined) numbers.push(fc.integer({ min: s.maximum + 1, max: s.maximum + 1_000_000 }));
    if (s.minimum !== undefined) numbers.push(fc.integer({ min: s.minimum - 1_000_000, max: s.minimum - 1 }));
    if (s.type === 'integer') numbers.push(fc.double({ min: 1.01, max: 99.99, noNaN: true }).filter((n) => !Number.isInteger(n)));
    if (where !== 'body') numbers.push(fc.constantFrom('ten', '1e309', '0x10', 'NaN', '--1', ...HOSTILE_TEXT.filter((t) => t !== '' && Number.isNaN(Number(t)))));
    out.push(
      tagged(
        'out of range or not a number',
        fc.oneof(...numbers).map((n) => (where === 'body' ? n : String(n))),
      ),
    );
  }
  return fc.oneof(...out);
}

/** A request whose non-poisoned parts are plausible: valid ids in the path, valid-ish fields. */
function baseRequest(op: Operation) {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query' && p.name !== 'cursor');
  const props = Object.entries(op.body?.properties ?? {});
  return fc.record({
    path: fc.constant(pathParams.reduce((path, p) => path.replace(`{${p.name}}`, randomUUID()), op.path)),
    query: fc
      .subarray(queryParams)
      .chain((ps) => (ps.length ? fc.tuple(...ps.map((p) => plausibleValue(p.schema).map((v) => [p.name, String(v)] as [string, string]))) : fc.constant([] as [string, string][]))),
    body: op.body ? fc.record(Object.fromEntries(props.map(([k, s]) => [k, plausibleValue(s)])), { requiredKeys: op.body.required ?? [] }) : fc.constant(undefined),
  });
}

const PLAIN_KEY = fc.stringMatching(/^[a-z][A-Za-z0-9]{0,15}$/);

/** Lists no endpoint pages (the real ones are `members`, `api-tokens`, `inventory:<resource>:<sort>`…). */
const FOREIGN_LISTS = ['tokens', 'audit', 'members:-createdAt', 'inventory:pods:name', 'inventory:services:size'];
/** Cursors no list handed out: garbage, base64 of anything, and well-formed cursors of other lists. */
const badCursor = fc.oneof(
  hostileText.filter((t) => t !== ''),
  fc.base64String({ minLength: 4, maxLength: 200 }),
  fc.json().map((j) => Buffer.from(j).toString('base64url')),
  fc
    .tuple(fc.constantFrom(...FOREIGN_LISTS), fc.date({ noInvalidDate: true }), fc.uuid(), fc.array(fc.string(), { maxLength: 2 }))
    .map(([list, at, id, names]) => encodeCursor(list, [...names, at.toISOString(), id])),
);

/** One bad request for `op`: a base plus one poison, with what the API must answer. */
export function badRequests(op: Operation, bodyLimitBytes: number): fc.Arbitrary<BadRequest> {
  const poisons: fc.Arbitrary<(b: { path: string; query: [string, string][]; body: Record<string, unknown> | undefined }) => BadRequest>[] = [];
  const known = new Set(op.parameters.map((p) => p.name));
  const bodyProps = Object.keys(op.body?.properties ?? {});
  const done = (poison: string, b: { path: string; query: [string, string][]; body?: unknown }, extra: Partial<BadRequest> & { expect: BadRequest['expect'] }): BadRequest => ({
    poison,
    path: b.path,
    query: b.query,
    body: op.body ? { json: b.body } : undefined,
    ...extra,
  });

  // Every operation: an unknown query parameter with hostile text (strict query schemas, or none at all).
  poisons.push(
    fc
      .tuple(
        PLAIN_KEY.filter((k) => !known.has(k)),
        hostileText,
      )
      .map(
        ([key, value]) =>
          (b) =>
            done(`unknown query parameter ${key}`, b, { query: [...b.query, [key, value]], expect: { status: [400], field: `query.${key}` } }),
      ),
  );
  // Path parameters: ids that are no ids (traversal, injection, almost-uuids), percent-encoded so the route still matches.
  for (const p of op.parameters.filter((x) => x.in === 'path')) {
    poisons.push(
      refusedValues(p.schema, 'path').map(({ what, value }) => (b) => {
        // `.` and `..` alone are dot segments: every client resolves them away before sending.
        const text = String(value);
        const segment = text === '.' || text === '..' ? `${text}x` : encodeURIComponent(text);
        return done(`path ${p.name}: ${what}`, b, { path: b.path.replace(/[0-9a-f-]{36}/, segment || '%20'), expect: { status: [400], field: `params.${p.name}` } });
      }),
    );
  }
  // Query parameters, the cursor included: any cursor the list did not hand out is refused.
  for (const p of op.parameters.filter((x) => x.in === 'query')) {
    const values =
      p.name === 'cursor'
        ? fc.oneof(
            refusedValues(p.schema, 'query'),
            badCursor.map((value) => ({ what: 'not a cursor of this list', value })),
          )
        : refusedValues(p.schema, 'query');
    poisons.push(
      values.map(({ what, value }) => (b) => {
        // A cursor is read after the schema passes, so the rest of the query stays valid (none).
        const rest = p.name === 'cursor' ? [] : b.query.filter(([k]) => k !== p.name);
        const given: [string, string][] = Array.isArray(value) ? value.map((v) => [p.name, String(v)]) : [[p.name, String(value)]];
        return done(`query ${p.name}: ${what}`, b, { query: [...rest, ...given], expect: { status: [400], field: `query.${p.name}` } });
      }),
    );
  }
  if (op.body) {
    const body = op.body;
    for (const [name, schema] of Object.entries(body.properties ?? {})) {
      poisons.push(
        refusedValues(schema, 'body').map(({ what, value }) => (b) => {
          const next = { ...b.body, [name]: value };
          const tooBig = Buffer.byteLength(JSON.stringify(next)) > bodyLimitBytes;
          return done(`body ${name}: ${what}`, b, { body: { json: next }, expect: tooBig ? { status: [413], field: 'body' } : { status: [400], field: name } });
        }),
      );
    }
    for (const name of body.required ?? [])
      poisons.push(
        fc.constant((b) => {
          const { [name]: _dropped, ...rest } = b.body ?? {};
          return done(`body without required ${name}`, b, { body: { json: rest }, expect: { status: [400], field: name } });
        }),
      );
    if (body.additionalProperties === false) {
      poisons.push(
        fc
          .tuple(
            fc.oneof(PLAIN_KEY, fc.constantFrom('isAdmin', 'role_', 'organizationId', 'constructor', 'toString')).filter((k) => !bodyProps.includes(k)),
            fc.jsonValue({ maxDepth: 2 }),
          )
          .map(
            ([key, value]) =>
              (b) =>
                done(`body with unknown field ${key}`, b, { body: { json: { ...b.body, [key]: value } }, expect: { status: [400], field: key } }),
          ),
      );
    }
    poisons.push(
      fc
        .oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 20 }), fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 4 }))
        .map((root) => (b) => done('body that is not an object', b, { body: { json: root }, expect: { status: [400], field: 'body' } })),
    );
    poisons.push(
      fc.integer({ min: 1, max: 30 }).map((cut) => (b) => {
        const text = JSON.stringify(b.body ?? {});
        return done('malformed JSON', b, { body: { raw: `${text.slice(0, Math.max(1, text.length - cut))}\u0000`, type: 'application/json' }, expect: { status: [400], field: 'body' } });
      }),
    );
    poisons.push(
      fc
        .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml')
        .map((type) => (b) => done(`body as ${type}`, b, { body: { raw: JSON.stringify(b.body ?? {}), type }, expect: { status: [415], field: 'body' } })),
    );
    poisons.push(
      fc.constant((b) =>
        done('body over the size limit', b, { body: { raw: JSON.stringify({ ...b.body, padding: 'x'.repeat(bodyLimitBytes) }), type: 'application/json' }, expect: { status: [413], field: 'body' } }),
      ),
    );
    poisons.push(
      fc
        .integer({ min: 2000, max: 6000 })
        .map((depth) => (b) => done('deeply nested body', b, { body: { raw: `${'['.repeat(depth)}${']'.repeat(depth)}`, type: 'application/json' }, expect: { status: [400], field: 'body' } })),
    );
  }
  return fc.tuple(baseRequest(op), fc.oneof(...poisons)).map(([base, poison]) => poison(base as never));
}

/** Requests a read may answer with success: hostile but well-typed filters. Never a 5xx. */
export function plausibleReads(op: Operation): fc.Arbitrary<{ path: string; query: [string, string][] }> {
  return baseRequest(op).map(({ path, query }) => ({ path, query }));
}
