/**
 * Portico's HTTP client for one cluster's API server: `GET` as JSON and watch streams, over one
 * keep-alive undici agent that carries the connection's TLS settings (CA, client certificate,
 * skip-verify, server name) and bearer token.
 *
 * Why not client-node's `KubeConfig` at runtime: importing it loads the whole generated model
 * (≈ 80 MB of RSS per process, measured), and it builds a new TLS agent — a new handshake and a
 * socket left to idle out — for every request. The sync engine makes thousands of requests per
 * cluster; `kubeConfigFor` (in `./kubeconfig-client.js`, exported as `@portico/kube/client-node`)
 * still gives a client-node `KubeConfig` for code that wants its typed APIs.
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/
 */
import { StringDecoder } from 'node:string_decoder';
import { Agent, type Dispatcher } from 'undici';
import { type AddressPolicy, STRICT_ADDRESS_POLICY, connectorFor } from './address-policy.js';
import type { ClusterConnection } from './connection.js';
import { type ApplyOptions, type RemoveOptions, type StatusCause, type WriteResult, applyPath, parseWarningHeaders, removeRequest } from './object-writes.js';

// The writes' pure helpers (objectPath, fieldManagerConflicts, …) are part of the client's API.
export * from './object-writes.js';

/** What a `Status` body says besides its message: what callers branch on. */
export interface KubeStatusDetails {
  /** `Status.reason`: `Invalid`, `Conflict`, `AlreadyExists`, `NotFound`, `Forbidden`, `TooManyRequests`… */
  reason?: string;
  /** `details.causes`: the fields an `Invalid` names, the fields and managers of an apply conflict. */
  causes?: StatusCause[];
  /** From the `Retry-After` header, else `details.retryAfterSeconds`. */
  retryAfterSeconds?: number;
}

/** An answer from the API server with a status other than 2xx. */
export class KubeHttpError extends Error {
  override readonly name = 'KubeHttpError';
  readonly reason: string | undefined;
  readonly causes: StatusCause[];
  readonly retryAfterSeconds: number | undefined;
  constructor(
    readonly status: number,
    /** The apiserver's `Status.message`, if it sent one (never contains credentials). */
    readonly serverMessage: string | undefined,
    readonly path: string,
    details: KubeStatusDetails = {},
  ) {
    super(`${path} answered ${status}${serverMessage ? `: ${serverMessage}` : ''}`);
    this.reason = details.reason;
    this.causes = details.causes ?? [];
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

export interface JsonResponse {
  status: number;
  body: unknown;
  /** The raw text, for "this is not Kubernetes" diagnostics; capped. */
  text: string;
}

/** One event of a watch stream; `object` is a `Status` for `ERROR` events. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: Record<string, unknown>;
}

/**
 * Largest answer accepted per kind of request, in bytes. A registered "cluster" is anyone's
 * server: without caps one answering `/version` with gigabytes exhausts the process's memory for
 * every tenant. Over a cap the socket is cut and `KubeResponseTooLargeError` is thrown.
 */
export interface KubeClientLimits {
  /** `/version`, `/api`, `/apis` and single objects (Kubernetes sends a few kB to ~1 MB). */
  discoveryBytes: number;
  /** One list page (500 objects; etcd holds objects up to ~1.5 MB, real pages are a few MB). */
  listPageBytes: number;
  /** One watch event line (one object). */
  watchEventBytes: number;
  /** The body of a non-2xx answer, read for its `Status.message`; the rest is dropped. */
  errorBodyBytes: number;
}

const MB = 1024 * 1024;
export const DEFAULT_KUBE_CLIENT_LIMITS: KubeClientLimits = { discoveryBytes: 4 * MB, listPageBytes: 64 * MB, watchEventBytes: 16 * MB, errorBodyBytes: 64 * 1024 };

/** The caps from an app's `KUBE_MAX_DISCOVERY_MB`, `KUBE_MAX_LIST_PAGE_MB`, `KUBE_MAX_WATCH_EVENT_MB`. */
export function kubeClientLimitsFromMegabytes(mb: { discovery: number; listPage: number; watchEvent: number }): KubeClientLimits {
  return { ...DEFAULT_KUBE_CLIENT_LIMITS, discoveryBytes: Math.round(mb.discovery * MB), listPageBytes: Math.round(mb.listPage * MB), watchEventBytes: Math.round(mb.watchEvent * MB) };
}

const megabytes = (bytes: number) => `${Math.round((bytes / MB) * 100) / 100} MB`;

/** An answer larger than the client's cap for its kind: the server is not behaving like Kubernetes. */
export class KubeResponseTooLargeError extends KubeHttpError {
  constructor(
    status: number,
    path: string,
    readonly limitBytes: number,
    what = 'for',
  ) {
    super(status, undefined, path);
    this.message = `the server sent more than ${megabytes(limitBytes)} ${what} ${path.split('?')[0]}; a Kubernetes API server does not`;
  }
}

/** A watch line that is not JSON. Only its length and the error position are kept: the line may be a Secret. */
export class KubeMalformedWatchEventError extends KubeHttpError {
  constructor(path: string, lineBytes: number, position: number | undefined) {
    super(200, undefined, path);
    this.message = `${path.split('?')[0]} sent a watch event that is not JSON (${lineBytes} characters${position === undefined ? '' : `, invalid at position ${position}`})`;
  }
}

/** Reads a body up to `limit` bytes; over it the body is destroyed (undici closes the socket) and the answer refused. */
async function readCapped(response: Dispatcher.ResponseData, limit: number, path: string): Promise<string> {
  const declared = Number(response.headers['content-length']);
  const refuse = () => {
    // Destroying an unread body makes undici emit an abort error: nobody else listens for it.
    response.body.on('error', () => undefined);
    response.body.destroy();
    return new KubeResponseTooLargeError(response.statusCode, path, limit);
  };
  if (declared > limit) throw refuse();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw refuse();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** The start of a non-2xx body, for its `Status.message`; the rest is never read. */
async function readErrorBody(response: Dispatcher.ResponseData, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) break; // leaving the loop destroys the body
    }
  } catch {
    // A cut error body still leaves its status code to report.
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

function statusMessage(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && 'kind' in body && body.kind === 'Status' && 'message' in body && typeof body.message === 'string') return body.message;
  return undefined;
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** `reason`, `details.causes` and the retry delay of a `Status` body; only well-typed values are kept (the body is the cluster's word). */
function statusDetails(body: unknown, retryAfterHeader: string | string[] | undefined): KubeStatusDetails {
  const status = typeof body === 'object' && body !== null && 'kind' in body && body.kind === 'Status' ? (body as { reason?: unknown; details?: unknown }) : {};
  const details = typeof status.details === 'object' && status.details !== null ? (status.details as { causes?: unknown; retryAfterSeconds?: unknown }) : {};
  const causes = Array.isArray(details.causes)
    ? details.causes
        .filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null)
        .map((c) => Object.fromEntries(Object.entries({ reason: text(c.reason), message: text(c.message), field: text(c.field) }).filter(([, v]) => v !== undefined)) as StatusCause)
    : [];
  // Retry-After is delay-seconds from a Kubernetes apiserver (an HTTP date is not sent; ignored).
  const header = Array.isArray(retryAfterHeader) ? retryAfterHeader[0] : retryAfterHeader;
  const fromHeader = header !== undefined && /^\d+$/.test(header.trim()) ? Number(header.trim()) : undefined;
  const fromBody = typeof details.retryAfterSeconds === 'number' && Number.isFinite(details.retryAfterSeconds) ? details.retryAfterSeconds : undefined;
  return { reason: text(status.reason), causes, retryAfterSeconds: fromHeader ?? fromBody };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A client for one cluster, on undici's `request` (Node streams, without `fetch`'s WHATWG
 * stream layers: a third of the CPU for a big list). Redirects are never followed: an API
 * server does not redirect these paths, and following one would let a registered "cluster"
 * point Portico's servers at any internal URL. Network and TLS failures reject with the socket
 * or TLS error (its `code` says which); non-2xx answers (redirects included) reject with
 * `KubeHttpError`; an abort rejects with the signal's reason.
 */
export class KubeClient {
  private readonly origin: string;
  /** A server URL may carry a path (`https://host/k8s/clusters/c-1`, Rancher-style); requests go below it. */
  private readonly pathPrefix: string;
  private readonly headers: Record<string, string>;
  private readonly agent: Agent;
  private readonly limits: KubeClientLimits;

  /** `options.addressPolicy`: which addresses may be connected to (default: public only), checked inside every connection (`./address-policy.ts`). */
  constructor(connection: ClusterConnection, options: { limits?: Partial<KubeClientLimits>; addressPolicy?: AddressPolicy } = {}) {
    this.limits = { ...DEFAULT_KUBE_CLIENT_LIMITS, ...options.limits };
    const url = new URL(connection.server);
    this.origin = url.origin;
    // Paths are appended to the server URL; a trailing slash would double it.
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    this.headers = { accept: 'application/json', ...(connection.auth.kind === 'token' ? { authorization: `Bearer ${connection.auth.token}` } : {}) };
    this.agent = new Agent({
      // 30 s keep-alive probes, like client-go: idle watches survive load balancers that cut at 60 s.
      connect: connectorFor(options.addressPolicy ?? STRICT_ADDRESS_POLICY, {
        rejectUnauthorized: !connection.insecureSkipTlsVerify,
        ...(connection.caPem && !connection.insecureSkipTlsVerify ? { ca: connection.caPem } : {}),
        ...(connection.tlsServerName ? { servername: connection.tlsServerName } : {}),
        ...(connection.auth.kind === 'clientCertificate' ? { cert: connection.auth.certPem, key: connection.auth.keyPem } : {}),
        keepAlive: true,
        keepAliveInitialDelay: 30_000,
      }),
    });
  }

  private send(path: string, signal?: AbortSignal, write?: { method: 'PATCH' | 'DELETE'; contentType: string; body: string }): Promise<Dispatcher.ResponseData> {
    const sent = this.agent.request({
      origin: this.origin,
      path: `${this.pathPrefix}${path}`,
      method: write?.method ?? 'GET',
      headers: write ? { ...this.headers, 'content-type': write.contentType } : this.headers,
      ...(write ? { body: write.body } : {}),
      ...(signal ? { signal } : {}),
    });
    if (!signal) return sent;
    // undici notices an abort only once the connection is up; a server that accepts TCP but never
    // completes TLS would hold us until its connect timeout. The caller's deadline wins.
    sent.catch(() => undefined);
    return new Promise((resolve, reject) => {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the caller's abort reason, as fetch() rejects with.
      const onAbort = () => reject(signal.reason);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      sent.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /**
   * `GET` as JSON. `kind` picks the size cap: `discovery` (the default: `/version`, `/api`,
   * `/apis`, one object) or `list` (one list page).
   */
  async getJson(path: string, options: { signal?: AbortSignal; kind?: 'discovery' | 'list' } = {}): Promise<JsonResponse> {
    const response = await this.send(path, options.signal);
    if (response.statusCode < 200 || response.statusCode >= 300) throw await this.httpError(response, path);
    const text = await readCapped(response, options.kind === 'list' ? this.limits.listPageBytes : this.limits.discoveryBytes, path);
    return { status: response.statusCode, body: parseJson(text), text: text.slice(0, 2048) };
  }

  /**
   * Streams a watch (`path` from `watchPath`): `onEvent` is called for each line, in order, with
   * the line's length. When it returns a promise, the socket is not read until it settles: a
   * caller whose queue is full holds the server back (TCP back-pressure) instead of buffering.
   * Resolves when the server ends the stream; rejects on a non-2xx answer, a broken connection,
   * a line that is not JSON or over the cap, or an abort through `signal`.
   */
  async watch(path: string, onEvent: (event: WatchEvent, size: number) => unknown, options: { signal?: AbortSignal } = {}): Promise<void> {
    const response = await this.send(path, options.signal);
    if (response.statusCode !== 200) throw await this.httpError(response, path);
    const maxLine = this.limits.watchEventBytes;
    // undici yields Buffers; the decoder keeps a UTF-8 sequence split between chunks whole.
    const decoder = new StringDecoder('utf8');
    // The start of a line that has not ended yet, as chunks: each chunk is searched once, so a
    // big object arriving in many chunks costs linear time.
    let pending: string[] = [];
    let pendingLength = 0;
    const emit = (line: string): unknown => {
      if (!line.trim()) return;
      if (line.length > maxLine) throw new KubeResponseTooLargeError(200, path, maxLine, 'in one watch event of');
      let event: WatchEvent;
      try {
        event = JSON.parse(line) as WatchEvent;
      } catch (err) {
        // V8's message quotes the line, which may be a Secret: keep only where it broke.
        const position = /position (\d+)/.exec((err as Error).message)?.[1];
        throw new KubeMalformedWatchEventError(path, line.length, position === undefined ? undefined : Number(position));
      }
      return onEvent(event, line.length);
    };
    for await (const bytes of response.body as AsyncIterable<Buffer>) {
      const chunk = decoder.write(bytes);
      let start = 0;
      let newline: number;
      while ((newline = chunk.indexOf('\n', start)) >= 0) {
        const handled = emit(pending.length ? pending.join('') + chunk.slice(start, newline) : chunk.slice(start, newline));
        // Only a promise is awaited: a callback such as `(e) => events.push(e)` returns a number.
        if (handled instanceof Promise) await handled;
        pending = [];
        pendingLength = 0;
        start = newline + 1;
      }
      if (start < chunk.length) {
        pending.push(chunk.slice(start));
        pendingLength += chunk.length - start;
      }
      // One event is one object (etcd caps those near 1.5 MB): a line far longer is not Kubernetes.
      if (pendingLength > maxLine) throw new KubeResponseTooLargeError(200, path, maxLine, 'in one watch event of');
    }
    await emit(pending.join('') + decoder.end());
  }

  /**
   * Server-side apply of `manifest` at `path` (`objectPath(…)`): creates or updates, as
   * `fieldManager`. The manifest goes as JSON text, which is YAML. A `metadata.resourceVersion`
   * in it is a precondition (409 `Conflict` when stale); another manager's field answers 409 with
   * `FieldManagerConflict` causes unless `force`. A re-apply that changes nothing stores nothing
   * (the resourceVersion stays).
   */
  apply(path: string, manifest: Record<string, unknown>, options: ApplyOptions): Promise<WriteResult> {
    return this.write(applyPath(path, options), { method: 'PATCH', contentType: 'application/apply-patch+yaml', body: JSON.stringify(manifest) }, options.signal);
  }

  /** `DELETE` with a `DeleteOptions` body; a stale precondition answers 409, a missing object 404. */
  remove(path: string, options: RemoveOptions = {}): Promise<WriteResult> {
    const request = removeRequest(path, options);
    return this.write(request.path, { method: 'DELETE', contentType: 'application/json', body: JSON.stringify(request.body) }, options.signal);
  }

  /** A write's answer: one object (or `Status`), capped like one object read. */
  private async write(path: string, request: { method: 'PATCH' | 'DELETE'; contentType: string; body: string }, signal?: AbortSignal): Promise<WriteResult> {
    const response = await this.send(path, signal, request);
    if (response.statusCode < 200 || response.statusCode >= 300) throw await this.httpError(response, path);
    const warnings = parseWarningHeaders(response.headers.warning);
    const body = parseJson(await readCapped(response, this.limits.discoveryBytes, path));
    return { status: response.statusCode, object: typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined, warnings };
  }

  private async httpError(response: Dispatcher.ResponseData, path: string): Promise<KubeHttpError> {
    const body = parseJson(await readErrorBody(response, this.limits.errorBodyBytes));
    return new KubeHttpError(response.statusCode, statusMessage(body), path, statusDetails(body, response.headers['retry-after']));
  }

  /** Closes the agent's sockets (watches still open are cut). */
  close(): Promise<void> {
    return this.agent.destroy();
  }
}
