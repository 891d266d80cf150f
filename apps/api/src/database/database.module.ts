import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Db, SqlPool } from '@portico/db';

export const DB = Symbol('DB');
export const SQL = Symbol('SQL');
/** The Prisma client: modelled reads and writes (users, tokens, clusters, audit…). */
export const InjectDb = () => Inject(DB);
/** The pg pool: set-based SQL (inventory reads). See `@portico/db/sql`'s pool.ts for why. */
export const InjectSql = () => Inject(SQL);

/** Provides the Prisma client and the pg pool; the app factory supplies them so tests can pass their own. */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(DB) private readonly db: Db,
    @Inject(SQL) private readonly sql: SqlPool,
  ) {}

  static forRoot(db: Db, sql: SqlPool) {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DB, useValue: db },
        { provide: SQL, useValue: sql },
      ],
      exports: [DB, SQL],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.db.$disconnect(), this.sql.end()]);
  }
}
