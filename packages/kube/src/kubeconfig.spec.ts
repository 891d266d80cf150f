import { describe, expect, it } from 'vitest';
import { b64, fixtures } from '../test/fixtures.js';
import { connectionFromToken } from './connection.js';
import { KubeconfigError, parseKubeconfig, type KubeconfigErrorCode } from './kubeconfig.js';

const CA = b64(fixtures.caPem);
const TOKEN = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IkNvbnN0YW50In0.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6cG9ydGljbzpwb3J0aWNvLXJlYWRlciJ9.c2lnbmF0dXJl';

/** What `kubectl config view --raw --minify --flatten` prints for a ServiceAccount token. */
const tokenKubeconfig = `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: ${CA}
    server: https://203.0.113.10:6443
  name: prod-eu
contexts:
- context:
    cluster: prod-eu
    namespace: portico
    user: portico-reader
  name: prod-eu
current-context: prod-eu
preferences: {}
users:
- name: portico-reader
  user:
    token: ${TOKEN}
`;

/** kind/kubeadm style: admin client certificate. */
const clientCertKubeconfig = `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: ${CA}
    server: https://127.0.0.1:36443
    tls-server-name: kubernetes
  name: kind-dev
contexts:
- context:
    cluster: kind-dev
    user: kind-dev
  name: kind-dev
current-context: kind-dev
users:
- name: kind-dev
  user:
    client-certificate-data: ${b64(fixtures.clientPem)}
    client-key-data: ${b64(fixtures.clientKeyPem)}
`;

/** Several clusters as in a real ~/.kube/config: EKS (exec), GKE (legacy auth-provider), on-prem token. */
const multiContext = (current: string) => `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: ${CA}
    server: https://ABCDEF0123456789.gr7.eu-west-1.eks.amazonaws.com
  name: arn:aws:eks:eu-west-1:123456789012:cluster/shop
- cluster:
    certificate-authority-data: ${CA}
    server: https://34.76.1.2
  name: gke_acme_europe-west1_shop
- cluster:
    certificate-authority-data: ${CA}
    server: https://k8s.onprem.example.com:6443
  name: onprem
contexts:
- context:
    cluster: arn:aws:eks:eu-west-1:123456789012:cluster/shop
    user: arn:aws:eks:eu-west-1:123456789012:cluster/shop
  name: eks-shop
- context:
    cluster: gke_acme_europe-west1_shop
    user: gke_acme_europe-west1_shop
  name: gke-shop
- context:
    cluster: onprem
    namespace: web
    user: onprem-sa
  name: onprem
current-context: ${current}
users:
- name: arn:aws:eks:eu-west-1:123456789012:cluster/shop
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      args:
      - --region
      - eu-west-1
      - eks
      - get-token
      - --cluster-name
      - shop
      command: /usr/local/bin/aws
      interactiveMode: IfAvailable
      provideClusterInfo: false
- name: gke_acme_europe-west1_shop
  user:
    auth-provider:
      config:
        access-token: ya29.secret-access-token
        cmd-args: config config-helper --format=json
        cmd-path: /usr/lib/google-cloud-sdk/bin/gcloud
        expiry-key: '{.credential.token_expiry}'
        token-key: '{.credential.access_token}'
      name: gcp
- name: onprem-sa
  user:
    token: ${TOKEN}
`;

function refusal(text: string, context?: string): KubeconfigError {
  try {
    parseKubeconfig(text, context === undefined ? {} : { context });
  } catch (err) {
    if (err instanceof KubeconfigError) return err;
    throw err;
  }
  throw new Error('expected a KubeconfigError');
}

function expectRefused(text: string, code: KubeconfigErrorCode, context?: string): KubeconfigError {
  const err = refusal(text, context);
  expect(err.code).toBe(code);
  // No message may ever echo a credential or certificate back.
  expect(err.message).not.toContain(TOKEN);
  expect(err.message).not.toContain('ya29');
  expect(err.message).not.toContain('BEGIN');
  return err;
}

describe('parseKubeconfig', () => {
  it('reads a ServiceAccount token kubeconfig', () => {
    const parsed = parseKubeconfig(tokenKubeconfig);
    expect(parsed.contexts).toEqual([{ name: 'prod-eu', cluster: 'prod-eu', user: 'portico-reader', namespace: 'portico' }]);
    expect(parsed.currentContext).toBe('prod-eu');
    expect(parsed.context.name).toBe('prod-eu');
    expect(parsed.connection).toEqual({
      server: 'https://203.0.113.10:6443',
      caPem: fixtures.caPem,
      insecureSkipTlsVerify: false,
      auth: { kind: 'token', token: TOKEN },
    });
    expect(parsed.warnings).toEqual([]);
  });

  it('reads a client certificate kubeconfig with tls-server-name', () => {
    const { connection } = parseKubeconfig(clientCertKubeconfig);
    expect(connection.tlsServerName).toBe('kubernetes');
    expect(connection.auth).toEqual({ kind: 'clientCertificate', certPem: fixtures.clientPem, keyPem: fixtures.clientKeyPem });
  });

  it('accepts insecure-skip-tls-verify without a CA', () => {
    const text = `apiVersion: v1
kind: Config
clusters:
- name: lab
  cluster: { server: 'https://10.0.0.5:6443', insecure-skip-tls-verify: true }
users:
- name: lab
  user: { token: abc.def }
contexts:
- name: lab
  context: { cluster: lab, user: lab }
`;
    const { connection, currentContext } = parseKubeconfig(text);
    expect(currentContext).toBeUndefined();
    expect(connection).toEqual({ server: 'https://10.0.0.5:6443', insecureSkipTlsVerify: true, auth: { kind: 'token', token: 'abc.def' } });
  });

  it('accepts the JSON form (`kubectl config view -o json`)', () => {
    const json = JSON.stringify({
      kind: 'Config',
      apiVersion: 'v1',
      clusters: [{ name: 'c', cluster: { server: 'https://c.example.com', 'certificate-authority-data': CA } }],
      users: [{ name: 'u', user: { token: TOKEN } }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'x',
    });
    expect(parseKubeconfig(json).connection.auth).toEqual({ kind: 'token', token: TOKEN });
  });

  describe('multi-context files', () => {
    it('lists every context and uses the one asked for, even when others are unusable', () => {
      const parsed = parseKubeconfig(multiContext('eks-shop'), { context: 'onprem' });
      expect(parsed.contexts.map((c) => c.name)).toEqual(['eks-shop', 'gke-shop', 'onprem']);
      expect(parsed.currentContext).toBe('eks-shop');
      expect(parsed.context).toEqual({ name: 'onprem', cluster: 'onprem', user: 'onprem-sa', namespace: 'web' });
      expect(parsed.connection.server).toBe('https://k8s.onprem.example.com:6443');
    });

    it('uses current-context when none is asked for', () => {
      expect(parseKubeconfig(multiContext('onprem')).context.name).toBe('onprem');
    });

    it('refuses an exec plugin (EKS) and says how to get a token', () => {
      const err = expectRefused(multiContext('eks-shop'), 'exec_plugin');
      expect(err.message).toContain('`aws`');
      expect(err.message).toContain('kubectl create token');
      expect(err.message).toContain('kubernetes.io/service-account-token');
    });

    it('refuses the gcp auth-provider without echoing its access token', () => {
      const err = expectRefused(multiContext('gke-shop'), 'auth_provider');
      expect(err.message).toContain('"gcp"');
      expect(err.message).toContain('ServiceAccount token');
    });

    it('refuses a context that does not exist, listing the ones that do', () => {
      const err = expectRefused(multiContext('onprem'), 'context_not_found', 'staging');
      expect(err.contexts).toEqual(['eks-shop', 'gke-shop', 'onprem']);
      expect(err.message).toContain('"staging"');
    });

    it('refuses a current-context that names no context', () => {
      expect(expectRefused(multiContext('gone'), 'context_not_found').contexts).toHaveLength(3);
    });

    it('asks which context when there are several and no current-context', () => {
      const err = expectRefused(multiContext('""'), 'context_ambiguous');
      expect(err.contexts).toEqual(['eks-shop', 'gke-shop', 'onprem']);
    });
  });

  it('refuses username/password basic auth', () => {
    const text = tokenKubeconfig.replace(`token: ${TOKEN}`, 'username: admin\n    password: hunter2');
    const err = expectRefused(text, 'basic_auth');
    expect(err.message).not.toContain('hunter2');
  });

  it.each([
    ['certificate-authority', (t: string) => t.replace(`certificate-authority-data: ${CA}`, 'certificate-authority: /home/ana/.minikube/ca.crt'), '/home/ana/.minikube/ca.crt'],
    ['tokenFile', (t: string) => t.replace(`token: ${TOKEN}`, 'tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token'), 'tokenFile'],
  ])('refuses a file reference (%s) and says to flatten', (_name, edit, mentioned) => {
    const err = expectRefused(edit(tokenKubeconfig), 'file_reference');
    expect(err.message).toContain(mentioned);
    expect(err.message).toContain('kubectl config view --raw --minify --flatten');
  });

  it('refuses client-certificate/client-key files (minikube style)', () => {
    const text = clientCertKubeconfig
      .replace(/client-certificate-data: .*/, 'client-certificate: /home/ana/.minikube/profiles/minikube/client.crt')
      .replace(/client-key-data: .*/, 'client-key: /home/ana/.minikube/profiles/minikube/client.key');
    const err = expectRefused(text, 'file_reference');
    expect(err.message).toContain('client.crt');
    expect(err.message).toContain('client.key');
  });

  it('prefers inline data over a file when both are present (as after --flatten edits)', () => {
    const text = tokenKubeconfig.replace(`certificate-authority-data: ${CA}`, `certificate-authority: /tmp/ca.crt\n    certificate-authority-data: ${CA}`);
    expect(parseKubeconfig(text).connection.caPem).toBe(fixtures.caPem);
  });

  it('refuses a certificate without its key', () => {
    expectRefused(clientCertKubeconfig.replace(/\n\s+client-key-data: .*/, ''), 'missing_credentials');
  });

  it.each([
    ['NUL', '"abc\\0def"'],
    ['a control character', '"abc\\x01def"'],
    ['an inner space', '"abc def"'],
    ['a non-ASCII letter', '"tökén"'],
  ])('refuses a token with %s (it would only fail later, in the worker)', (_name, token) => {
    const err = expectRefused(tokenKubeconfig.replace(`token: ${TOKEN}`, `token: ${token}`), 'invalid_token');
    expect(err.message).not.toContain('abc');
  });

  it('refuses control characters in the server URL or tls-server-name', () => {
    expectRefused(tokenKubeconfig.replace('server: https://203.0.113.10:6443', 'server: "https://203.0.113.10:6443\\0"'), 'invalid_value');
    expectRefused(clientCertKubeconfig.replace('tls-server-name: kubernetes', 'tls-server-name: "kube\\nrnetes"'), 'invalid_value');
  });

  it('refuses a user without credentials', () => {
    expectRefused(tokenKubeconfig.replace(`token: ${TOKEN}`, 'as: someone'), 'missing_credentials');
  });

  it('refuses certificate data that is not base64 PEM', () => {
    expectRefused(tokenKubeconfig.replace(CA, b64('not a certificate')), 'invalid_certificate_data');
    expectRefused(tokenKubeconfig.replace(CA, 'a*b'), 'invalid_certificate_data');
  });

  it('refuses a CA together with insecure-skip-tls-verify, like client-go', () => {
    expectRefused(tokenKubeconfig.replace('    server:', '    insecure-skip-tls-verify: true\n    server:'), 'insecure_with_ca');
  });

  it('refuses contexts pointing at missing clusters or users, and clusters without server', () => {
    expectRefused(tokenKubeconfig.replace('    cluster: prod-eu', '    cluster: nope'), 'cluster_not_found');
    expectRefused(tokenKubeconfig.replace('    user: portico-reader', '    user: nope'), 'user_not_found');
    expectRefused(tokenKubeconfig.replace('    server: https://203.0.113.10:6443\n', ''), 'missing_server');
  });

  it('refuses files that are not kubeconfigs', () => {
    expectRefused(`clusters: [\n  - name: x\n token: ${TOKEN}`, 'invalid_yaml');
    expectRefused('', 'not_a_kubeconfig');
    expectRefused('just a string', 'not_a_kubeconfig');
    expectRefused('apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n', 'not_a_kubeconfig');
    expectRefused('kind: Config\ncontexts: {}\n', 'not_a_kubeconfig');
    expectRefused('a: 1\n---\nb: 2\n', 'invalid_yaml');
  });

  it('refuses a file without contexts', () => {
    expectRefused('apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n', 'no_contexts');
  });

  it('refuses a huge paste before parsing it', () => {
    expectRefused(`# ${'x'.repeat(1024 * 1024)}\n${tokenKubeconfig}`, 'too_large');
  });

  it('warns about settings it ignores', () => {
    const text = tokenKubeconfig.replace('    server:', '    proxy-url: http://proxy.corp:3128\n    server:').replace(`token: ${TOKEN}`, `token: ${TOKEN}\n    as: jane`);
    expect(parseKubeconfig(text).warnings).toHaveLength(2);
  });
});

describe('connectionFromToken', () => {
  it('trims what was pasted', () => {
    expect(connectionFromToken({ server: ' https://k8s.example.com:6443 ', token: `${TOKEN}\n`, caPem: fixtures.caPem })).toEqual({
      server: 'https://k8s.example.com:6443',
      caPem: fixtures.caPem,
      insecureSkipTlsVerify: false,
      auth: { kind: 'token', token: TOKEN },
    });
  });

  it('drops an empty CA', () => {
    expect(connectionFromToken({ server: 'https://x', token: 't', caPem: '  ', insecureSkipTlsVerify: true })).toEqual({
      server: 'https://x',
      insecureSkipTlsVerify: true,
      auth: { kind: 'token', token: 't' },
    });
  });
});
