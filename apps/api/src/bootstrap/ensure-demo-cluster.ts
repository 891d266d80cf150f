import { randomUUID } from 'node:crypto';
import { type CredentialCipher, type Db, createCluster, findClusterByName, findFirstOrganization, sealClusterCredentials, updateCluster } from '@portico/db';

/**
 * Registers (or re-points) the cluster `demo` of the first organization at the simulator that
 * `npm start` runs. The simulator mints a new CA and token each start, so the credentials are
 * re-sealed every time; the sync sees the change and relists. Portico treats it like any
 * other cluster from then on.
 */
export async function ensureDemoCluster(db: Db, cipher: CredentialCipher, sim: { server: string; caPem: string; token: string }, name = 'demo') {
  const org = await findFirstOrganization(db);
  if (!org) throw new Error('No organization yet: bootstrap the first admin before the demo cluster');
  const existing = await findClusterByName(db, org.id, name);
  const id = existing?.id ?? randomUUID();
  const sealed = sealClusterCredentials(cipher, { id, server: sim.server, insecureSkipTlsVerify: false }, { caPem: sim.caPem, auth: { kind: 'token', token: sim.token } });
  if (existing) {
    await updateCluster(db, org.id, id, { server: sim.server, authKind: 'token', insecureSkipTlsVerify: false, status: 'pending', statusReason: null, ...sealed });
  } else {
    await createCluster(db, org.id, { id, name, server: sim.server, authKind: 'token', ...sealed });
  }
  return { organizationId: org.id, clusterId: id };
}
