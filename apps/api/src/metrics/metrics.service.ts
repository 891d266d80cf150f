import { Injectable } from '@nestjs/common';
import { type SqlPool, readOrganizationMetrics } from '@portico/db';
import { InjectSql } from '../database/database.module.js';
import { organizationRegistry } from './organization-metrics.js';

@Injectable()
export class MetricsService {
  constructor(@InjectSql() private readonly sql: SqlPool) {}

  /** The caller's organization only: every query behind it is filtered by its id. */
  async render(organizationId: string, now = Date.now() / 1000): Promise<string> {
    return organizationRegistry(await readOrganizationMetrics(this.sql, organizationId), now).metrics();
  }
}
