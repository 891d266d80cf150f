import { Inject, Injectable } from '@nestjs/common';
import type { TRegisterClusterRequest, TUpdateClusterRequest } from '@portico/contracts';
import { type CredentialCipher, sealClusterCredentials } from '@portico/db';
import { type ClusterConnection, KubeconfigError, RESOURCE_LIST, checkConnection, connectionFromToken, parseKubeconfig, validateServerUrl } from '@portico/kube';
import { AppError } from '../common/app-error.js';

export const CREDENTIAL_CIPHER = Symbol('CREDENTIAL_CIPHER');

/**
 * Turns what a user pasted (kubeconfig or server + token) into a checked connection, and
 * seals its secret parts. Messages are plain words and never echo a credential.
 */
@Injectable()
export class ClusterCredentialsService {
  constructor(@Inject(CREDENTIAL_CIPHER) private readonly cipher: CredentialCipher) {}

  connectionFrom(input: TRegisterClusterRequest | TUpdateClusterRequest): ClusterConnection {
    let connection: ClusterConnection;
    if (input.kubeconfig) {
      try {
        connection = parseKubeconfig(input.kubeconfig, { context: input.context }).connection;
      } catch (err) {
        if (err instanceof KubeconfigError) {
          const field = err.code.startsWith('context') ? 'context' : 'kubeconfig';
          const reason = err.contexts?.length ? `${err.message} Contexts in this file: ${err.contexts.join(', ')}.` : err.message;
          throw new AppError('validation_failed', reason, { invalidParams: [{ name: field, reason }] });
        }
        throw err;
      }
    } else {
      connection = connectionFromToken({ server: input.server!, token: input.token!, caPem: input.caPem, insecureSkipTlsVerify: input.insecureSkipTlsVerify });
    }
    const server = validateServerUrl(connection.server);
    if (!server.ok) throw new AppError('validation_failed', server.reason, { invalidParams: [{ name: input.kubeconfig ? 'kubeconfig' : 'server', reason: server.reason }] });
    if (connection.insecureSkipTlsVerify && !input.allowInsecure) {
      const reason = 'This connection skips TLS verification. Add a CA (certificate-authority-data), or confirm with allowInsecure: true.';
      throw new AppError('validation_failed', reason, { invalidParams: [{ name: 'allowInsecure', reason }] });
    }
    return connection;
  }

  /** Calls /version, discovery and the lists Portico needs; a failure says why in plain words. */
  async verify(connection: ClusterConnection): Promise<void> {
    // Every kind the sync lists must be listable cluster-wide; a scoped token is refused here, naming what it lacks.
    const result = await checkConnection(connection, { timeoutMs: 10_000, requiredAccess: [...RESOURCE_LIST] });
    if (!result.ok) {
      const missing = result.missingPermissions?.length ? ` Missing permissions: ${result.missingPermissions.join(', ')}.` : '';
      throw new AppError('cluster_connection_failed', `${result.message}${missing}`);
    }
  }

  /** Seals the secret parts, bound to the cluster id (a ciphertext moved to another row will not open). */
  seal(clusterId: string, connection: ClusterConnection) {
    return sealClusterCredentials(this.cipher, clusterId, connection);
  }
}
