import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SECURITY_HEADERS, answerClientError, chooseRequestId, logRequest } from './http-middleware.js';
import { parseByteSize, readJson } from './json-body.js';
import type { Logger } from './logger.js';
import { sendProblem } from './problem.js';
import type { PorticoRequest } from './request-context.js';

/**
 * Fastify under Nest (issue 13 measured it against Express: less CPU per request, see
 * docs/architecture.md#http-adapter). The router keeps the URL rules the API was published with.
 */
export function createHttpAdapter(options: { trustProxy: string; bodyLimit: string }): FastifyAdapter {
  return new FastifyAdapter({
    trustProxy: options.trustProxy,
    // readJson (json-body.ts) enforces the limit with a problem naming `body`; Fastify's own cap only has to stay out of the way.
    bodyLimit: parseByteSize(options.bodyLimit) + 1,
    keepAliveTimeout: 5_000,
    clientErrorHandler: answerClientError,
    // A URL the router cannot decode gets the same problem+json as any other bad request.
    frameworkErrors: (err: FastifyError, _req: FastifyRequest, reply: FastifyReply) => sendProblem(reply, randomUUID(), 'malformed_request', err.message),
    // `/a/` is `/a`, paths are case-insensitive, a path parameter (a Kubernetes name, a cursor) has no length cap.
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false, maxParamLength: 16_384 },
  });
}

/** Request id, security headers and the log line for every answer; JSON bodies read by json-body.ts. */
export function installHttpPlatform(fastify: FastifyInstance, options: { logger: Logger; bodyLimit: string }): void {
  fastify.decorateRequest('requestId', '');
  fastify.decorateRequest('started', 0n);
  fastify.addHook('onRequest', (req, reply, done) => {
    const r = req as PorticoRequest;
    r.started = process.hrtime.bigint();
    r.requestId = chooseRequestId(req.headers['x-request-id']);
    // On the Node response: answers written past Fastify's reply (the docs' static assets) carry them too.
    reply.raw.setHeader('X-Request-Id', r.requestId);
    for (const [name, value] of SECURITY_HEADERS) reply.raw.setHeader(name, value);
    done();
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    const r = req as PorticoRequest;
    logRequest(options.logger, r, reply.statusCode, r.started);
    done();
  });

  const limit = parseByteSize(options.bodyLimit);
  const json = (req: FastifyRequest, payload: IncomingMessage) => readJson(req, payload, limit);
  fastify.addContentTypeParser('application/json', json);
  fastify.addContentTypeParser(/^application\/[^;\s]+\+json(\s*;.*)?$/i, json);
  // Other bodies stay unread: the route's contract then refuses the missing JSON body (415/400).
  fastify.addContentTypeParser('*', (_req: FastifyRequest, _payload: IncomingMessage, done: (err: null, body?: unknown) => void) => done(null, undefined));
}
