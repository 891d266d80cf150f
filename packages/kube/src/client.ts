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
import type { ClusterConnection } from './connection.js';

/** An answer from the API server with a status other than 2xx. */
export class KubeHttpError extends Error {
  override readonly name = 'KubeHttpError';
  constructor(
    readonly status: number,
    /** The apiserver's `Status.message`, if it sent one (never contains credentials). */
    readonly serverMessage: string | undefined,
    readonly path: string,
  ) {
    super(`${path} answered ${status}${serverMessage ? `: ${serverMessage}` : ''}`);
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

/** Longest watch line accepted (characters). */
const MAX_WATCH_LINE = 32 * 1024 * 1024;

function statusMessage(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && 'kind' in body && body.kind === 'Status' && 'message' in body && typeof body.message === 'string') return body.message;
  return undefined;
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

  constructor(connection: ClusterConnection) {
    const url = new URL(connection.server);
    this.origin = url.origin;
    // Paths are appended to the server URL; a trailing slash would double it.
    this.pathPrefix = url.pathname.replace(/\/+$/, '');
    this.headers = { accept: 'application/json', ...(connection.auth.kind === 'token' ? { authorization: `Bearer ${connection.auth.token}` } : {}) };
    this.agent = new Agent({
      // 30 s keep-alive probes, like client-go: idle watches survive load balancers that cut at 60 s.
      connect: {
        rejectUnauthorized: !connection.insecureSkipTlsVerify,
        ...(connection.caPem && !connection.insecureSkipTlsVerify ? { ca: connection.caPem } : {}),
        ...(connection.tlsServerName ? { servername: connection.tlsServerName } : {}),
        ...(connection.auth.kind === 'clientCertificate' ? { cert: connection.auth.certPem, key: connection.auth.keyPem } : {}),
        keepAlive: true,
        keepAliveInitialDelay: 30_000,
      },
    });
  }

  private send(path: string, signal?: AbortSignal): Promise<Dispatcher.ResponseData> {
    const sent = this.agent.request({ origin: this.origin, path: `${this.pathPrefix}${path}`, method: 'GET', headers: this.headers, ...(signal ? { signal } : {}) });
    if (!signal) return sent;
    // undici notices an abort only once the connection is up; a server that accepts TCP but never
    // completes TLS would hold us until its connect timeout. The caller's deadline wins.
    sent.catch(() => undefined);
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      sent.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  async getJson(path: string, options: { signal?: AbortSignal } = {}): Promise<JsonResponse> {
    const response = await this.send(path, options.signal);
    const text = await response.body.text();
    const body = parseJson(text);
    if (response.statusCode < 200 || response.statusCode >= 300) throw new KubeHttpError(response.statusCode, statusMessage(body), path);
    return { status: response.statusCode, body, text: text.slice(0, 2048) };
  }

  /**
   * Streams a watch (`path` from `watchPath`): `onEvent` is called for each line, in order.
   * Resolves when the server ends the stream; rejects on a non-2xx answer, a broken connection
   * or an abort through `signal`.
   */
  async watch(path: string, onEvent: (event: WatchEvent) => void, options: { signal?: AbortSignal } = {}): Promise<void> {
    const response = await this.send(path, options.signal);
    if (response.statusCode !== 200) {
      const text = await response.body.text().catch(() => '');
      throw new KubeHttpError(response.statusCode, statusMessage(parseJson(text)), path);
    }
    // undici yields Buffers; the decoder keeps a UTF-8 sequence split between chunks whole.
    const decoder = new StringDecoder('utf8');
    // The start of a line that has not ended yet, as chunks: each chunk is searched once, so a
    // big object arriving in many chunks costs linear time.
    let pending: string[] = [];
    let pendingLength = 0;
    const emit = (line: string) => {
      if (line.trim()) onEvent(JSON.parse(line) as WatchEvent);
    };
    for await (const bytes of response.body as AsyncIterable<Buffer>) {
      const chunk = decoder.write(bytes);
      let start = 0;
      let newline: number;
      while ((newline = chunk.indexOf('\n', start)) >= 0) {
        emit(pending.length ? pending.join('') + chunk.slice(start, newline) : chunk.slice(start, newline));
        pending = [];
        pendingLength = 0;
        start = newline + 1;
      }
      if (start < chunk.length) {
        pending.push(chunk.slice(start));
        pendingLength += chunk.length - start;
      }
      // One event is one object (etcd caps those near 1.5 MB): a line far longer is not Kubernetes.
      if (pendingLength > MAX_WATCH_LINE) throw new KubeHttpError(200, 'a watch event longer than 32 MB', path);
    }
    emit(pending.join('') + decoder.end());
  }

  /** Closes the agent's sockets (watches still open are cut). */
  close(): Promise<void> {
    return this.agent.destroy();
  }
}
