import 'reflect-metadata';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Db, createSqlPool } from '@portico/db';
import { AppModule } from './app.module.js';
import { createHttpAdapter, installHttpPlatform } from './common/http-platform.js';
import type { Logger } from './common/logger.js';
import type { ApiEnv } from './env.js';

type AppOptions = { env: ApiEnv; db: Db; logger: Logger };

/** Builds the app; main.ts listens on it, tests drive it with supertest. */
export async function createApp(options: AppOptions): Promise<INestApplication> {
  const sql = createSqlPool(options.env.DATABASE_URL, { max: 10, applicationName: 'portico-api', statementTimeoutMs: options.env.DATABASE_STATEMENT_TIMEOUT_SECONDS * 1000 });
  const adapter = createHttpAdapter({ trustProxy: options.env.PORTICO_TRUST_PROXY, bodyLimit: options.env.PORTICO_BODY_LIMIT });
  installHttpPlatform(adapter.getInstance(), { logger: options.logger, bodyLimit: options.env.PORTICO_BODY_LIMIT });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ ...options, sql }), adapter, { bodyParser: false, logger: false });
  // The docs page's script and styles; `cacheControl: false` leaves the API's `no-store` (set on every answer) in place.
  app.useStaticAssets({ root: swaggerDir(), prefix: '/api/docs/assets/', index: false, cacheControl: false });
  app.enableShutdownHooks();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

const swaggerDir = () => path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
