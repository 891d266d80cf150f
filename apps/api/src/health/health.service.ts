import { Inject, Injectable } from '@nestjs/common';
import type { TReadiness } from '@portico/contracts';
import { type Db, checkReadiness } from '@portico/db';
import { InjectDb } from '../database/database.module.js';
import { API_ENV, type ApiEnv } from '../env.js';

@Injectable()
export class HealthService {
  constructor(
    @InjectDb() private readonly db: Db,
    @Inject(API_ENV) private readonly env: ApiEnv,
  ) {}

  /** Ready = the database answers and every migration on disk is applied. */
  async readiness(): Promise<TReadiness> {
    const checks = await checkReadiness(this.db, this.env.PORTICO_MIGRATIONS_DIR);
    return { status: checks.database && checks.migrations ? 'ready' : 'not_ready', checks };
  }
}
