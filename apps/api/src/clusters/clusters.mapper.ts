import type { TCluster } from '@portico/contracts';
import { MAX_SYNC_WARNINGS, ZClusterFacts, ZSyncWarning } from '@portico/contracts';

interface ClusterRow {
  id: string;
  name: string;
  server: string;
  authKind: string;
  insecureSkipTlsVerify: boolean;
  enabled: boolean;
  requireApproval: boolean;
  status: TCluster['status'];
  statusReason: string | null;
  lastSyncedAt: Date | null;
  facts: unknown;
  syncProgress: unknown;
  syncWarnings: unknown;
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
    requireApproval: row.requireApproval,
    status: row.status,
    statusReason: row.statusReason,
    lastSyncedAt: row.lastSyncedAt?.toISOString() ?? null,
    facts: facts.success ? facts.data : {},
    syncProgress: (row.syncProgress ?? {}) as TCluster['syncProgress'],
    warnings: row.insecureSkipTlsVerify ? ["The API server's certificate is not verified (insecure-skip-tls-verify): anyone on the network path could impersonate it."] : [],
    // Written by the worker from a cluster's objects: only well-formed entries are passed on.
    syncWarnings: (Array.isArray(row.syncWarnings) ? row.syncWarnings : [])
      .flatMap((w) => {
        const parsed = ZSyncWarning.safeParse(w);
        return parsed.success ? [{ kind: parsed.data.kind, namespace: parsed.data.namespace, name: parsed.data.name, message: parsed.data.message }] : [];
      })
      .slice(0, MAX_SYNC_WARNINGS),
    createdAt: row.createdAt.toISOString(),
  };
}
