import type { Prisma, Tx } from '../client.js';

/** Clusters of one organization. Every query is bound to `organizationId`. */
export function listClusters(tx: Tx, organizationId: string) {
  return tx.cluster.findMany({ where: { organizationId }, orderBy: { name: 'asc' } });
}

export function findCluster(tx: Tx, organizationId: string, id: string) {
  return tx.cluster.findFirst({ where: { id, organizationId } });
}

export function createCluster(tx: Tx, organizationId: string, data: Omit<Prisma.ClusterUncheckedCreateInput, 'organizationId'>) {
  return tx.cluster.create({ data: { ...data, organizationId } });
}

export function updateCluster(tx: Tx, organizationId: string, id: string, data: Prisma.ClusterUpdateManyMutationInput) {
  return tx.cluster.updateMany({ where: { id, organizationId }, data });
}

export function deleteCluster(tx: Tx, organizationId: string, id: string) {
  return tx.cluster.deleteMany({ where: { id, organizationId } });
}

// ——— The sync engine's view: the worker serves every organization, one cluster at a time. ———

/** Enabled clusters (id only) for the worker's supervisor to consider. */
export function listSyncableClusterIds(tx: Tx) {
  return tx.cluster.findMany({ where: { enabled: true }, select: { id: true } });
}

export function findClusterForSync(tx: Tx, id: string) {
  return tx.cluster.findUnique({ where: { id } });
}

/**
 * Takes or renews the sync lease of a cluster. Succeeds when nobody holds it, the holder is
 * us, or the holder's lease ran out (a dead worker): another worker then takes over.
 */
export async function acquireClusterLease(tx: Tx, clusterId: string, holder: string, ttlMs: number): Promise<boolean> {
  const n = await tx.$executeRaw`
    UPDATE "Cluster" SET "leaseHolder" = ${holder}, "leaseExpiresAt" = now() + ${ttlMs} * interval '1 millisecond'
    WHERE "id" = ${clusterId}::uuid AND "enabled"
      AND ("leaseHolder" IS NULL OR "leaseHolder" = ${holder} OR "leaseExpiresAt" < now())`;
  return n === 1;
}

export function releaseClusterLease(tx: Tx, clusterId: string, holder: string) {
  return tx.cluster.updateMany({ where: { id: clusterId, leaseHolder: holder }, data: { leaseHolder: null, leaseExpiresAt: null } });
}

export function recordClusterSyncState(
  tx: Tx,
  clusterId: string,
  data: { status?: 'pending' | 'syncing' | 'ready' | 'unreachable' | 'error'; statusReason?: string | null; lastSyncedAt?: Date; syncProgress?: Prisma.InputJsonValue; facts?: Prisma.InputJsonValue },
) {
  return tx.cluster.updateMany({ where: { id: clusterId }, data });
}
