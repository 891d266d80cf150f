import { Injectable } from '@nestjs/common';
import type { TSearchQuery, TSearchResults } from '@portico/contracts';
import { type Sql, searchObjects } from '@portico/db';
import type { Principal } from '../common/request-context.js';
import { InjectSql } from '../database/database.module.js';

/** Cross-cluster search (issue 14) over the caller's organization. */
@Injectable()
export class SearchService {
  constructor(@InjectSql() private readonly sql: Sql) {}

  async search(caller: Principal, q: TSearchQuery): Promise<TSearchResults> {
    const { rows, truncated } = await searchObjects(this.sql, caller.organizationId, q.q, q.limit);
    // Fields one by one: the row type may grow, the answer does not.
    const items = rows.map((r) => ({
      type: r.type,
      id: r.id,
      kind: r.kind,
      clusterId: r.clusterId,
      clusterName: r.clusterName,
      namespace: r.namespace,
      name: r.name,
      matched: r.matched,
      match: r.match,
    }));
    return { items, truncated };
  }
}
