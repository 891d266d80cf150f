/**
 * Support for table tests that hold a contract to the apiserver (`ingress-validation.test.ts`,
 * `gateway-validation.test.ts`):
 * an admin client on each test cluster with the suite's namespace, a refusal read as the
 * request's fields, and the two halves of the table (the contract's, the apiserver's).
 */
import type { ZodType } from 'zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectionFromToken, KubeClient, KubeHttpError, objectPath } from '../src/index.js';
import { LOOPBACK_ALLOWED } from './fixtures.js';
import type { ClusterKind, TestCluster } from './real-cluster.js';

/** Starts the cluster before the suite (namespace created) and closes it after; call the result inside tests. */
export function useAdminClient(kind: ClusterKind, namespace: string): () => KubeClient {
  let cluster: TestCluster | undefined;
  let client: KubeClient | undefined;
  beforeAll(async () => {
    cluster = await kind.start();
    client = new KubeClient(connectionFromToken({ server: cluster.url, token: cluster.tokens.admin, caPem: cluster.caPem }), { addressPolicy: LOOPBACK_ALLOWED });
    await client.apply(objectPath({ apiVersion: 'v1', kind: 'Namespace', name: namespace }), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }, { fieldManager: 'test' });
  }, 180_000);
  afterAll(async () => {
    await client?.close();
    await cluster?.close();
  });
  return () => client!;
}

/**
 * The contract's field is the apiserver's, or inside it, or the other way round: a rule on a list names the list
 * where the contract names the item (CEL), and a backend without a port is named by the backend, not its port.
 */
export const namesSameField = (contract: string, api: string) => contract === api || contract.startsWith(`${api}.`) || api.startsWith(`${contract}.`);

/** The write must be refused as 422 Invalid; its causes' fields, mapped to the request's. */
export async function refusedFields(write: Promise<unknown>, mapField: (apiField: string) => string): Promise<{ fields: string[]; causes: string }> {
  const err = await write.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KubeHttpError);
  const refusal = err as KubeHttpError;
  expect([refusal.status, refusal.reason]).toEqual([422, 'Invalid']);
  return { fields: refusal.causes.map((c) => mapField(c.field ?? '')), causes: JSON.stringify(refusal.causes) };
}

/** A request the apiserver refuses on `field` (the request's name for it), and one it accepts. */
export interface RefusedCase<R> {
  what: string;
  request: R;
  field: string;
}
export interface AcceptedCase<R> {
  what: string;
  request: R;
}

/** The fields `schema` refuses `request` on, named as the API names them (`change.` and the path); none if it accepts. */
export function contractFields(schema: ZodType, request: unknown): string[] {
  const parsed = schema.safeParse(request);
  return parsed.success ? [] : parsed.error.issues.map((i) => ['change', ...i.path.map(String)].join('.'));
}

/** The contract's half (inside a describe): it refuses each refused case on a field that names the apiserver's, and accepts each accepted one. */
export function itChecksTheContract<R>(refused: RefusedCase<R>[], accepted: AcceptedCase<R>[], fieldsOf: (request: R) => string[]) {
  it.each(refused)('contract: $what → $field', ({ request, field }) => {
    const fields = fieldsOf(request);
    expect(
      fields.some((f) => namesSameField(f, field)),
      `${fields.join(', ')}`,
    ).toBe(true);
  });
  it.each(accepted)('contract accepts $what', ({ request }) => {
    expect(fieldsOf(request)).toEqual([]);
  });
}

/** The apiserver's half (inside a describe per cluster kind): a dry run is refused on the field, or accepted. */
export function itChecksTheApiserver<R>(refused: RefusedCase<R>[], accepted: AcceptedCase<R>[], dryRun: (request: R) => Promise<{ status: number }>, mapField: (apiField: string) => string) {
  it.each(refused)('refuses $what on $field', async ({ request, field }) => {
    const { fields, causes } = await refusedFields(dryRun(request), mapField);
    expect(
      fields.some((f) => namesSameField(f, field)),
      `apiserver: ${causes}`,
    ).toBe(true);
  });

  it.each(accepted)('accepts $what', async ({ request }) => {
    const result = await dryRun(request);
    expect(result.status).toBeLessThan(300);
  });
}
