import type { TChange } from '@portico/contracts';
import { ZChangeError, ZChangeResult } from '@portico/contracts';

export interface ChangeRow {
  id: string;
  organizationId: string;
  clusterId: string;
  cluster: { name: string };
  type: string;
  operation: string;
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  state: TChange['state'];
  authorUserId: string | null;
  authorTokenId: string | null;
  reason: string | null;
  request: unknown;
  manifest: unknown;
  baseResourceVersion: string | null;
  overwriteNewer: boolean;
  force: boolean;
  before: unknown;
  after: unknown;
  result: unknown;
  error: unknown;
  attempts: number;
  revertOfId: string | null;
  decidedById: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const dict = (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** `objectId`: the synced object's page, when the copy has it. */
export function toChangeDto(row: ChangeRow, emails: Map<string, string>, objectId: string | null = null): TChange {
  const result = ZChangeResult.omit({ objectId: true }).safeParse(row.result);
  const error = ZChangeError.safeParse(row.error);
  return {
    id: row.id,
    clusterId: row.clusterId,
    clusterName: row.cluster.name,
    type: row.type as TChange['type'],
    operation: row.operation === 'delete' ? 'delete' : 'apply',
    target: { apiVersion: row.apiVersion, kind: row.kind, namespace: row.namespace, name: row.name },
    state: row.state,
    author: { userId: row.authorUserId, email: row.authorUserId ? (emails.get(row.authorUserId) ?? null) : null, tokenId: row.authorTokenId },
    reason: row.reason,
    request: dict(row.request) ?? {},
    manifest: dict(row.manifest),
    baseResourceVersion: row.baseResourceVersion,
    overwriteNewer: row.overwriteNewer,
    force: row.force,
    before: dict(row.before),
    after: dict(row.after),
    result: result.success ? { ...result.data, objectId } : null,
    error: error.success ? error.data : null,
    attempts: row.attempts,
    revertOfId: row.revertOfId,
    decision: row.decidedAt ? { byUserId: row.decidedById, at: row.decidedAt.toISOString(), reason: row.decisionReason } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}
