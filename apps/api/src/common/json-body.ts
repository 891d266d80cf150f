import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { FastifyRequest } from 'fastify';
import { AppError } from './app-error.js';

const problem = (code: 'payload_too_large' | 'malformed_request' | 'unsupported_media_type', detail: string, reason: string) =>
  new AppError(code, detail, { invalidParams: [{ name: 'body', reason }] });

const DECODERS: Record<string, (() => Transform) | undefined> = { identity: undefined, gzip: createGunzip, deflate: createInflate, br: createBrotliDecompress };

/**
 * Reads a JSON body by the rules the API has always answered with (body-parser's): utf-8 only,
 * gzip/deflate/br inflated (the limit counts inflated bytes), empty means `{}`, any JSON value.
 */
export async function readJson(req: FastifyRequest, payload: IncomingMessage, limit: number): Promise<unknown> {
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

/** `1mb`, `100kb`, `512` → bytes (PORTICO_BODY_LIMIT's notation). */
export function parseByteSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  if (!m) throw new Error(`not a byte size: ${text}`);
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(m[2] ?? 'b').toLowerCase() as 'b'];
  return Math.floor(Number(m[1]) * unit);
}
