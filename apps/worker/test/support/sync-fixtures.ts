/**
 * What the worker's integration tests share: waiting on a condition, comparing a simulator's
 * objects with Postgres' copy, and registering a simulator as a cluster of a new organization.
 */
import { type CredentialCipher, type Db, createCluster, createOrganization, createUser, sealClusterCredentials } from '@portico/db';
import { RESOURCE_LIST, apiVersionOf } from '@portico/kube';
import type { Simulator } from '@portico/kube-sim';

/**
 * Polls `fn` until it holds. A throw counts as "not yet" (Postgres may be down on purpose);
 * the last one is named if time runs out, so a broken condition still says why.
 */
export async function waitFor(what: string, fn: () => Promise<boolean> | boolean, timeoutMs = 60_000, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await fn()) return;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Every difference between a simulator's objects and Postgres' copy of one cluster (name and resourceVersion), both ways. */
export async function copyDifferences(sim: Simulator, db: Db, clusterId: string): Promise<string[]> {
  const diffs: string[] = [];
  for (const res of RESOURCE_LIST) {
    let objects = sim.objects.list(apiVersionOf(res), res.kind);
    // Only TLS Secrets are synced.
    if (res.key === 'secrets') objects = objects.filter((o) => (o as { type?: string }).type === 'kubernetes.io/tls');
    const want = new Map(objects.map((o) => [`${o.metadata?.namespace ?? ''}/${o.metadata?.name}`, o.metadata?.resourceVersion]));
    const rows = await db.kubeObject.findMany({ where: { clusterId, resource: res.key }, select: { namespace: true, name: true, resourceVersion: true } });
    const have = new Map(rows.map((r) => [`${r.namespace}/${r.name}`, r.resourceVersion]));
    for (const [k, rv] of want) if (have.get(k) !== rv) diffs.push(`${res.key} ${k}: cluster rv ${rv}, copy ${have.get(k) ?? 'missing'}`);
    for (const k of have.keys()) if (!want.has(k)) diffs.push(`${res.key} ${k}: deleted in the cluster, still in the copy`);
  }
  return diffs;
}

/** Registers an API server (bearer token, its CA) as cluster `name` of a new organization; returns the cluster id. */
export async function registerServer(db: Db, cipher: CredentialCipher, target: { url: string; caPem: string; token: string }, name: string): Promise<string> {
  const user = await createUser(db, { email: `${name}-${crypto.randomUUID().slice(0, 8)}@sync.test`, name, passwordHash: 'x' });
  const org = await db.$transaction((tx) => createOrganization(tx, { name, ownerId: user.id }));
  const id = crypto.randomUUID();
  const sealed = sealClusterCredentials(cipher, { id, server: target.url, insecureSkipTlsVerify: false }, { caPem: target.caPem, auth: { kind: 'token', token: target.token } });
  await createCluster(db, org.id, { id, name, server: target.url, authKind: 'token', ...sealed });
  return id;
}

/** Registers a simulator with its admin token. */
export function registerSimulator(db: Db, cipher: CredentialCipher, target: Simulator, name: string): Promise<string> {
  return registerServer(db, cipher, { url: target.url, caPem: target.caPem, token: target.tokens.admin }, name);
}
