import { Injectable } from '@nestjs/common';
import { MAX_OVERVIEW_PROBLEMS, type TOverview, type TOverviewQuery } from '@portico/contracts';
import { type Sql, findCertificateThresholds, overviewCounts, overviewProblems } from '@portico/db';
import type { Principal } from '../common/request-context.js';
import { InjectSql } from '../database/database.module.js';
import { toOverview } from './overview.mapper.js';

/** The overview (issue 14): counts and ranked problems of the caller's organization, or one of its clusters. */
@Injectable()
export class OverviewService {
  constructor(@InjectSql() private readonly sql: Sql) {}

  async get(caller: Principal, q: TOverviewQuery): Promise<TOverview> {
    const now = new Date();
    const scope = { organizationId: caller.organizationId, clusterId: q.cluster };
    // The organization's own alert thresholds: "expiring" means here what it means in alerts.
    const thresholds = await findCertificateThresholds(this.sql, caller.organizationId);
    const [counts, problems] = await Promise.all([overviewCounts(this.sql, scope, now, thresholds), overviewProblems(this.sql, scope, now, thresholds, MAX_OVERVIEW_PROBLEMS)]);
    return toOverview(counts, problems, now);
  }
}
