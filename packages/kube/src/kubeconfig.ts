/**
 * Reads a kubeconfig that a user pasted into Portico and picks out one self-contained
 * connection. Portico runs on our servers, not on the user's machine, so everything that points
 * at the user's machine (files, credential plugins, cloud SDK login) is refused with advice on
 * what to paste instead.
 * @see https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/
 * @see https://kubernetes.io/docs/reference/config-api/kubeconfig.v1/
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { ClusterAuth, ClusterConnection } from './connection.js';
import { type Dict, isDict } from './kinds/common.js';

export type KubeconfigErrorCode =
  | 'too_large'
  | 'invalid_yaml'
  | 'not_a_kubeconfig'
  | 'no_contexts'
  | 'context_not_found'
  | 'context_ambiguous'
  | 'cluster_not_found'
  | 'user_not_found'
  | 'missing_server'
  | 'exec_plugin'
  | 'auth_provider'
  | 'basic_auth'
  | 'file_reference'
  | 'missing_credentials'
  | 'invalid_certificate_data'
  | 'invalid_token'
  | 'invalid_value'
  | 'insecure_with_ca';

/** A kubeconfig Portico cannot use; `message` is written for the person who pasted it. */
export class KubeconfigError extends Error {
  override readonly name = 'KubeconfigError';
  constructor(
    readonly code: KubeconfigErrorCode,
    message: string,
    /** Names of the contexts in the file, when the problem is which context to use. */
    readonly contexts?: string[],
  ) {
    super(message);
  }
}

export interface KubeconfigContext {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
}

export interface ParsedKubeconfig {
  contexts: KubeconfigContext[];
  /** `current-context` of the file, if it names one. */
  currentContext?: string;
  /** The context `connection` was built from. */
  context: KubeconfigContext;
  connection: ClusterConnection;
  /** Settings Portico ignores (proxy, impersonation…), in plain words. */
  warnings: string[];
}

export interface ParseKubeconfigOptions {
  /** Context to use; default: `current-context`, or the only context. */
  context?: string;
}

/** How to get a credential Portico can use, repeated wherever a credential is refused. */
const TOKEN_ADVICE =
  'Use a ServiceAccount token instead: create a ServiceAccount with read access, then either ' +
  '`kubectl create token <serviceaccount> -n <namespace> --duration=8760h` (a token that expires after the duration), ' +
  'or a long-lived token Secret (`type: kubernetes.io/service-account-token` with the annotation ' +
  '`kubernetes.io/service-account.name: <serviceaccount>`), and paste it as `token:` in the user entry.';

const FLATTEN_ADVICE = 'Portico cannot read files on your machine: paste the kubeconfig with the file contents inlined, ' + 'as printed by `kubectl config view --raw --minify --flatten`.';

// The raw file shape (kubeconfig v1 `Config`). client-node's `Cluster`/`User` types are its
// in-memory camelCase form, not the file's keys, so the file is narrowed from `unknown` here.
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

interface NamedEntry {
  name: string;
  body: Dict;
}

/** `clusters`, `users`, `contexts`: lists of `{ name, <field>: {...} }`. */
function namedList(doc: Dict, key: 'clusters' | 'users' | 'contexts', field: 'cluster' | 'user' | 'context'): NamedEntry[] {
  const raw = doc[key];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new KubeconfigError('not_a_kubeconfig', `This is not a valid kubeconfig: \`${key}\` should be a list.`);
  return raw.flatMap((item): NamedEntry[] => {
    if (!isDict(item)) return [];
    const name = str(item.name);
    if (!name) return [];
    return [{ name, body: isDict(item[field]) ? item[field] : {} }];
  });
}

/** Far above any real kubeconfig (a few KB per cluster); keeps parsing cheap for the API. */
export const MAX_KUBECONFIG_BYTES = 1024 * 1024;

function readDocument(text: string): Dict {
  if (Buffer.byteLength(text, 'utf8') > MAX_KUBECONFIG_BYTES) {
    throw new KubeconfigError(
      'too_large',
      `This kubeconfig is larger than ${MAX_KUBECONFIG_BYTES / 1024} KiB. Paste only the cluster you want: \`kubectl config view --raw --minify --flatten --context=<name>\`.`,
    );
  }
  let doc: unknown;
  try {
    doc = parseYaml(text, { strict: true, uniqueKeys: false });
  } catch (err) {
    // Only the line number: the parser's own message quotes the text, which may hold a token.
    const line = err instanceof YAMLParseError ? err.linePos?.[0].line : undefined;
    const where = line ? ` (line ${line})` : '';
    throw new KubeconfigError('invalid_yaml', `This kubeconfig is not valid YAML${where}. Paste the whole file as printed by \`kubectl config view --raw --minify --flatten\`.`);
  }
  if (!isDict(doc) || (doc.kind !== undefined && doc.kind !== 'Config') || !('clusters' in doc || 'contexts' in doc || 'users' in doc)) {
    throw new KubeconfigError('not_a_kubeconfig', 'This is not a kubeconfig: expected a YAML document with `clusters`, `users` and `contexts` (`kind: Config`).');
  }
  return doc;
}

function chooseContext(contexts: KubeconfigContext[], current: string | undefined, wanted: string | undefined): KubeconfigContext {
  const names = contexts.map((c) => c.name);
  if (contexts.length === 0) throw new KubeconfigError('no_contexts', 'This kubeconfig has no contexts, so it does not say which cluster and user go together.', names);
  const find = (name: string) => contexts.find((c) => c.name === name);
  if (wanted !== undefined) {
    const c = find(wanted);
    if (!c) throw new KubeconfigError('context_not_found', `This kubeconfig has no context named "${wanted}". Its contexts are: ${names.join(', ')}.`, names);
    return c;
  }
  if (current) {
    const c = find(current);
    if (!c) throw new KubeconfigError('context_not_found', `The current-context "${current}" is not one of this kubeconfig's contexts (${names.join(', ')}). Choose one.`, names);
    return c;
  }
  if (contexts.length === 1) return contexts[0];
  throw new KubeconfigError('context_ambiguous', `This kubeconfig has ${contexts.length} contexts and no current-context. Choose one: ${names.join(', ')}.`, names);
}

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;
/** What an Authorization header can carry (RFC 6750 `b64token`, JWTs): visible ASCII, no spaces. */
const BEARER_TOKEN = /^[\x21-\x7E]+$/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const CONTROL = /[\u0000-\u001F\u007F]/;

/** Decodes a `*-data` field (base64 of PEM) and checks that it holds the PEM block expected. */
function pemData(value: string, field: string, what: RegExp): string {
  const pem = BASE64.test(value) ? Buffer.from(value, 'base64').toString('utf8') : '';
  if (!what.test(pem)) {
    throw new KubeconfigError('invalid_certificate_data', `\`${field}\` is not base64-encoded PEM data. Copy it again from \`kubectl config view --raw --minify --flatten\`.`);
  }
  return pem;
}

const CERT_PEM = /-----BEGIN CERTIFICATE-----/;
const KEY_PEM = /-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;

/** The command of an exec plugin, for a message that names the tool the user recognises. */
function execCommand(exec: unknown): string {
  const cmd = isDict(exec) ? str(exec.command) : undefined;
  return cmd ? ` (\`${cmd.split('/').pop()}\`)` : '';
}

/**
 * Credentials of one kubeconfig user, refusing what only works on the user's machine.
 * When both a client certificate and a token are present, the certificate wins: the apiserver
 * tries x509 before bearer tokens too.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/authentication/#authentication-strategies
 */
function readAuth(userName: string, user: Dict): ClusterAuth {
  const who = `The user "${userName}"`;
  if (user.exec !== undefined && user.exec !== null) {
    // Exec plugins run a program on the user's machine (aws, gke-gcloud-auth-plugin, kubelogin…).
    // @see https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins
    throw new KubeconfigError('exec_plugin', `${who} gets its credentials by running a program on your machine${execCommand(user.exec)}, which Portico cannot do. ${TOKEN_ADVICE}`);
  }
  if (user['auth-provider'] !== undefined && user['auth-provider'] !== null) {
    const provider = isDict(user['auth-provider']) ? str(user['auth-provider'].name) : undefined;
    throw new KubeconfigError('auth_provider', `${who} logs in through the${provider ? ` "${provider}"` : ''} auth-provider, which Portico cannot use. ${TOKEN_ADVICE}`);
  }
  if (str(user.username) !== undefined || str(user.password) !== undefined) {
    // Static password files were removed from kube-apiserver in 1.19.
    // @see https://github.com/kubernetes/kubernetes/pull/89069
    throw new KubeconfigError('basic_auth', `${who} uses a username and password, which Kubernetes no longer accepts (removed in 1.19). ${TOKEN_ADVICE}`);
  }

  const certData = str(user['client-certificate-data']);
  const keyData = str(user['client-key-data']);
  if (certData || keyData || str(user['client-certificate']) || str(user['client-key'])) {
    const certFile = certData ? undefined : str(user['client-certificate']);
    const keyFile = keyData ? undefined : str(user['client-key']);
    if (certFile || keyFile) {
      const files = [certFile && `client-certificate: ${certFile}`, keyFile && `client-key: ${keyFile}`].filter(Boolean).join(', ');
      throw new KubeconfigError('file_reference', `${who} points at files (${files}). ${FLATTEN_ADVICE}`);
    }
    if (!certData || !keyData) {
      const missing = certData ? 'client-key-data' : 'client-certificate-data';
      throw new KubeconfigError('missing_credentials', `${who} has a client certificate but no \`${missing}\`: both the certificate and its key are needed.`);
    }
    return { kind: 'clientCertificate', certPem: pemData(certData, 'client-certificate-data', CERT_PEM), keyPem: pemData(keyData, 'client-key-data', KEY_PEM) };
  }

  const token = str(user.token);
  if (token) {
    // An Authorization header cannot carry it: refused here rather than failing later in the worker.
    if (!BEARER_TOKEN.test(token)) throw new KubeconfigError('invalid_token', `${who} has a \`token\` with spaces or control characters; a bearer token is printable ASCII. Copy it again.`);
    return { kind: 'token', token };
  }
  const tokenFile = str(user.tokenFile);
  if (tokenFile) throw new KubeconfigError('file_reference', `${who} reads its token from a file (tokenFile: ${tokenFile}). ${FLATTEN_ADVICE} Or paste the token itself as \`token:\`.`);
  throw new KubeconfigError('missing_credentials', `${who} has no credentials Portico can use (no token and no client certificate). ${TOKEN_ADVICE}`);
}

function readCluster(clusterName: string, cluster: Dict, warnings: string[]): Omit<ClusterConnection, 'auth'> {
  const what = `The cluster "${clusterName}"`;
  const server = str(cluster.server);
  if (!server) throw new KubeconfigError('missing_server', `${what} has no \`server\` URL.`);
  for (const key of ['server', 'tls-server-name'] as const) {
    const value = str(cluster[key]);
    if (value && CONTROL.test(value)) throw new KubeconfigError('invalid_value', `${what} has control characters in \`${key}\`.`);
  }
  const caData = str(cluster['certificate-authority-data']);
  const caFile = str(cluster['certificate-authority']);
  if (!caData && caFile) throw new KubeconfigError('file_reference', `${what} points at a CA file (certificate-authority: ${caFile}). ${FLATTEN_ADVICE}`);
  const insecure = cluster['insecure-skip-tls-verify'] === true;
  // client-go refuses this combination too ("specifying a root certificates file with the
  // insecure flag is not allowed"), so the kubeconfig would not work with kubectl either.
  if (insecure && caData) {
    throw new KubeconfigError(
      'insecure_with_ca',
      `${what} has both \`certificate-authority-data\` and \`insecure-skip-tls-verify: true\`; kubectl refuses this too. Remove \`insecure-skip-tls-verify\`.`,
    );
  }
  const tlsServerName = str(cluster['tls-server-name']);
  if (str(cluster['proxy-url'])) warnings.push(`${what} has a proxy-url; Portico connects directly and ignores it.`);
  return {
    server,
    ...(caData ? { caPem: pemData(caData, 'certificate-authority-data', CERT_PEM) } : {}),
    insecureSkipTlsVerify: insecure,
    ...(tlsServerName ? { tlsServerName } : {}),
  };
}

/** Parses a pasted kubeconfig and builds the connection of the chosen (or current, or only) context. */
export function parseKubeconfig(text: string, options: ParseKubeconfigOptions = {}): ParsedKubeconfig {
  const doc = readDocument(text);
  const contexts: KubeconfigContext[] = namedList(doc, 'contexts', 'context').map(({ name, body }) => {
    const namespace = str(body.namespace);
    return { name, cluster: str(body.cluster) ?? '', user: str(body.user) ?? '', ...(namespace ? { namespace } : {}) };
  });
  const currentContext = str(doc['current-context']);
  const context = chooseContext(contexts, currentContext, options.context);

  const cluster = namedList(doc, 'clusters', 'cluster').find((c) => c.name === context.cluster);
  if (!cluster) throw new KubeconfigError('cluster_not_found', `The context "${context.name}" uses the cluster "${context.cluster}", which is not in this kubeconfig.`);
  const user = namedList(doc, 'users', 'user').find((u) => u.name === context.user);
  if (!user) throw new KubeconfigError('user_not_found', `The context "${context.name}" uses the user "${context.user}", which is not in this kubeconfig.`);

  const warnings: string[] = [];
  const where = readCluster(cluster.name, cluster.body, warnings);
  const auth = readAuth(user.name, user.body);
  if (str(user.body.as) || Array.isArray(user.body['as-groups']))
    warnings.push(`The user "${user.name}" impersonates another user; Portico ignores impersonation and acts as the credential's own identity.`);

  return { contexts, ...(currentContext ? { currentContext } : {}), context, connection: { ...where, auth }, warnings };
}
