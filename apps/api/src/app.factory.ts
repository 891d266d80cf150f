import 'reflect-metadata';
import { createRequire } from 'node:module';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Db, createSqlPool } from '@portico/db';
import cookieParser from 'cookie-parser';
import express from 'express';
import { AppModule } from './app.module.js';
import { answerParserErrorsAsProblems, bodyParserErrors, requestId, requestLogger, securityHeaders } from './common/http-middleware.js';
import type { Logger } from './common/logger.js';
import type { ApiEnv } from './env.js';

/** Builds the configured app; main.ts listens on it, tests drive it with supertest. */
export async function createApp(options: { env: ApiEnv; db: Db; logger: Logger }): Promise<NestExpressApplication> {
  const sql = createSqlPool(options.env.DATABASE_URL, { max: 10, applicationName: 'portico-api', statementTimeoutMs: options.env.DATABASE_STATEMENT_TIMEOUT_SECONDS * 1000 });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ ...options, sql }), { bodyParser: false, logger: false });
  app.set('trust proxy', options.env.PORTICO_TRUST_PROXY);
  app.disable('x-powered-by');
  // Responses are per-user JSON: hashing every body for a weak ETag costs CPU and saves nothing.
  app.set('etag', false);
  app.use(requestId);
  app.use(securityHeaders);
  app.use(requestLogger(options.logger));
  app.use(cookieParser());
  app.use(express.json({ limit: options.env.PORTICO_BODY_LIMIT, strict: false, type: ['application/json', 'application/*+json'] }));
  app.use(bodyParserErrors);
  const swaggerDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  app.use('/api/docs/assets', express.static(swaggerDir, { index: false, maxAge: '1h' }));
  answerParserErrorsAsProblems(app.getHttpServer());
  app.enableShutdownHooks();
  await app.init();
  return app;
}
