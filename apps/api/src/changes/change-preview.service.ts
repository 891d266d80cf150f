import { Injectable } from '@nestjs/common';
import type { TChangePreview, TChangeRequest } from '@portico/contracts';
import { type Db, type SqlPool, findCluster, findObjectsMentioning, findSyncedVersion, listNodePortsInUse } from '@portico/db';
import {
  ChangeInputError,
  type ChangeClient,
  type ChangePlan,
  ChangeRefusedError,
  changeClientOf,
  describeKubeFailure,
  fieldMapperFor,
  httpRouteServices,
  ingressServiceNames,
  ingressWarnings,
  planChange,
  previewChange,
  serviceFormFields,
} from '@portico/kube';
import { AppError } from '../common/app-error.js';
import type { Principal } from '../common/request-context.js';
import { ClusterCredentialsService } from '../clusters/cluster-credentials.service.js';
import { InjectDb, InjectSql } from '../database/database.module.js';
import { loadIngressFacts } from './ingress-facts.js';

/**
 * Previews a change against the live cluster: renders it, asks the apiserver for a dry-run,
 * diffs, warns. The API opens the cluster's stored credentials for this (in memory, for the
 * request's duration): a preview must answer while the user waits, which a job cannot.
 */
@Injectable()
export class ChangePreviewService {
  constructor(
    @InjectDb() private readonly db: Db,
    @InjectSql() private readonly sql: SqlPool,
    private readonly credentials: ClusterCredentialsService,
  ) {}

  async preview(caller: Principal, clusterId: string, change: TChangeRequest): Promise<TChangePreview> {
    const cluster = await findCluster(this.db, caller.organizationId, clusterId);
    if (!cluster) throw new AppError('not_found', 'No such cluster in this organization.');
    const client = this.credentials.clientFor(cluster);
    try {
      const kube = changeClientOf(client);
      const plan = await planOrRefuse(change, kube);
      const mapField = fieldMapperFor(change.type);
      const [synced, nodePortsInUse, referrers] = await Promise.all([
        findSyncedVersion(this.sql, caller.organizationId, { clusterId, ...plan.target }),
        plan.target.kind === 'Service' ? listNodePortsInUse(this.sql, caller.organizationId, clusterId) : Promise.resolve([]),
        plan.operation === 'delete' && plan.target.kind === 'Service' ? this.routesTo(caller.organizationId, clusterId, plan.target) : Promise.resolve([]),
      ]);
      try {
        const preview = await previewChange(kube, plan, { syncedResourceVersion: synced?.resourceVersion ?? null, nodePortsInUse, referrers, mapField });
        if (change.type === 'ingress') preview.warnings.push(...ingressWarnings(change, await loadIngressFacts(this.sql, caller.organizationId, clusterId, change)));
        return preview;
      } catch (err) {
        if (err instanceof ChangeInputError) throw invalidField(err);
        if (err instanceof ChangeRefusedError) {
          if (err.retryable) throw new AppError('cluster_connection_failed', err.message);
          throw new AppError('change_refused', err.message, { invalidParams: err.fields.length ? err.fields : [{ name: 'change', reason: err.message }] });
        }
        throw err;
      }
    } finally {
      void client.close();
    }
  }

  /** Ingresses and HTTPRoutes of the synced copy whose backends name the Service: what stops resolving when it goes. */
  private async routesTo(organizationId: string, clusterId: string, target: ChangePlan['target']) {
    const candidates = await findObjectsMentioning(this.sql, organizationId, { clusterId, resources: ['ingresses', 'httproutes'], value: target.name });
    return candidates
      .filter((o) =>
        o.kind === 'Ingress'
          ? o.namespace === target.namespace && ingressServiceNames(o.body).includes(target.name)
          : httpRouteServices(o.body, o.namespace).some((s) => s.namespace === target.namespace && s.name === target.name),
      )
      .map((o) => ({ kind: o.kind, namespace: o.namespace, name: o.name }));
  }
}

/** Renders the request; a source that is missing or cannot be exposed is the request's fault (400), an unreachable cluster is not. */
export async function planOrRefuse(change: TChangeRequest, kube: ChangeClient): Promise<ChangePlan> {
  try {
    return await planChange(change, (path) => kube.get(path));
  } catch (err) {
    if (err instanceof ChangeInputError) throw invalidField(err);
    const failure = describeKubeFailure(err, serviceFormFields);
    throw new AppError('cluster_connection_failed', failure.message);
  }
}

export const invalidField = (err: ChangeInputError) => new AppError('validation_failed', err.message, { invalidParams: [{ name: err.field, reason: err.message }] });
