import { describe, expect, it } from 'vitest';
import { kubeconfigContexts, kubeconfigSkipsTls, looksLikeKubeconfig } from './kubeconfig-contexts';

const two = `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: https://a:6443
  name: a
contexts:
- context:
    cluster: a
    user: a
    namespace: default
  name: prod-admin
- name: "staging"
  context:
    cluster: b
    user: b
current-context: staging
users:
- name: a
  user:
    token: x
`;

describe('kubeconfigContexts', () => {
  it('lists the context names in order and the current one', () => {
    expect(kubeconfigContexts(two)).toEqual({ contexts: ['prod-admin', 'staging'], current: 'staging' });
  });
  it('ignores cluster and user names', () => {
    expect(kubeconfigContexts(two).contexts).not.toContain('a');
  });
  it('copes with indented lists and no contexts', () => {
    expect(kubeconfigContexts('contexts:\n  - name: one\n    context:\n      cluster: c\n').contexts).toEqual(['one']);
    expect(kubeconfigContexts('not yaml at all').contexts).toEqual([]);
  });
  it('spots insecure-skip-tls-verify', () => {
    expect(kubeconfigSkipsTls('clusters:\n- cluster:\n    insecure-skip-tls-verify: true\n')).toBe(true);
    expect(kubeconfigSkipsTls(two)).toBe(false);
  });
});

describe('looksLikeKubeconfig', () => {
  it('accepts YAML and JSON kubeconfigs and refuses text without clusters and contexts', () => {
    expect(looksLikeKubeconfig(two)).toBe(true);
    expect(looksLikeKubeconfig('{"apiVersion":"v1","kind":"Config","clusters":[],"contexts":[],"users":[]}')).toBe(true);
    expect(looksLikeKubeconfig('hello')).toBe(false);
    expect(looksLikeKubeconfig('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----')).toBe(false);
    expect(looksLikeKubeconfig('apiVersion: v1\nkind: Config\nclusters: []\n')).toBe(false);
  });
});
