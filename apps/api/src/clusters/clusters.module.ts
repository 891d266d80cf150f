import { Module } from '@nestjs/common';
import { createCredentialCipher } from '@portico/db';
import { AuditModule } from '../audit/audit.module.js';
import { API_ENV, type ApiEnv } from '../env.js';
import { CREDENTIAL_CIPHER, ClusterCredentialsService } from './cluster-credentials.service.js';
import { ClustersController } from './clusters.controller.js';
import { ClustersService } from './clusters.service.js';

@Module({
  imports: [AuditModule],
  controllers: [ClustersController],
  providers: [
    { provide: CREDENTIAL_CIPHER, useFactory: (env: ApiEnv) => createCredentialCipher(env.PORTICO_SECRET_KEY, env.PORTICO_SECRET_KEY_PREVIOUS.split(',')), inject: [API_ENV] },
    ClusterCredentialsService,
    ClustersService,
  ],
  exports: [ClusterCredentialsService],
})
export class ClustersModule {}
