/**
 * Support for table tests that hold a contract to the apiserver (`ingress-validation.test.ts`,
 * `gateway-validation.test.ts`):
 * an admin client on each test cluster with the suite's namespace, and a refusal read as the
 * request's fields.
 */
import { afterAll, beforeAll, expect } from 'vitest';
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
