import { setTimeout as delay } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { TRegisterClusterRequest, TUpdateClusterRequest } from '@portico/contracts';
import { type CredentialCipher, describeCredentialsFailure, openClusterCredentials, sealClusterCredentials } from '@portico/db';
import {
  AddressRefusedError,
  type AddressPolicy,
  type ClusterConnection,
  type KubeClientLimits,
  KubeClient,
  KubeconfigError,
  RESOURCE_LIST,
  checkConnection,
  connectionFromToken,
  clusterClientOptions,
  parseKubeconfig,
  resolveAllowed,
  validateServerUrl,
} from '@portico/kube';
import { AppError } from '../common/app-error.js';
import { API_ENV, type ApiEnv } from '../env.js';

export const CREDENTIAL_CIPHER = Symbol('CREDENTIAL_CIPHER');

/**
 * Turns what a user pasted (kubeconfig or server + token) into a checked connection, and
 * seals its secret parts. Messages are plain words and never echo a credential.
 */
@Injectable()
export class ClusterCredentialsService {
  /** Where API servers may be (`PORTICO_CLUSTER_ADDRESSES_ALLOWED`); every connection is checked against it. */
  private readonly addressPolicy: AddressPolicy;
  /** Caps on what the server may send (`KUBE_MAX_*_MB`): a "cluster" answering with gigabytes must not fill the API's memory. */
  private readonly kubeLimits: KubeClientLimits;

  constructor(
    @Inject(CREDENTIAL_CIPHER) private readonly cipher: CredentialCipher,
    @Inject(API_ENV) env: ApiEnv,
  ) {
    const { addressPolicy, limits } = clusterClientOptions(env);
    this.addressPolicy = addressPolicy;
    this.kubeLimits = limits;
  }

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

  /**
   * Calls /version, discovery and the lists Portico needs; a failure says why in plain words.
   * With `skipConnectionCheck`, only the address is checked: the name is resolved (a name that
   * does not resolve from here is let through; the worker checks again on every connection).
   * An address the installation does not allow is refused before any connection, naming the field.
   */
  async verify(connection: ClusterConnection, input: TRegisterClusterRequest | TUpdateClusterRequest): Promise<void> {
    const field = input.kubeconfig ? 'kubeconfig' : 'server';
    const refuse = (reason: string) => new AppError('cluster_connection_failed', reason, { invalidParams: [{ name: field, reason }] });
    if (input.skipConnectionCheck) {
      const resolved = resolveAllowed(new URL(connection.server).hostname, this.addressPolicy).then(
        () => undefined,
        (err: unknown) => (err instanceof AddressRefusedError ? err : undefined),
      );
      // A resolver that does not answer must not hold the request: the worker checks again anyway.
      const refused = await Promise.race([resolved, delay(5_000, undefined, { ref: false })]);
      if (refused) throw refuse(refused.message);
      return;
    }
    // Every kind the sync lists must be listable cluster-wide; a scoped token is refused here, naming what it lacks.
    const result = await checkConnection(connection, { timeoutMs: 10_000, requiredAccess: [...RESOURCE_LIST], addressPolicy: this.addressPolicy, limits: this.kubeLimits });
    if (!result.ok && result.reason === 'invalid_server') throw refuse(result.message);
    if (!result.ok) {
      const missing = result.missingPermissions?.length ? ` Missing permissions: ${result.missingPermissions.join(', ')}.` : '';
      throw new AppError('cluster_connection_failed', `${result.message}${missing}`);
    }
  }

  /** Seals the secret parts, bound to the cluster id, server and insecure flag (a ciphertext moved to another row, or a row re-pointed at another server, will not open). */
  seal(clusterId: string, connection: ClusterConnection) {
    return sealClusterCredentials(this.cipher, { id: clusterId, server: connection.server, insecureSkipTlsVerify: connection.insecureSkipTlsVerify }, connection);
  }

  /**
   * A client for a registered cluster, its stored credentials opened in this process's memory
   * only (a preview's dry-run needs them; docs/security.md says why the API may). Close it after use.
   */
  clientFor(row: { id: string; server: string; insecureSkipTlsVerify: boolean; credentials: string; credentialsKeyId: string }): KubeClient {
    let secret;
    try {
      secret = openClusterCredentials(this.cipher, row);
    } catch (err) {
      throw new AppError('cluster_connection_failed', describeCredentialsFailure(err));
    }
    return new KubeClient({ server: row.server, insecureSkipTlsVerify: row.insecureSkipTlsVerify, ...secret }, { limits: this.kubeLimits, addressPolicy: this.addressPolicy });
  }
}
