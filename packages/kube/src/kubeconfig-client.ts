/**
 * A client-node `KubeConfig` for a `ClusterConnection`, held in memory only (nothing is written
 * to disk), for code that wants client-node's typed APIs. Kept out of the package's main entry:
 * importing client-node's `KubeConfig` costs a process ≈ 80 MB (see `./client.ts`).
 * Its requests do not go through the address policy (`./address-policy.ts`): never use it at
 * runtime against a user's cluster; `KubeClient` is the client for that.
 * @see https://github.com/kubernetes-client/javascript
 */
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
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
    connection.auth.kind === 'token' ? { name: NAME, token: connection.auth.token } : { name: NAME, certData: base64(connection.auth.certPem), keyData: base64(connection.auth.keyPem) };
  const context: Context = { name: NAME, cluster: NAME, user: NAME };
  const kc = new KubeConfig();
  kc.loadFromOptions({ clusters: [cluster], users: [user], contexts: [context], currentContext: NAME });
  return kc;
}
