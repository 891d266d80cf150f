import { type CredentialCipher, SecretKeyMissingError, ciphertextFormat } from './credential-cipher.js';

/**
 * The secret half of a cluster connection, as sealed in Cluster.credentials. The server URL
 * and the insecure flag live in plain columns (they are shown in the portal); everything
 * here is encrypted, bound to the row (see `ClusterBinding`).
 */
export interface ClusterSecretMaterial {
  caPem?: string;
  tlsServerName?: string;
  auth: { kind: 'token'; token: string } | { kind: 'clientCertificate'; certPem: string; keyPem: string };
}

/**
 * What sealed credentials are bound to. The server URL and insecure flag are plain columns,
 * so someone able to write the table could point a row at their own server and collect the
 * token on the worker's next connection; bound into the associated data, such an edit makes
 * the credentials fail to open instead.
 */
export interface ClusterBinding {
  id: string;
  server: string;
  insecureSkipTlsVerify: boolean;
}

/**
 * Associated data per ciphertext format: `v1` (before issue 8) bound the cluster id only;
 * `v2` binds id, server and insecure flag. `v1` rows stay readable until re-sealed.
 */
function associatedData(format: 'v1' | 'v2', row: ClusterBinding): string {
  return format === 'v1' ? row.id : JSON.stringify(['portico.cluster-credentials.v2', row.id, row.server, row.insecureSkipTlsVerify]);
}

export function sealClusterCredentials(cipher: CredentialCipher, binding: ClusterBinding, material: ClusterSecretMaterial) {
  const plaintext = JSON.stringify({ caPem: material.caPem, tlsServerName: material.tlsServerName, auth: material.auth });
  const { ciphertext, keyId } = cipher.encrypt(plaintext, associatedData('v2', binding), 'v2');
  return { credentials: ciphertext, credentialsKeyId: keyId };
}

export function openClusterCredentials(cipher: CredentialCipher, row: ClusterBinding & { credentials: string; credentialsKeyId: string }): ClusterSecretMaterial {
  const format = ciphertextFormat(row.credentials) ?? 'v2';
  return JSON.parse(cipher.decrypt(row.credentials, row.credentialsKeyId, associatedData(format, row))) as ClusterSecretMaterial;
}

/** Whether a row should be re-sealed: an older key, or the older format that does not bind the server. */
export function needsReseal(cipher: CredentialCipher, row: { credentials: string; credentialsKeyId: string }): boolean {
  return row.credentialsKeyId !== cipher.keyId || ciphertextFormat(row.credentials) !== 'v2';
}

/**
 * Why a cluster's credentials cannot be opened, in words for its status line (never a secret):
 * which key is missing and what to set, or that the row was altered.
 */
export function describeCredentialsFailure(err: unknown): string {
  if (err instanceof SecretKeyMissingError) {
    return `The credentials were sealed with key ${err.keyId}, which this worker does not have. Set PORTICO_SECRET_KEY_PREVIOUS to that key (comma-separated with any others), or enter the cluster's credentials again.`;
  }
  return "The credentials could not be opened: they were altered, or belong to another cluster or server. Enter the cluster's credentials again.";
}
