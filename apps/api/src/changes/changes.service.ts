import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AuditAction,
  EDITABLE_KINDS,
  type TChange,
  type TChangeList,
  type TChangeQuery,
  type TChangeRequest,
  type TDecideChangeRequest,
  type TRevertChangeRequest,
  type TSubmitChangeRequest,
  changeObjectKey,
  jobs,
} from '@portico/contracts';
import {
  type Db,
  type NewChange,
  type SqlPool,
  type Tx,
  UniqueViolationError,
  createChange,
  earlierOpenChange,
  findChange,
  findChangeByIdempotencyKey,
  findCluster,
  findSyncedVersion,
  listChanges,
  listUserEmails,
  transitionChange,
} from '@portico/db';
import { ChangeInputError, manifestFromYaml } from '@portico/kube';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { RequestMeta } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { InjectDb, InjectSql } from '../database/database.module.js';
import { invalidField } from './change-preview.service.js';
import { type ChangeRow, toChangeDto } from './changes.mapper.js';
import { JobQueue } from './job-queue.service.js';

type Target = Pick<NewChange, 'apiVersion' | 'kind' | 'namespace' | 'name' | 'operation'>;

/** The object a request changes, known without the cluster (expose's name defaults to its source's, as kubectl's). */
export function targetOf(change: TChangeRequest): Target {
  switch (change.type) {
    case 'expose':
      return { apiVersion: 'v1', kind: 'Service', namespace: change.namespace, name: change.name ?? change.source.name, operation: 'apply' };
    case 'service':
    case 'externalName':
      return { apiVersion: 'v1', kind: 'Service', namespace: change.namespace, name: change.name, operation: 'apply' };
    case 'delete':
      return { apiVersion: EDITABLE_KINDS[change.target.kind].apiVersion, kind: change.target.kind, namespace: change.target.namespace, name: change.target.name, operation: 'delete' };
    case 'yaml': {
      const manifest = manifestFromYaml(change.yaml);
      const meta = manifest.metadata as { name: string; namespace?: string };
      return { apiVersion: String(manifest.apiVersion), kind: String(manifest.kind), namespace: meta.namespace ?? '', name: meta.name, operation: 'apply' };
    }
    case 'ingress':
      return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespace: change.namespace, name: change.name, operation: 'apply' };
    case 'httpRoute':
      return { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', namespace: change.namespace, name: change.name, operation: 'apply' };
    case 'gatewayListeners':
      return { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', namespace: change.namespace, name: change.name, operation: 'apply' };
    case 'referenceGrant':
      return { apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', namespace: change.namespace, name: change.name, operation: 'apply' };
  }
}

const hashOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * Changes: submitted here (stored with their job in one transaction), applied by the worker
 * (`apps/worker/src/jobs/apply-change.job.ts`), decided by admins where a cluster asks for
 * approval. Every transition is guarded by the state it leaves, so racing callers cannot both win.
 */
@Injectable()
export class ChangesService {
  constructor(
    @InjectDb() private readonly db: Db,
    @InjectSql() private readonly sql: SqlPool,
    private readonly queue: JobQueue,
    private readonly audit: AuditService,
  ) {}

  async submit(caller: Principal, clusterId: string, body: TSubmitChangeRequest, idempotencyKey: string | undefined, meta: RequestMeta): Promise<TChange> {
    const cluster = await findCluster(this.db, caller.organizationId, clusterId);
    if (!cluster) throw new AppError('not_found', 'No such cluster in this organization.');
    const requestHash = hashOf({ clusterId, body });
    if (idempotencyKey) {
      const earlier = await this.replay(caller, idempotencyKey, requestHash);
      if (earlier) return earlier;
    }
    let target: Target;
    try {
      target = targetOf(body.change);
    } catch (err) {
      if (err instanceof ChangeInputError) throw invalidField(err);
      throw err;
    }
    const change: NewChange = {
      id: randomUUID(),
      clusterId,
      authorUserId: caller.userId,
      authorTokenId: caller.method === 'token' ? (caller.tokenId ?? null) : null,
      type: body.change.type,
      ...target,
      request: body.change,
      manifest: null,
      baseResourceVersion: body.baseResourceVersion ?? null,
      overwriteNewer: body.overwriteNewer,
      force: body.force,
      reason: body.reason ?? null,
      state: cluster.requireApproval ? 'awaiting_approval' : 'pending',
      idempotencyKey: idempotencyKey ?? null,
      requestHash,
      revertOfId: null,
    };
    try {
      await this.store(caller, meta, change);
    } catch (err) {
      // Two submits with one key at once: the loser answers with the winner's change.
      if (err instanceof UniqueViolationError && idempotencyKey) {
        const earlier = await this.replay(caller, idempotencyKey, requestHash);
        if (earlier) return earlier;
      }
      throw err;
    }
    return this.get(caller, change.id);
  }

  /** The change an Idempotency-Key already made (same body), or a 409 if the key was used for another request. */
  private async replay(caller: Principal, key: string, requestHash: string): Promise<TChange | undefined> {
    const earlier = await findChangeByIdempotencyKey(this.db, caller.organizationId, key);
    if (!earlier) return undefined;
    if (earlier.requestHash !== requestHash) {
      throw new AppError('conflict', 'This Idempotency-Key was already used for a different request.', {
        invalidParams: [{ name: 'headers.idempotency-key', reason: 'was already used for a different request' }],
      });
    }
    return this.dto(earlier);
  }

  /** The change, its audit event and (unless it waits for approval) its job: one transaction. */
  private async store(caller: Principal, meta: RequestMeta, change: NewChange): Promise<void> {
    await this.storeAll(caller, meta, [change]);
  }

  /** Several changes (a migration's batch) with their audit events and jobs: one transaction, all or none. */
  async storeAll(caller: Principal, meta: RequestMeta, changes: NewChange[]): Promise<void> {
    await this.db.$transaction(async (tx) => {
      for (const change of changes) {
        await createChange(tx, caller.organizationId, change);
        await this.audit.record(caller, meta, { action: AuditAction.ChangeSubmitted, targetType: 'change', targetId: change.id, details: auditDetails(change) }, tx);
        if (change.state === 'pending') await this.enqueue(tx, { ...change });
      }
    });
  }

  private enqueue(tx: Tx, change: Pick<NewChange, 'id' | 'clusterId' | 'kind' | 'namespace' | 'name'>) {
    return this.queue.send(tx, jobs.applyChange, { changeId: change.id }, { singletonKey: changeObjectKey(change) });
  }

  async list(caller: Principal, query: TChangeQuery): Promise<TChangeList> {
    const page = await listChanges(this.db, caller.organizationId, query);
    const emails = await this.emailsOf(page.items);
    return { items: page.items.map((row) => toChangeDto(row as ChangeRow, emails)), nextCursor: page.nextCursor };
  }

  async get(caller: Principal, id: string): Promise<TChange> {
    return this.dto(await this.find(caller, id));
  }

  async cancel(caller: Principal, id: string, meta: RequestMeta): Promise<TChange> {
    const change = await this.find(caller, id);
    if (change.authorUserId !== caller.userId && caller.role !== 'admin') throw new AppError('forbidden', 'Only its author or an admin can cancel a change.');
    const done = await this.db.$transaction(async (tx) => {
      if (!(await transitionChange(tx, caller.organizationId, id, ['pending', 'awaiting_approval'], 'cancelled', { finished: true }))) return false;
      await this.audit.record(caller, meta, { action: AuditAction.ChangeCancelled, targetType: 'change', targetId: id, details: auditDetails(change) }, tx);
      return true;
    });
    if (!done) throw new AppError('conflict', `The change is ${(await this.find(caller, id)).state}: only a pending change or one awaiting approval can be cancelled.`);
    return this.get(caller, id);
  }

  async approve(caller: Principal, id: string, body: TDecideChangeRequest, meta: RequestMeta): Promise<TChange> {
    const change = await this.decidable(caller, id);
    const earlier = await earlierOpenChange(this.db, change);
    if (earlier?.state === 'awaiting_approval')
      throw new AppError('conflict', `Change ${earlier.id} to the same object was submitted earlier and awaits a decision: decide it first, so changes apply in the order they were submitted.`);
    const done = await this.db.$transaction(async (tx) => {
      if (!(await transitionChange(tx, caller.organizationId, id, ['awaiting_approval'], 'pending', { decidedById: caller.userId, decisionReason: body.reason ?? null }))) return false;
      await this.audit.record(caller, meta, { action: AuditAction.ChangeApproved, targetType: 'change', targetId: id, details: { ...auditDetails(change), reason: body.reason ?? null } }, tx);
      await this.enqueue(tx, change);
      return true;
    });
    if (!done) throw new AppError('conflict', 'The change was decided or cancelled meanwhile.');
    return this.get(caller, id);
  }

  async reject(caller: Principal, id: string, body: TDecideChangeRequest, meta: RequestMeta): Promise<TChange> {
    const change = await this.decidable(caller, id);
    const done = await this.db.$transaction(async (tx) => {
      if (!(await transitionChange(tx, caller.organizationId, id, ['awaiting_approval'], 'rejected', { decidedById: caller.userId, decisionReason: body.reason ?? null, finished: true })))
        return false;
      await this.audit.record(caller, meta, { action: AuditAction.ChangeRejected, targetType: 'change', targetId: id, details: { ...auditDetails(change), reason: body.reason ?? null } }, tx);
      return true;
    });
    if (!done) throw new AppError('conflict', 'The change was decided or cancelled meanwhile.');
    return this.get(caller, id);
  }

  /**
   * A new change that undoes an applied one: deletes what it created, or applies the object
   * back as it was (with force: taking the fields back is the point). The object's
   * resourceVersion after the original is the precondition, unless `overwriteNewer`.
   */
  async revert(caller: Principal, id: string, body: TRevertChangeRequest, idempotencyKey: string | undefined, meta: RequestMeta): Promise<TChange> {
    const original = await this.find(caller, id);
    if (original.state !== 'applied') throw new AppError('conflict', `Only an applied change can be reverted; this one is ${original.state}.`);
    const requestHash = hashOf({ revertOf: id, body });
    if (idempotencyKey) {
      const earlier = await this.replay(caller, idempotencyKey, requestHash);
      if (earlier) return earlier;
    }
    const created = original.operation === 'apply' && original.before === null;
    const appliedVersion = (original.result as { resourceVersion?: string | null } | null)?.resourceVersion ?? null;
    const change: NewChange = {
      id: randomUUID(),
      clusterId: original.clusterId,
      authorUserId: caller.userId,
      authorTokenId: caller.method === 'token' ? (caller.tokenId ?? null) : null,
      type: 'revert',
      apiVersion: original.apiVersion,
      kind: original.kind,
      namespace: original.namespace,
      name: original.name,
      operation: created ? 'delete' : 'apply',
      request: { type: 'revert', revertOf: id },
      manifest: null,
      // A deleted object comes back only if nobody re-created it; otherwise the state the original left.
      baseResourceVersion: original.operation === 'delete' ? '' : appliedVersion,
      overwriteNewer: body.overwriteNewer,
      force: !created,
      reason: body.reason ?? null,
      state: (await findCluster(this.db, caller.organizationId, original.clusterId))?.requireApproval ? 'awaiting_approval' : 'pending',
      idempotencyKey: idempotencyKey ?? null,
      requestHash,
      revertOfId: id,
    };
    await this.store(caller, meta, change);
    return this.get(caller, change.id);
  }

  private async decidable(caller: Principal, id: string) {
    const change = await this.find(caller, id);
    if (change.authorUserId === caller.userId) throw new AppError('forbidden', 'A change is decided by an admin other than its author.');
    if (change.state !== 'awaiting_approval') throw new AppError('conflict', `The change is ${change.state}; only a change awaiting approval can be decided.`);
    return change;
  }

  private async find(caller: Principal, id: string) {
    const row = await findChange(this.db, caller.organizationId, id);
    if (!row) throw new AppError('not_found', 'No such change in this organization.');
    return row;
  }

  private async dto(row: ChangeRow): Promise<TChange> {
    const emails = await this.emailsOf([row]);
    const synced =
      row.state === 'applied' && row.operation === 'apply'
        ? await findSyncedVersion(this.sql, row.organizationId, { clusterId: row.clusterId, kind: row.kind, namespace: row.namespace, name: row.name })
        : null;
    return toChangeDto(row, emails, synced?.id ?? null);
  }

  private async emailsOf(rows: { authorUserId: string | null }[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.map((r) => r.authorUserId).filter((v): v is string => !!v))];
    return new Map((await listUserEmails(this.db, ids)).map((u) => [u.id, u.email]));
  }
}

function auditDetails(change: Pick<NewChange, 'type' | 'apiVersion' | 'kind' | 'namespace' | 'name' | 'force' | 'overwriteNewer' | 'clusterId'> & { operation: string }) {
  return {
    clusterId: change.clusterId,
    type: change.type,
    operation: change.operation,
    target: { apiVersion: change.apiVersion, kind: change.kind, namespace: change.namespace, name: change.name },
    force: change.force,
    overwriteNewer: change.overwriteNewer,
  };
}
