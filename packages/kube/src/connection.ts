/**
 * What Portico needs to reach one cluster's API server: where it is, how to trust it, and one
 * credential. Built from a pasted kubeconfig (`parseKubeconfig`) or from a server URL and a
 * ServiceAccount token (`connectionFromToken`); used through `KubeClient`.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/authentication/
 */

export type ClusterAuth =
  /** A bearer token, normally a ServiceAccount token. */
  | { kind: 'token'; token: string }
  /** An X.509 client certificate and its private key, both PEM. */
  | { kind: 'clientCertificate'; certPem: string; keyPem: string };

export interface ClusterConnection {
  /** The API server's https URL, e.g. `https://203.0.113.10:6443`. */
  server: string;
  /** PEM bundle of the CA(s) that sign the API server's certificate; absent = system trust store. */
  caPem?: string;
  /** Skip verification of the server's certificate (kubeconfig `insecure-skip-tls-verify`). */
  insecureSkipTlsVerify: boolean;
  /** Name to check the server's certificate against instead of the URL's host (`tls-server-name`). */
  tlsServerName?: string;
  auth: ClusterAuth;
}

export interface TokenConnectionInput {
  server: string;
  token: string;
  caPem?: string;
  insecureSkipTlsVerify?: boolean;
  tlsServerName?: string;
}

/**
 * A connection from the fields of a "server URL + token" form. Whitespace around the token is
 * dropped (it is usually pasted from `kubectl create token` output, which ends in a newline).
 */
export function connectionFromToken(input: TokenConnectionInput): ClusterConnection {
  const token = input.token.trim();
  const caPem = input.caPem?.trim();
  return {
    server: input.server.trim(),
    ...(caPem ? { caPem: `${caPem}\n` } : {}),
    insecureSkipTlsVerify: input.insecureSkipTlsVerify ?? false,
    ...(input.tlsServerName ? { tlsServerName: input.tlsServerName } : {}),
    auth: { kind: 'token', token },
  };
}
