import type { TClusterStatus } from '@portico/contracts';
import type { Prisma, Tx } from '../client.js';
import { refusingDuplicates } from './unique-violation.js';

/** What an update may change, as plain values, so services need no Prisma types. */
export interface ClusterChanges {
  server?: string;
  authKind?: string;
  insecureSkipTlsVerify?: boolean;
  credentials?: string;
  credentialsKeyId?: string;
  status?: TClusterStatus;
  statusReason?: string | null;
  enabled?: boolean;
  requireApproval?: boolean;
}

/** Clusters of one organization. Every query is bound to `organizationId`. */
export function listClusters(tx: Tx, organizationId: string) {
  return tx.cluster.findMany({ where: { organizationId }, orderBy: { name: 'asc' } });
}

export function findCluster(tx: Tx, organizationId: string, id: string) {
  return tx.cluster.findFirst({ where: { id, organizationId } });
}

export function findClusterByName(tx: Tx, organizationId: string, name: string) {
  return tx.cluster.findFirst({ where: { organizationId, name } });
}

/** Throws UniqueViolationError when the organization already has a cluster of that name. */
export function createCluster(tx: Tx, organizationId: string, data: Omit<Prisma.ClusterUncheckedCreateInput, 'organizationId'>) {
  return refusingDuplicates(tx.cluster.create({ data: { ...data, organizationId } }));
}

export function updateCluster(tx: Tx, organizationId: string, id: string, data: ClusterChanges) {
  return tx.cluster.updateMany({ where: { id, organizationId }, data });
}

export function deleteCluster(tx: Tx, organizationId: string, id: string) {
  return tx.cluster.deleteMany({ where: { id, organizationId } });
}
