import { Controller, Res } from '@nestjs/common';
import type { Response } from 'express';
import { routes, type TReadiness } from '@portico/contracts';
import { type Db, pendingMigrations } from '@portico/db';
import { Route } from '../common/route.decorator.js';
import { InjectDb } from '../database/database.module.js';

@Controller()
export class HealthController {
  constructor(@InjectDb() private readonly db: Db) {}

  @Route(routes.healthz)
  healthz() {
    return { status: 'ok' as const };
  }

  /** Ready = the database answers and every migration on disk is applied. 503 otherwise. */
  @Route(routes.readyz)
  async readyz(@Res({ passthrough: true }) res: Response): Promise<TReadiness> {
    let database = false;
    let migrations = false;
    try {
      await this.db.$queryRaw`SELECT 1`;
      database = true;
      migrations = (await pendingMigrations((sql) => this.db.$queryRawUnsafe(sql))).length === 0;
    } catch {
      // reported as not ready below
    }
    const ready = database && migrations;
    if (!ready) res.status(503);
    return { status: ready ? 'ready' : 'not_ready', checks: { database, migrations } };
  }
}
