import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type TMigrationBatch, type TMigrationPreview, type TPreviewMigrationRequest, type TSubmitMigrationRequest, migrationObjectKey } from '@portico/contracts';
import { type Db, type NewChange, UniqueViolationError, findChangeByIdempotencyKey, findCluster, listBatchChanges } from '@portico/db';
import {
  ChangeInputError,
  type ConversionResult,
  type MigrationInputs,
  changeClientOf,
  convertIngresses,
  describeKubeFailure,
  ingressYaml,
  objectsToApply,
  readMigrationInputs,
  serviceFormFields,
  trafficEquivalence,
} from '@portico/kube';
import { stringify } from 'yaml';
import { AppError } from '../common/app-error.js';
import type { RequestMeta } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { ClusterCredentialsService } from '../clusters/cluster-credentials.service.js';
import { InjectDb } from '../database/database.module.js';
import { ChangePreviewService, invalidField } from '../changes/change-preview.service.js';
import { ChangesService } from '../changes/changes.service.js';

interface Converted {
  inputs: MigrationInputs;
  result: ConversionResult;
  objects: { kind: 'Gateway' | 'HTTPRoute'; apiVersion: string; namespace: string; name: string; yaml: string }[];
}

/**
 * Ingress → Gateway API: the conversion is pure (`@portico/kube` migration); each produced object
 * goes through the change pipeline as a `yaml` change, so it gets the pipeline's dry-run,
 * preconditions, worker, audit and revert. The Ingress is left in place: deleting it is its own change.
 */
@Injectable()
export class MigrationService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly credentials: ClusterCredentialsService,
    private readonly previews: ChangePreviewService,
    private readonly changes: ChangesService,
  ) {}

  async preview(caller: Principal, clusterId: string, body: TPreviewMigrationRequest): Promise<TMigrationPreview> {
    const { inputs, result, objects } = await this.convert(caller, clusterId, body);
    const previewed = [];
    // One at a time: each opens the cluster's credentials for its own dry-run, as a single change's preview does.
    for (const o of objects)
      previewed.push({ kind: o.kind, namespace: o.namespace, name: o.name, yaml: o.yaml, preview: await this.previews.preview(caller, clusterId, { type: 'yaml', yaml: o.yaml }) });
    return {
      ingresses: inputs.ingresses.map((i) => ({ name: String(i.metadata?.name), yaml: ingressYaml(i) })),
      gateway: {
        namespace: inputs.target.namespace,
        name: inputs.target.name,
        exists: inputs.target.existing !== null,
        addedListeners: result.addedListeners.map((l) => ({
          name: l.name,
          hostname: l.hostname ?? null,
          port: l.port,
          protocol: l.protocol,
          certificateSecret: l.tls?.certificateRefs[0]?.name ?? null,
        })),
      },
      objects: previewed,
      equivalence: trafficEquivalence(inputs.ingresses, inputs.services, result),
      notTranslated: result.notTranslated,
    };
  }

  /** One change per produced object, all with their audit events and jobs in one transaction; an Idempotency-Key answers a retry with the same batch. */
  async submit(caller: Principal, clusterId: string, body: TSubmitMigrationRequest, idempotencyKey: string | undefined, meta: RequestMeta): Promise<TMigrationBatch> {
    const cluster = await findCluster(this.db, caller.organizationId, clusterId);
    if (!cluster) throw new AppError('not_found', 'No such cluster in this organization.');
    const requestHash = createHash('sha256')
      .update(JSON.stringify({ migration: clusterId, body }))
      .digest('hex');
    if (idempotencyKey) {
      const earlier = await this.replay(caller, idempotencyKey, requestHash);
      if (earlier) return earlier;
    }
    const { objects } = await this.convert(caller, clusterId, body);
    const produced = objects.map(migrationObjectKey).sort();
    const previewed = Object.keys(body.baseResourceVersions).sort();
    if (JSON.stringify(produced) !== JSON.stringify(previewed))
      throw new AppError('conflict', `The Ingresses or the Gateway changed since the preview: it would now produce ${produced.join(', ')}. Preview again.`, {
        invalidParams: [{ name: 'baseResourceVersions', reason: 'names other objects than the migration now produces' }],
      });
    const batchId = randomUUID();
    const changes: NewChange[] = objects.map((o, i) => ({
      id: randomUUID(),
      clusterId,
      authorUserId: caller.userId,
      authorTokenId: caller.method === 'token' ? (caller.tokenId ?? null) : null,
      type: 'yaml',
      operation: 'apply',
      apiVersion: o.apiVersion,
      kind: o.kind,
      namespace: o.namespace,
      name: o.name,
      request: { type: 'yaml', yaml: o.yaml },
      manifest: null,
      baseResourceVersion: body.baseResourceVersions[migrationObjectKey(o)],
      overwriteNewer: false,
      force: body.force,
      reason: body.reason ?? 'Ingress → Gateway API migration',
      state: cluster.requireApproval ? 'awaiting_approval' : 'pending',
      // The batch answers to its first change's key: the key is unique per organization.
      idempotencyKey: i === 0 ? (idempotencyKey ?? null) : null,
      requestHash: i === 0 ? requestHash : null,
      revertOfId: null,
      batchId,
    }));
    try {
      await this.changes.storeAll(caller, meta, changes);
    } catch (err) {
      if (err instanceof UniqueViolationError && idempotencyKey) {
        const earlier = await this.replay(caller, idempotencyKey, requestHash);
        if (earlier) return earlier;
      }
      throw err;
    }
    return this.batch(caller, batchId);
  }

  private async replay(caller: Principal, key: string, requestHash: string): Promise<TMigrationBatch | undefined> {
    const earlier = await findChangeByIdempotencyKey(this.db, caller.organizationId, key);
    if (!earlier) return undefined;
    if (earlier.requestHash !== requestHash || !earlier.batchId) {
      throw new AppError('conflict', 'This Idempotency-Key was already used for a different request.', {
        invalidParams: [{ name: 'headers.idempotency-key', reason: 'was already used for a different request' }],
      });
    }
    return this.batch(caller, earlier.batchId);
  }

  private async batch(caller: Principal, batchId: string): Promise<TMigrationBatch> {
    const rows = await listBatchChanges(this.db, caller.organizationId, batchId);
    return { batchId, changes: await Promise.all(rows.map((r) => this.changes.get(caller, r.id))) };
  }

  private async convert(caller: Principal, clusterId: string, body: TPreviewMigrationRequest): Promise<Converted> {
    const cluster = await findCluster(this.db, caller.organizationId, clusterId);
    if (!cluster) throw new AppError('not_found', 'No such cluster in this organization.');
    const client = this.credentials.clientFor(cluster);
    let inputs: MigrationInputs;
    try {
      inputs = await readMigrationInputs(changeClientOf(client), body);
    } catch (err) {
      if (err instanceof ChangeInputError) throw invalidField(err);
      throw new AppError('cluster_connection_failed', describeKubeFailure(err, serviceFormFields).message);
    } finally {
      void client.close();
    }
    const result = convertIngresses(inputs.ingresses, inputs.services, inputs.target);
    const objects = objectsToApply(result, inputs.target).map((o) => ({
      kind: o.kind,
      apiVersion: o.apiVersion,
      namespace: o.metadata.namespace,
      name: o.metadata.name,
      yaml: stringify(o, { sortMapEntries: false }),
    }));
    return { inputs, result, objects };
  }
}
