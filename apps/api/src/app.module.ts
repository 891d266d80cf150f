import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { type Db, type SqlPool, createCredentialCipher } from '@portico/db';
import { CREDENTIAL_CIPHER, ClusterCredentialsService } from './clusters/cluster-credentials.service.js';
import { ClustersController } from './clusters/clusters.controller.js';
import { ClustersService } from './clusters/clusters.service.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditService } from './audit/audit.service.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { LoginThrottleService } from './auth/login-throttle.service.js';
import { ContractInterceptor } from './common/contract.interceptor.js';
import { LOGGER, type Logger } from './common/logger.js';
import { ProblemFilter } from './common/problem.filter.js';
import { DatabaseModule } from './database/database.module.js';
import { API_ENV, type ApiEnv } from './env.js';
import { HealthController } from './health/health.controller.js';
import { InventoryController } from './inventory/inventory.controller.js';
import { InventoryService } from './inventory/inventory.service.js';
import { InvitationsController } from './members/invitations.controller.js';
import { InvitationsService } from './members/invitations.service.js';
import { MembersController } from './members/members.controller.js';
import { MembersService } from './members/members.service.js';
import { OpenApiController } from './openapi/openapi.controller.js';
import { TokensController } from './tokens/tokens.controller.js';
import { TokensService } from './tokens/tokens.service.js';

@Module({})
export class AppModule {
  static forRoot(options: { env: ApiEnv; db: Db; sql: SqlPool; logger: Logger }): DynamicModule {
    return {
      module: AppModule,
      imports: [DatabaseModule.forRoot(options.db, options.sql)],
      controllers: [HealthController, OpenApiController, AuthController, TokensController, MembersController, InvitationsController, AuditController, ClustersController, InventoryController],
      providers: [
        { provide: API_ENV, useValue: options.env },
        { provide: LOGGER, useValue: options.logger },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: ContractInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
        AuthService,
        LoginThrottleService,
        AuditService,
        TokensService,
        MembersService,
        InvitationsService,
        { provide: CREDENTIAL_CIPHER, useValue: createCredentialCipher(options.env.PORTICO_SECRET_KEY, options.env.PORTICO_SECRET_KEY_PREVIOUS.split(',')) },
        ClusterCredentialsService,
        ClustersService,
        InventoryService,
      ],
    };
  }
}
