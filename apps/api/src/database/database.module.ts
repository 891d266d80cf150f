import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Db } from '@portico/db';

export const DB = Symbol('DB');
export const InjectDb = () => Inject(DB);

/** Provides the one Prisma client; the app factory supplies it so tests can pass their own. */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DB) private readonly db: Db) {}

  static forRoot(db: Db) {
    return { module: DatabaseModule, providers: [{ provide: DB, useValue: db }], exports: [DB] };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.$disconnect();
  }
}
