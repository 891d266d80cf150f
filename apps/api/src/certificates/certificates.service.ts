import { Injectable } from '@nestjs/common';
import { type TCertificateDetail, type TCertificateListQuery, type TCertificatePage, type TCertificateThresholds } from '@portico/contracts';
import { type Sql, findCertificateThresholds, findObjects, findTrackedCertificate, listTrackedCertificates } from '@portico/db';
import { AppError } from '../common/app-error.js';
import type { Principal } from '../common/request-context.js';
import { InjectSql } from '../database/database.module.js';
import { toCertificateDetail, toCertificateListItem } from './certificates.mapper.js';

/** The inventory resource of each kind that can use a certificate (for links to its object page). */
const RESOURCE_OF_USE = { Ingress: 'ingresses', Gateway: 'gateways' } as const;

/** The fleet's certificates as data (issue 11): the rows the worker builds, judged against the server's clock. */
@Injectable()
export class CertificatesService {
  constructor(@InjectSql() private readonly sql: Sql) {}

  /** The organization's alert thresholds; the defaults until a policy says otherwise. */
  private thresholdsFor(organizationId: string): Promise<TCertificateThresholds> {
    return findCertificateThresholds(this.sql, organizationId);
  }

  async list(caller: Principal, q: TCertificateListQuery): Promise<TCertificatePage> {
    const now = new Date();
    const thresholds = await this.thresholdsFor(caller.organizationId);
    const page = await listTrackedCertificates(this.sql, {
      organizationId: caller.organizationId,
      clusterId: q.cluster,
      namespace: q.namespace,
      state: q.state,
      owner: q.owner,
      q: q.q,
      sort: q.sort,
      limit: q.limit,
      cursor: q.cursor,
      now,
      thresholds,
    });
    return { items: page.items.map((r) => toCertificateListItem(r, now, thresholds)), nextCursor: page.nextCursor };
  }

  async get(caller: Principal, id: string): Promise<TCertificateDetail> {
    const row = await findTrackedCertificate(this.sql, caller.organizationId, id);
    if (!row) throw new AppError('not_found', 'No such certificate in your clusters.');
    const objects = await findObjects(
      this.sql,
      caller.organizationId,
      row.usedBy.map((u) => ({ clusterId: row.clusterId, resource: RESOURCE_OF_USE[u.kind], namespace: u.namespace, name: u.name })),
    );
    const ids = new Map(objects.map((o) => [`${o.kind}/${o.namespace}/${o.name}`, o.id]));
    return toCertificateDetail(row, new Date(), await this.thresholdsFor(caller.organizationId), ids);
  }
}
