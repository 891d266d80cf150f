import type { RouteContract } from '@portico/contracts';

/**
 * Typing of the API's calls from the route catalogue (`@portico/contracts` `routes`): the path,
 * method and schemas of a call all come from its route, so the web cannot ask for an endpoint
 * or send a body the API does not document. Shared by `server-api.ts` and `client-api.ts`.
 */

/** What a schema reads and what it yields, through the Standard Schema interface zod implements. */
type Typed = { '~standard': { types?: { input: unknown; output: unknown } } };
type Output<S> = S extends Typed ? NonNullable<S['~standard']['types']>['output'] : never;
type Input<S> = S extends Typed ? NonNullable<S['~standard']['types']>['input'] : never;

/** The success body of a route (`null` for routes that answer 204). */
export type ResponseOf<R extends RouteContract> = R extends { response: infer S } ? Output<S> : null;
export type ParamsOf<R extends RouteContract> = R extends { params: infer S } ? Output<S> : never;
export type BodyOf<R extends RouteContract> = R extends { body: infer S } ? Input<S> : never;
/** Query values as they travel (strings or numbers); empty and undefined ones are left out. */
export type QueryOf<R extends RouteContract> = R extends { query: infer S } ? { [K in keyof Output<S>]?: string | number | undefined } : never;

/** A call's input: `params` and `body` are required exactly when the route has them. */
export type CallInput<R extends RouteContract> = (R extends { params: Typed } ? { params: ParamsOf<R> } : { params?: undefined }) &
  (R extends { body: Typed } ? { body: BodyOf<R> } : { body?: undefined }) &
  (R extends { query: Typed } ? { query?: QueryOf<R> } : { query?: undefined });

/** The input argument, optional when nothing in it is required (e.g. `apiGet(routes.me)`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{} extends I` asks "is every field of I optional?".
export type InputArg<I> = {} extends I ? [input?: I] : [input: I];

/** `route.path` with its `:params` filled in (URL-encoded) and the query string appended. */
export function routeUrl(route: Pick<RouteContract, 'path'>, params?: Record<string, string>, query?: Record<string, string | number | undefined>): string {
  const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === '') throw new Error(`${route.path}: missing the "${name}" parameter`);
    return encodeURIComponent(value);
  });
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') qs.set(key, String(value));
  }
  const search = qs.toString();
  return search ? `${path}?${search}` : path;
}
