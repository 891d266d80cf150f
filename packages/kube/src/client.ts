/**
 * Turns a `ClusterConnection` into a client-node `KubeConfig` held in memory only (nothing is
 * written to disk), plus a plain JSON `GET` over the same TLS and auth settings for the paths
 * the typed API classes do not cover (discovery, lists of any resource).
 * @see https://github.com/kubernetes-client/javascript
 */
import { HttpMethod, KubeConfig, RequestContext, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { fetch } from 'undici';
import type { ClusterConnection } from './connection.js';

const NAME = 'portico';
const base64 = (pem: string) => Buffer.from(pem, 'utf8').toString('base64');

/** A `KubeConfig` with one cluster, one user and one context, all named `portico`. */
export function kubeConfigFor(connection: ClusterConnection): KubeConfig {
  const cluster: Cluster = {
    name: NAME,
    // client-node appends request paths to `server`; a trailing slash would double it.
    server: connection.server.replace(/\/+$/, ''),
    skipTLSVerify: connection.insecureSkipTlsVerify,
    ...(connection.caPem && !connection.insecureSkipTlsVerify ? { caData: base64(connection.caPem) } : {}),
    ...(connection.tlsServerName ? { tlsServerName: connection.tlsServerName } : {}),
  };
  const user: User =
    connection.auth.kind === 'token'
      ? { name: NAME, token: connection.auth.token }
      : { name: NAME, certData: base64(connection.auth.certPem), keyData: base64(connection.auth.keyPem) };
  const context: Context = { name: NAME, cluster: NAME, user: NAME };
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [cluster], users: [user], contexts: [context], currentContext: NAME });
  return kc;
}

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

function statusMessage(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && 'kind' in body && body.kind === 'Status' && 'message' in body && typeof body.message === 'string') return body.message;
  return undefined;
}

/**
 * `GET server+path` with the connection's TLS settings and credentials: client-node builds the
 * request (headers and its undici dispatcher with CA, client certificate, skip-verify), and it is
 * sent with undici's `fetch` like client-node does, except that redirects are not followed. An
 * API server never redirects these paths; following one would let a registered "cluster" point
 * Portico's servers at any internal URL.
 * Network and TLS failures reject with undici's `TypeError('fetch failed', { cause })`;
 * non-2xx answers (redirects included) reject with `KubeHttpError`.
 */
export async function getJson(kc: KubeConfig, path: string, options: { signal?: AbortSignal } = {}): Promise<JsonResponse> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('KubeConfig has no current cluster');
  const ctx = new RequestContext(`${cluster.server}${path}`, HttpMethod.GET);
  ctx.setHeaderParam('Accept', 'application/json');
  await kc.applySecurityAuthentication(ctx);
  const response = await fetch(ctx.getUrl(), {
    method: 'GET',
    headers: ctx.getHeaders(),
    dispatcher: ctx.getDispatcher(),
    redirect: 'manual',
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.status < 200 || response.status >= 300) throw new KubeHttpError(response.status, statusMessage(body), path);
  return { status: response.status, body, text: text.slice(0, 2048) };
}
