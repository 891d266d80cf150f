import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { Db, SqlPool } from '@portico/db';
import { AuditModule } from './audit/audit.module.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthModule } from './auth/auth.module.js';
import { CertificatesModule } from './certificates/certificates.module.js';
import { ChangesModule } from './changes/changes.module.js';
import { ClustersModule } from './clusters/clusters.module.js';
import { ContractInterceptor } from './common/contract.interceptor.js';
import { CoreModule } from './common/core.module.js';
import type { Logger } from './common/logger.js';
import { ProblemFilter } from './common/problem.filter.js';
import { DatabaseModule } from './database/database.module.js';
import type { ApiEnv } from './env.js';
import { HealthModule } from './health/health.module.js';
import { InventoryModule } from './inventory/inventory.module.js';
import { IngressEditorModule } from './ingresses/ingress-editor.module.js';
import { MembersModule } from './members/members.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { MigrationModule } from './migration/migration.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { OpenApiModule } from './openapi/openapi.module.js';
import { OrganizationsModule } from './organizations/organizations.module.js';
import { TokensModule } from './tokens/tokens.module.js';
import { OverviewModule } from './overview/overview.module.js';
import { SearchModule } from './search/search.module.js';

/**
 * One module per domain; what is global lives here: configuration, logger and database
 * (global modules), and the guard, contract interceptor and problem filter every route passes.
 */
@Module({})
export class AppModule {
  static forRoot(options: { env: ApiEnv; db: Db; sql: SqlPool; logger: Logger }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(options.env, options.logger),
        DatabaseModule.forRoot(options.db, options.sql),
        HealthModule,
        OpenApiModule,
        AuthModule,
        OrganizationsModule,
        TokensModule,
        MembersModule,
        AuditModule,
        ClustersModule,
        InventoryModule,
        CertificatesModule,
        ChangesModule,
        NotificationsModule,
        MigrationModule,
        IngressEditorModule,
        MetricsModule,
        OverviewModule,
        SearchModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: ContractInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
