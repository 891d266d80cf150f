import { type RouteContract, ZProblem, routeList } from '@portico/contracts';
import type { Response, Test } from 'supertest';
import { z } from 'zod';

/**
 * Every e2e response is held to the route catalogue (`packages/contracts/src/routes.ts`): an
 * answer with the route's documented status must parse with its response schema made
 * deep-strict, so a mapper that adds, drops or retypes a field fails the suite instead of
 * drifting from the OpenAPI document; every 4xx/5xx must be an RFC 9457 problem.
 */

interface CompiledRoute {
  route: RouteContract;
  pattern: RegExp;
  params: number;
}

const compiled: CompiledRoute[] = routeList
  .map((route) => ({
    route,
    pattern: new RegExp(`^${route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+')}$`),
    params: (route.path.match(/:[A-Za-z]+/g) ?? []).length,
  }))
  // A literal segment wins over a parameter (`/invitations/lookup` before `/invitations/:id`).
  .sort((a, b) => a.params - b.params);

/** The catalogue route a request went to, by method and path pattern (query string ignored). */
export function matchRoute(method: string, url: string): RouteContract | undefined {
  const path = new URL(url, 'http://x').pathname;
  return compiled.find((c) => c.route.method === method.toUpperCase() && c.pattern.test(path))?.route;
}

const strictCache = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The schema with every plain `z.object` turned strict at every depth (objects declared loose
 * on purpose keep their catch-all). Refinements survive: each node is cloned with its own def.
 */
export function deepStrict<T extends z.ZodType>(schema: T): T {
  const known = strictCache.get(schema);
  if (known) return known as T;
  const out = strictOf(schema);
  strictCache.set(schema, out);
  return out as T;
}

function strictOf(schema: z.ZodType): z.ZodType {
  const def = schema.def as unknown as Record<string, unknown> & { type: string };
  const s = (inner: unknown) => deepStrict(inner as z.ZodType);
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(Object.entries(def.shape as Record<string, z.ZodType>).map(([k, v]) => [k, s(v)]));
      return schema.clone({ ...def, shape, catchall: def.catchall ?? z.never() } as never);
    }
    case 'array':
      return schema.clone({ ...def, element: s(def.element) } as never);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return schema.clone({ ...def, innerType: s(def.innerType) } as never);
    case 'union':
      return schema.clone({ ...def, options: (def.options as z.ZodType[]).map(s) } as never);
    case 'pipe':
      return schema.clone({ ...def, in: s(def.in), out: s(def.out) } as never);
    case 'record':
      return schema.clone({ ...def, valueType: s(def.valueType) } as never);
    case 'tuple':
      return schema.clone({ ...def, items: (def.items as z.ZodType[]).map(s), rest: def.rest ? s(def.rest) : def.rest } as never);
    case 'lazy':
      return z.lazy(() => s((def.getter as () => z.ZodType)()));
    default:
      // Scalars, enums, literals; intersections stay as declared (each side would refuse the other's keys).
      return schema;
  }
}

const describeIssues = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');

/** Throws when `res` breaks the contract of the route `method url` went to. */
export function checkContract(method: string, url: string, res: Pick<Response, 'status' | 'body' | 'headers' | 'text'>): void {
  const path = new URL(url, 'http://x').pathname;
  const where = `${method.toUpperCase()} ${path} → ${res.status}`;
  if (res.status >= 400) {
    if (!path.startsWith('/api/')) return;
    const type = String(res.headers['content-type'] ?? '');
    if (!type.startsWith('application/problem+json')) throw new Error(`${where}: a failure must be application/problem+json, got "${type}"`);
    const parsed = deepStrict(ZProblem).safeParse(res.body);
    if (!parsed.success) throw new Error(`${where}: the problem does not match ZProblem: ${describeIssues(parsed.error)}`);
    if (parsed.data.status !== res.status) throw new Error(`${where}: the problem says status ${parsed.data.status}`);
    return;
  }
  const route = matchRoute(method, url);
  if (!route || res.status !== route.status) return;
  if (!route.response) {
    if (res.text) throw new Error(`${where}: ${route.id} documents no body, got ${res.text.slice(0, 200)}`);
    return;
  }
  if (route.mediaType && String(res.headers['content-type']) !== route.mediaType) throw new Error(`${where}: ${route.id} answers ${route.mediaType}, got "${String(res.headers['content-type'])}"`);
  const parsed = deepStrict(route.response).safeParse(route.mediaType ? res.text : res.body);
  if (!parsed.success) throw new Error(`${where}: the body does not match ${route.id}'s response schema: ${describeIssues(parsed.error)}`);
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/**
 * The same supertest agent (or `request(server)`), whose every request also checks its answer
 * with `checkContract`: the check runs as a supertest assertion, so a breach rejects the await.
 */
export function contractChecked<A extends object>(agent: A): A {
  return new Proxy(agent, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || !(METHODS as readonly (string | symbol)[]).includes(prop)) return value;
      return (url: string, ...rest: unknown[]) => {
        const test = (value as (...a: unknown[]) => Test).call(target, url, ...rest);
        return test.expect((res: Response) => checkContract(String(prop), url, res));
      };
    },
  });
}
