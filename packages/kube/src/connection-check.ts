/**
 * "Test connection" for a cluster being registered: can Portico reach the API server, trust
 * it, sign in, and read what it needs? Every failure comes back as a reason code and a message
 * for the person registering the cluster, never as a thrown error, and never containing the
 * token, key or CA.
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/
 */
import { setMaxListeners } from 'node:events';
import { KubeClient, KubeHttpError, type KubeClientLimits, KubeMalformedWatchEventError, KubeResponseTooLargeError } from './client.js';
import type { ClusterConnection } from './connection.js';
import { CERT_MANAGER_GROUP, GATEWAY_API_GROUP, listPath, qualifiedName, type ResourceRef } from './resources.js';
import { AddressRefusedError, type AddressPolicy } from './address-policy.js';
import { validateServerUrl } from './server-url.js';
import { type ServerVersion, readApiGroupList, readServerVersion, servesCoreV1 } from './discovery.js';

export type ConnectionFailureReason =
  /** The URL or the address it leads to is refused (not https, metadata, an address class not allowed): nothing was sent. */
  'invalid_server' | 'unreachable' | 'tls' | 'timeout' | 'unauthorized' | 'forbidden' | 'not_kubernetes' | 'error';

export type ConnectionCheck =
  | {
      ok: true;
      version: ServerVersion;
      /** Named API groups the server serves (the core group is not listed). */
      apiGroups: string[];
      hasGatewayApi: boolean;
      hasCertManager: boolean;
    }
  | {
      ok: false;
      reason: ConnectionFailureReason;
      /** Plain words for the person registering the cluster. */
      message: string;
      /** With `forbidden`: what to grant, e.g. `list services (cluster-wide)`. */
      missingPermissions?: string[];
    };

export type ConnectionFailure = Extract<ConnectionCheck, { ok: false }>;

export interface CheckConnectionOptions {
  /** Budget for the whole check (default 10 000 ms). */
  timeoutMs?: number;
  /** Collections that must be listable cluster-wide; optional ones are skipped when their group is not served. */
  requiredAccess?: ResourceRef[];
  /** Which addresses may be connected to (default: public only); checked inside each connection. */
  addressPolicy?: AddressPolicy;
  /** Size caps on the server's answers (`KUBE_MAX_*_MB`); defaults are the client's. */
  limits?: Partial<KubeClientLimits>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

// Node/OpenSSL verification codes that mean "the certificate chain is not trusted".
// @see https://nodejs.org/api/tls.html#x509-certificate-error-codes
const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Removes every credential of the connection from text that came from elsewhere (a server could echo them). */
function redact(text: string, connection: ClusterConnection): string {
  const secrets = connection.auth.kind === 'token' ? [connection.auth.token] : [connection.auth.keyPem, connection.auth.certPem];
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out.length > 400 ? `${out.slice(0, 400)}…` : out;
}

function errorCode(err: unknown): string | undefined {
  // undici wraps socket/TLS errors: TypeError('fetch failed', { cause: Error & { code } }).
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  if (cause instanceof Error && 'code' in cause && typeof cause.code === 'string') return cause.code;
  return undefined;
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}

/** Turns a network, TLS or HTTP failure into a reason and a message that does not leak credentials. */
export function describeFailure(err: unknown, connection: ClusterConnection, timeoutMs = DEFAULT_TIMEOUT_MS): ConnectionFailure {
  const url = new URL(connection.server);
  const host = url.host;
  // Refused before any packet was sent: the message says why and nothing about what listens there.
  const refused = err instanceof AddressRefusedError ? err : err instanceof Error && err.cause instanceof AddressRefusedError ? err.cause : undefined;
  if (refused) return { ok: false, reason: 'invalid_server', message: refused.message };
  // Our own words, not the server's: an answer over a size cap, or a watch line that is not JSON.
  if (err instanceof KubeResponseTooLargeError || err instanceof KubeMalformedWatchEventError) return { ok: false, reason: 'not_kubernetes', message: `${host}: ${err.message}.` };
  if (err instanceof KubeHttpError) {
    const said = err.serverMessage ? ` The server said: "${redact(err.serverMessage, connection)}"` : '';
    if (err.status === 401) {
      const what = connection.auth.kind === 'token' ? 'token' : 'client certificate';
      return { ok: false, reason: 'unauthorized', message: `The cluster at ${host} rejected the ${what} (401 Unauthorized): it is wrong, expired, revoked, or from another cluster.` };
    }
    if (err.status === 403) {
      const path = err.path.split('?')[0];
      return { ok: false, reason: 'forbidden', message: `The credentials are valid but not allowed to read ${path} (403 Forbidden).${said}`, missingPermissions: [`get ${path}`] };
    }
    if (err.status >= 300 && err.status < 400) {
      return {
        ok: false,
        reason: 'not_kubernetes',
        message: `${host} answered with a redirect (${err.status}) for ${err.path.split('?')[0]}; a Kubernetes API server does not redirect. Portico does not follow redirects: use the API server's own URL.`,
      };
    }
    if (err.status === 404)
      return {
        ok: false,
        reason: 'not_kubernetes',
        message: `${host} answered 404 for ${err.path.split('?')[0]}: this does not look like a Kubernetes API server. Check the server URL (including any path prefix).`,
      };
    return { ok: false, reason: 'error', message: `The API server at ${host} answered ${err.status} for ${err.path.split('?')[0]}.${said}` };
  }
  if (isAbort(err))
    return {
      ok: false,
      reason: 'timeout',
      message: `No answer from ${host} within ${Math.round(timeoutMs / 100) / 10} s. The API server may be behind a firewall that drops Portico's traffic, or overloaded.`,
    };
  const code = errorCode(err);
  if (code && UNTRUSTED_CODES.has(code)) {
    const message = connection.caPem
      ? `The server's certificate is not signed by the CA in your kubeconfig (certificate-authority-data). Check that the CA and the server URL belong to the same cluster.`
      : `The server's certificate is not signed by a publicly trusted CA. Paste the cluster's CA certificate (certificate-authority-data in your kubeconfig).`;
    return { ok: false, reason: 'tls', message: `${message} (${code})` };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const name = connection.tlsServerName ?? url.hostname;
    return { ok: false, reason: 'tls', message: `The server's certificate is not valid for "${name}". Use a server address listed in the certificate, or set tls-server-name to one of its names.` };
  }
  if (code === 'CERT_HAS_EXPIRED') return { ok: false, reason: 'tls', message: `The server's certificate has expired; the cluster's API server certificate needs renewing.` };
  if (code === 'CERT_NOT_YET_VALID') return { ok: false, reason: 'tls', message: `The server's certificate is not valid yet; check the clock of the API server.` };
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO' || code?.startsWith('ERR_SSL_')) {
    return { ok: false, reason: 'tls', message: `${host} did not complete a TLS handshake (${code}). Is this the API server's https port?` };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { ok: false, reason: 'unreachable', message: `The name ${url.hostname} could not be resolved (${code}). If it only resolves inside your network, use an address Portico can reach.` };
  }
  if (code === 'ECONNREFUSED') return { ok: false, reason: 'unreachable', message: `Nothing accepted the connection at ${host} (connection refused). Check the address and port.` };
  if (code && UNREACHABLE_CODES.has(code))
    return { ok: false, reason: 'unreachable', message: `Could not reach ${host} (${code}). Check the address and that the API server accepts connections from Portico.` };
  if (code && TIMEOUT_CODES.has(code)) return { ok: false, reason: 'timeout', message: `Connecting to ${host} timed out (${code}). A firewall may be dropping Portico's traffic.` };
  return { ok: false, reason: 'error', message: `Could not talk to ${host}${code ? ` (${code})` : ''}.` };
}

/**
 * Checks a connection in the order a human would debug it: `/version` (reachable, TLS, is it
 * Kubernetes, are the credentials accepted), discovery (`/api`, `/apis`: which optional
 * features exist), then a one-item list of each required collection across all namespaces
 * (RBAC), reporting every missing permission at once.
 */
export async function checkConnection(connection: ClusterConnection, options: CheckConnectionOptions = {}): Promise<ConnectionCheck> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const urlCheck = validateServerUrl(connection.server);
  if (!urlCheck.ok) return { ok: false, reason: 'invalid_server', message: urlCheck.reason };
  const signal = AbortSignal.timeout(timeoutMs);
  // One deadline for the whole check, shared by its parallel requests (one per synced kind).
  setMaxListeners(100, signal);
  const client = new KubeClient(connection, { limits: options.limits, addressPolicy: options.addressPolicy });
  const get = (path: string) => client.getJson(path, { signal });
  try {
    const versionResponse = await get('/version');
    const version = readServerVersion(versionResponse.body);
    if (!version) return { ok: false, reason: 'not_kubernetes', message: `${urlCheck.url.host} answered /version, but not like a Kubernetes API server. Check the server URL.` };

    const [core, apis] = await Promise.all([get('/api'), get('/apis')]);
    const groups = readApiGroupList(apis.body);
    if (!servesCoreV1(core.body) || !groups)
      return { ok: false, reason: 'not_kubernetes', message: `${urlCheck.url.host} does not serve the Kubernetes discovery documents (/api, /apis). Check the server URL.` };
    const serves = (group: string, v: string) => (group === '' ? true : (groups.get(group)?.has(v) ?? false));
    const hasGatewayApi = serves(GATEWAY_API_GROUP, 'v1');
    const hasCertManager = serves(CERT_MANAGER_GROUP, 'v1');

    const required = (options.requiredAccess ?? []).filter((r) => !r.optional || serves(r.group, r.version));
    const missingPermissions: string[] = [];
    const notServed: string[] = [];
    let forbiddenSample: KubeHttpError | undefined;
    const outcomes = await Promise.allSettled(required.map((r) => get(listPath(r, { limit: 1 }))));
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled') return;
      const err: unknown = outcome.reason;
      const r = required[i];
      if (err instanceof KubeHttpError && err.status === 403) {
        missingPermissions.push(`list ${qualifiedName(r)} (cluster-wide)`);
        forbiddenSample ??= err;
      } else if (err instanceof KubeHttpError && err.status === 404) {
        notServed.push(`${qualifiedName(r)} ${r.version}`);
      } else {
        throw err;
      }
    });
    if (missingPermissions.length > 0) {
      const identity = forbiddenSample?.serverMessage?.match(/User "([^"]+)"/)?.[1];
      return {
        ok: false,
        reason: 'forbidden',
        message:
          `The credentials are valid${identity ? ` (signed in as ${redact(identity, connection)})` : ''}, but may not ${missingPermissions.join(', ')}. ` +
          'Bind a ClusterRole that allows get, list and watch on these resources across all namespaces.',
        missingPermissions,
      };
    }
    if (notServed.length > 0) return { ok: false, reason: 'error', message: `The cluster does not serve ${notServed.join(', ')}; Portico needs Kubernetes 1.21 or later.` };

    return { ok: true, version, apiGroups: [...groups.keys()], hasGatewayApi, hasCertManager };
  } catch (err) {
    return describeFailure(err, connection, timeoutMs);
  } finally {
    void client.close().catch(() => undefined);
  }
}
