import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { CookieOptions, Response } from 'express';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error.js';
import { SECURITY_HEADERS, answerClientError, chooseRequestId, logRequest } from './http-middleware.js';
import type { Logger } from './logger.js';
import { sendProblem } from './problem.js';
import type { Principal } from './request-context.js';

/**
 * The Fastify side of `API_HTTP_ADAPTER` (issue 13: measured against Express). The rest of the
 * API is written against Express's request and response: this gives Fastify's the few members
 * it uses (`req.get`, `req.is`, `req.path`, `req.cookies`, `res.setHeader`, `res.cookie`,
 * `res.clearCookie`) and answers bodies, sizes and errors as the Express middleware does
 * (test/http-adapter.e2e.test.ts sends the same requests to both).
 */
export function createFastifyAdapter(options: { trustProxy: string; bodyLimit: string }): FastifyAdapter {
  return new FastifyAdapter({
    trustProxy: options.trustProxy,
    // readJson (below) enforces the limit as body-parser does; Fastify's own cap only has to stay out of the way.
    bodyLimit: parseByteSize(options.bodyLimit) + 1,
    keepAliveTimeout: 5_000,
    clientErrorHandler: answerClientError,
    // A URL the router cannot decode: Express's answer is the problem filter's, so this is too.
    frameworkErrors: (err: FastifyError, _req: FastifyRequest, reply: FastifyReply) => sendProblem(reply as unknown as Response, randomUUID(), 'malformed_request', err.message),
    // Express's router: `/a/` is `/a`, paths are case-insensitive, a path parameter has no length cap.
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false, maxParamLength: 16_384 },
  });
}

type Extended = FastifyRequest & { requestId: string; principal?: Principal; path: string; cookies?: Record<string, string>; started: bigint };

/** Hooks and parsers in the order of the Express middleware chain in app.factory.ts. */
export function installFastifyPlatform(fastify: FastifyInstance, options: { logger: Logger; bodyLimit: string }): void {
  fastify.decorateRequest('get', function (this: FastifyRequest, name: string) {
    const value = this.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  });
  // Express's `req.is(type)` for the one exact type the contract interceptor asks about: null without a body.
  fastify.decorateRequest('is', function (this: FastifyRequest, type: string) {
    if (this.headers['transfer-encoding'] === undefined && Number.isNaN(Number(this.headers['content-length']))) return null;
    return (this.headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase() === type ? type : false;
  });
  fastify.decorateRequest('path', {
    getter(this: FastifyRequest): string {
      return this.url.split('?', 1)[0];
    },
  });
  fastify.decorateRequest('requestId', '');
  fastify.decorateReply('setHeader', function (this: FastifyReply, name: string, value: string) {
    return this.header(name, value);
  });
  fastify.decorateReply('cookie', function (this: FastifyReply, name: string, value: string, opts: CookieOptions = {}) {
    return setCookie(this, name, value, opts);
  });
  fastify.decorateReply('clearCookie', function (this: FastifyReply, name: string, opts: CookieOptions = {}) {
    const { maxAge: _ignored, ...rest } = opts;
    return setCookie(this, name, '', { path: '/', ...rest, expires: new Date(1) });
  });

  fastify.addHook('onRequest', (req, reply, done) => {
    const r = req as Extended;
    r.started = process.hrtime.bigint();
    r.requestId = chooseRequestId(req.headers['x-request-id']);
    // On the Node response, like Express's: answers written past Fastify (the docs' static assets) carry them too.
    reply.raw.setHeader('X-Request-Id', r.requestId);
    for (const [name, value] of SECURITY_HEADERS) reply.raw.setHeader(name, value);
    const cookie = req.headers.cookie;
    r.cookies = cookie ? cookieCodec.parse(cookie) : {};
    done();
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    const r = req as Extended;
    logRequest(options.logger, r, reply.statusCode, r.started);
    done();
  });

  const limit = parseByteSize(options.bodyLimit);
  const json = (req: FastifyRequest, payload: IncomingMessage) => readJson(req, payload, limit);
  fastify.addContentTypeParser('application/json', json);
  fastify.addContentTypeParser(/^application\/[^;\s]+\+json(\s*;.*)?$/i, json);
  // Express leaves other bodies unread (the contract then refuses the missing body); so does this.
  fastify.addContentTypeParser('*', (_req: FastifyRequest, _payload: IncomingMessage, done: (err: null, body?: unknown) => void) => done(null, undefined));
}

// The cookie codec Express's res.cookie and cookie-parser use, so both platforms write the same Set-Cookie.
const cookieCodec = createRequire(import.meta.url)('cookie') as { parse(header: string): Record<string, string>; serialize(name: string, value: string, options?: object): string };
/** Express's res.cookie: maxAge in milliseconds, sent as Max-Age (seconds) beside Expires. */
function setCookie(reply: FastifyReply, name: string, value: string, opts: CookieOptions): FastifyReply {
  const { maxAge, ...rest } = opts;
  const withAge = maxAge === undefined ? rest : { ...rest, expires: new Date(Date.now() + maxAge), maxAge: Math.floor(maxAge / 1000) };
  return reply.header('set-cookie', cookieCodec.serialize(name, value, withAge));
}

const problem = (code: 'payload_too_large' | 'malformed_request' | 'unsupported_media_type', detail: string, reason: string) =>
  new AppError(code, detail, { invalidParams: [{ name: 'body', reason }] });

const DECODERS: Record<string, (() => Transform) | undefined> = { identity: undefined, gzip: createGunzip, deflate: createInflate, br: createBrotliDecompress };

/** body-parser's rules: utf-8 only, gzip/deflate/br inflated (the limit counts inflated bytes), empty means `{}`, any JSON value. */
async function readJson(req: FastifyRequest, payload: IncomingMessage, limit: number): Promise<unknown> {
  const unsupported = () => problem('unsupported_media_type', 'Unsupported body encoding', 'has an unsupported encoding');
  const charset = /charset=([^;]+)/i
    .exec(req.headers['content-type'] ?? '')?.[1]
    ?.trim()
    .toLowerCase();
  if (charset && !charset.startsWith('utf-')) throw unsupported();
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (!(encoding in DECODERS)) throw unsupported();
  const decoder = DECODERS[encoding];
  const tooLarge = () => problem('payload_too_large', 'The request body is larger than the server accepts', 'is too large');
  if (!decoder && Number(req.headers['content-length']) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of (decoder ? payload.pipe(decoder()) : payload) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw tooLarge();
      chunks.push(chunk);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw problem('malformed_request', 'The request body could not be read', 'could not be read');
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.length === 0) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw problem('malformed_request', 'The body is not valid JSON', 'is not valid JSON');
  }
}

/** `1mb`, `100kb`, `512` → bytes, as Express's `bytes` reads PORTICO_BODY_LIMIT. */
export function parseByteSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  if (!m) throw new Error(`not a byte size: ${text}`);
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] ?? 'b').toLowerCase() as 'b'];
  return Math.floor(Number(m[1]) * unit);
}
