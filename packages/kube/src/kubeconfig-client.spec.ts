import { describe, expect, it } from 'vitest';
import { b64, fixtures } from '../test/fixtures.js';
import { kubeConfigFor } from './kubeconfig-client.js';

describe('kubeConfigFor', () => {
  it('builds an in-memory token config with the CA inline', () => {
    const kc = kubeConfigFor({ server: 'https://k8s.example.com:6443/', caPem: fixtures.caPem, insecureSkipTlsVerify: false, auth: { kind: 'token', token: 'abc' } });
    expect(kc.getCurrentContext()).toBe('portico');
    expect(kc.getCurrentCluster()).toMatchObject({ server: 'https://k8s.example.com:6443', caData: b64(fixtures.caPem), skipTLSVerify: false });
    expect(kc.getCurrentUser()).toMatchObject({ token: 'abc' });
  });

  it('builds a client certificate config with tls-server-name', () => {
    const kc = kubeConfigFor({
      server: 'https://127.0.0.1:6443',
      caPem: fixtures.caPem,
      insecureSkipTlsVerify: false,
      tlsServerName: 'kubernetes',
      auth: { kind: 'clientCertificate', certPem: fixtures.clientPem, keyPem: fixtures.clientKeyPem },
    });
    expect(kc.getCurrentCluster()?.tlsServerName).toBe('kubernetes');
    expect(kc.getCurrentUser()).toMatchObject({ certData: b64(fixtures.clientPem), keyData: b64(fixtures.clientKeyPem) });
    expect(kc.getCurrentUser()?.token).toBeUndefined();
  });

  it('skips verification without a CA when asked', () => {
    const kc = kubeConfigFor({ server: 'https://10.0.0.5:6443', insecureSkipTlsVerify: true, auth: { kind: 'token', token: 't' } });
    expect(kc.getCurrentCluster()).toMatchObject({ skipTLSVerify: true });
    expect(kc.getCurrentCluster()?.caData).toBeUndefined();
  });
});
