import type { TCluster } from '@portico/contracts';
import { ZClusterFacts } from '@portico/contracts';

interface ClusterRow {
  id: string;
  name: string;
  server: string;
  authKind: string;
  insecureSkipTlsVerify: boolean;
  enabled: boolean;
  status: TCluster['status'];
  statusReason: string | null;
  lastSyncedAt: Date | null;
  facts: unknown;
  syncProgress: unknown;
  createdAt: Date;
}

/** Explicit field list: the sealed credentials and their key id never reach a response. */
export function toClusterDto(row: ClusterRow): TCluster {
  const facts = ZClusterFacts.safeParse(row.facts);
  return {
    id: row.id,
    name: row.name,
    server: row.server,
    authKind: row.authKind === 'clientCertificate' ? 'clientCertificate' : 'token',
    insecureSkipTlsVerify: row.insecureSkipTlsVerify,
    enabled: row.enabled,
    status: row.status,
    statusReason: row.statusReason,
    lastSyncedAt: row.lastSyncedAt?.toISOString() ?? null,
    facts: facts.success ? facts.data : {},
    syncProgress: (row.syncProgress ?? {}) as TCluster['syncProgress'],
    warnings: row.insecureSkipTlsVerify ? ["The API server's certificate is not verified (insecure-skip-tls-verify): anyone on the network path could impersonate it."] : [],
    createdAt: row.createdAt.toISOString(),
  };
}
