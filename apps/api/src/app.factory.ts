import 'reflect-metadata';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type Db, createSqlPool } from '@portico/db';
import cookieParser from 'cookie-parser';
import express from 'express';
import { AppModule } from './app.module.js';
import { createFastifyAdapter, installFastifyPlatform } from './common/fastify-platform.js';
import { answerParserErrorsAsProblems, bodyParserErrors, requestId, requestLogger, securityHeaders } from './common/http-middleware.js';
import type { Logger } from './common/logger.js';
import type { ApiEnv } from './env.js';

type AppOptions = { env: ApiEnv; db: Db; logger: Logger };

/** Builds the configured app; main.ts listens on it, tests drive it with supertest. */
export async function createApp(options: AppOptions): Promise<INestApplication> {
  const sql = createSqlPool(options.env.DATABASE_URL, { max: 10, applicationName: 'portico-api', statementTimeoutMs: options.env.DATABASE_STATEMENT_TIMEOUT_SECONDS * 1000 });
  const module = AppModule.forRoot({ ...options, sql });
  const app = options.env.API_HTTP_ADAPTER === 'fastify' ? await createFastifyApp(module, options) : await createExpressApp(module, options);
  app.enableShutdownHooks();
  await app.init();
  if (options.env.API_HTTP_ADAPTER === 'fastify') await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
  return app;
}

async function createExpressApp(module: ReturnType<typeof AppModule.forRoot>, options: AppOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bodyParser: false, logger: false });
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
  app.use('/api/docs/assets', express.static(swaggerDir(), { index: false, maxAge: '1h' }));
  answerParserErrorsAsProblems(app.getHttpServer());
  return app;
}

async function createFastifyApp(module: ReturnType<typeof AppModule.forRoot>, options: AppOptions): Promise<INestApplication> {
  const adapter = createFastifyAdapter({ trustProxy: options.env.PORTICO_TRUST_PROXY, bodyLimit: options.env.PORTICO_BODY_LIMIT });
  installFastifyPlatform(adapter.getInstance(), { logger: options.logger, bodyLimit: options.env.PORTICO_BODY_LIMIT });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bodyParser: false, logger: false });
  app.use('/api/docs/assets', express.static(swaggerDir(), { index: false, maxAge: '1h' }));
  return app;
}

const swaggerDir = () => path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
