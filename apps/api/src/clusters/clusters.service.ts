import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditAction, type TCluster, type TClusterList, type TRegisterClusterRequest, type TUpdateClusterRequest } from '@portico/contracts';
import { type ClusterChanges, type Db, UniqueViolationError, createCluster, deleteCluster, findCluster, listClusters, updateCluster } from '@portico/db';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { RequestMeta } from '../common/route.decorator.js';
import type { Principal } from '../common/request-context.js';
import { InjectDb } from '../database/database.module.js';
import { ClusterCredentialsService } from './cluster-credentials.service.js';
import { toClusterDto } from './clusters.mapper.js';

@Injectable()
export class ClustersService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly credentials: ClusterCredentialsService,
    private readonly audit: AuditService,
  ) {}

  async list(caller: Principal): Promise<TClusterList> {
    return { items: (await listClusters(this.db, caller.organizationId)).map(toClusterDto) };
  }

  async get(caller: Principal, id: string): Promise<TCluster> {
    const row = await findCluster(this.db, caller.organizationId, id);
    if (!row) throw new AppError('not_found', 'No such cluster in this organization.');
    return toClusterDto(row);
  }

  /** Checks the connection (only its address when told to skip the check), then stores the cluster with sealed credentials. Nothing is stored on failure. */
  async register(caller: Principal, input: TRegisterClusterRequest, meta: RequestMeta): Promise<TCluster> {
    const connection = this.credentials.connectionFrom(input);
    await this.credentials.verify(connection, input);
    const id = randomUUID();
    try {
      return await this.db.$transaction(async (tx) => {
        const row = await createCluster(tx, caller.organizationId, {
          id,
          name: input.name,
          server: connection.server,
          authKind: connection.auth.kind,
          insecureSkipTlsVerify: connection.insecureSkipTlsVerify,
          ...this.credentials.seal(id, connection),
        });
        await this.audit.record(
          caller,
          meta,
          { action: AuditAction.ClusterRegistered, targetType: 'cluster', targetId: id, details: { name: input.name, server: connection.server, authKind: connection.auth.kind } },
          tx,
        );
        return toClusterDto(row);
      });
    } catch (err) {
      if (err instanceof UniqueViolationError) {
        throw new AppError('conflict', `A cluster named ${input.name} already exists in this organization.`, { invalidParams: [{ name: 'name', reason: 'is already taken' }] });
      }
      throw err;
    }
  }

  /** Rotates credentials (checked like at registration) and/or enables/disables syncing. */
  async update(caller: Principal, id: string, input: TUpdateClusterRequest, meta: RequestMeta): Promise<TCluster> {
    const current = await findCluster(this.db, caller.organizationId, id);
    if (!current) throw new AppError('not_found', 'No such cluster in this organization.');
    const data: ClusterChanges = {};
    if (input.kubeconfig || input.token) {
      const connection = this.credentials.connectionFrom(input);
      await this.credentials.verify(connection, input);
      Object.assign(
        data,
        { server: connection.server, authKind: connection.auth.kind, insecureSkipTlsVerify: connection.insecureSkipTlsVerify, status: 'pending', statusReason: null },
        this.credentials.seal(id, connection),
      );
    }
    if (input.enabled !== undefined) data.enabled = input.enabled;
    if (input.requireApproval !== undefined) data.requireApproval = input.requireApproval;
    await this.db.$transaction(async (tx) => {
      await updateCluster(tx, caller.organizationId, id, data);
      await this.audit.record(
        caller,
        meta,
        {
          action: AuditAction.ClusterUpdated,
          targetType: 'cluster',
          targetId: id,
          details: { rotatedCredentials: !!(input.kubeconfig || input.token), enabled: input.enabled ?? null, requireApproval: input.requireApproval ?? null },
        },
        tx,
      );
    });
    return this.get(caller, id);
  }

  /** Deletes the cluster; its synced objects go with it (ON DELETE CASCADE). */
  async remove(caller: Principal, id: string, meta: RequestMeta): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const { count } = await deleteCluster(tx, caller.organizationId, id);
      if (!count) throw new AppError('not_found', 'No such cluster in this organization.');
      await this.audit.record(caller, meta, { action: AuditAction.ClusterDeleted, targetType: 'cluster', targetId: id }, tx);
    });
  }
}
