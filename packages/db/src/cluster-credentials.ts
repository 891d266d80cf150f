import type { CredentialCipher } from './credential-cipher.js';

/**
 * The secret half of a cluster connection, as sealed in Cluster.credentials. The server URL
 * and the insecure flag live in plain columns (they are shown in the portal); everything
 * here is encrypted, with the cluster id as associated data.
 */
export interface ClusterSecretMaterial {
  caPem?: string;
  tlsServerName?: string;
  auth: { kind: 'token'; token: string } | { kind: 'clientCertificate'; certPem: string; keyPem: string };
}

export function sealClusterCredentials(cipher: CredentialCipher, clusterId: string, material: ClusterSecretMaterial) {
  const { ciphertext, keyId } = cipher.encrypt(JSON.stringify({ caPem: material.caPem, tlsServerName: material.tlsServerName, auth: material.auth }), clusterId);
  return { credentials: ciphertext, credentialsKeyId: keyId };
}

export function openClusterCredentials(cipher: CredentialCipher, row: { id: string; credentials: string; credentialsKeyId: string }): ClusterSecretMaterial {
  return JSON.parse(cipher.decrypt(row.credentials, row.credentialsKeyId, row.id)) as ClusterSecretMaterial;
}
