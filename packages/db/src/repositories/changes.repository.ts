import type { TChangeState } from '@portico/contracts';
import type { Prisma, Tx } from '../client.js';
import { afterCursor, newestFirst, type PageRequest, toPage } from '../pagination.js';
import { refusingDuplicates } from './unique-violation.js';

/** A change as submitted; the rest (state, before/after, result) is the pipeline's. */
export interface NewChange {
  id: string;
  clusterId: string;
  authorUserId: string | null;
  authorTokenId: string | null;
  type: string;
  operation: 'apply' | 'delete';
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  request: Prisma.InputJsonObject;
  manifest: Prisma.InputJsonObject | null;
  baseResourceVersion: string | null;
  overwriteNewer: boolean;
  force: boolean;
  reason: string | null;
  state: TChangeState;
  idempotencyKey: string | null;
  requestHash: string | null;
  revertOfId: string | null;
  /** The migration batch submitted with it, if any. */
  batchId?: string | null;
}

export interface ChangeFilter {
  clusterId?: string;
  state?: TChangeState;
  authorId?: string;
  kind?: string;
}

const withCluster = { cluster: { select: { name: true } } } as const;

/** Throws UniqueViolationError when the organization already has a change with this Idempotency-Key. */
export function createChange(tx: Tx, organizationId: string, change: NewChange) {
  const { manifest, ...rest } = change;
  return refusingDuplicates(tx.change.create({ data: { ...rest, ...(manifest ? { manifest } : {}), organizationId }, include: withCluster }));
}

export function findChange(tx: Tx, organizationId: string, id: string) {
  return tx.change.findFirst({ where: { id, organizationId }, include: withCluster });
}

export function findChangeByIdempotencyKey(tx: Tx, organizationId: string, idempotencyKey: string) {
  return tx.change.findFirst({ where: { organizationId, idempotencyKey }, include: withCluster });
}

/** The changes of one batch, in submission order. */
export function listBatchChanges(tx: Tx, organizationId: string, batchId: string) {
  return tx.change.findMany({ where: { organizationId, batchId }, orderBy: { sequence: 'asc' }, include: withCluster });
}

export async function listChanges(tx: Tx, organizationId: string, page: PageRequest & ChangeFilter) {
  const rows = await tx.change.findMany({
    where: {
      organizationId,
      ...(page.clusterId ? { clusterId: page.clusterId } : {}),
      ...(page.state ? { state: page.state } : {}),
      ...(page.authorId ? { authorUserId: page.authorId } : {}),
      ...(page.kind ? { kind: page.kind } : {}),
      ...afterCursor(page.cursor, 'changes'),
    },
    orderBy: newestFirst,
    take: page.limit + 1,
    include: withCluster,
  });
  return toPage(rows, page.limit, 'changes');
}

/**
 * Moves a change from one of `from` to `to` (with the decision fields), atomically: of two
 * callers racing (cancel vs the worker's claim, two approvers), exactly one sees `true`.
 */
export async function transitionChange(
  tx: Tx,
  organizationId: string,
  id: string,
  from: TChangeState[],
  to: TChangeState,
  decision: { decidedById?: string; decisionReason?: string | null; finished?: boolean } = {},
): Promise<boolean> {
  const now = new Date();
  const { count } = await tx.change.updateMany({
    where: { id, organizationId, state: { in: from } },
    data: {
      state: to,
      ...(decision.decidedById ? { decidedById: decision.decidedById, decidedAt: now, decisionReason: decision.decisionReason ?? null } : {}),
      ...(decision.finished ? { finishedAt: now } : {}),
    },
  });
  return count === 1;
}

/** The oldest change submitted before `sequence` to the same object that has not run yet: approvals keep submission order. */
export function earlierOpenChange(tx: Tx, change: { clusterId: string; kind: string; namespace: string; name: string; sequence: bigint }) {
  return tx.change.findFirst({
    where: {
      clusterId: change.clusterId,
      kind: change.kind,
      namespace: change.namespace,
      name: change.name,
      sequence: { lt: change.sequence },
      state: { in: ['awaiting_approval', 'pending', 'applying'] },
    },
    orderBy: { sequence: 'asc' },
    select: { id: true, state: true },
  });
}
