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
