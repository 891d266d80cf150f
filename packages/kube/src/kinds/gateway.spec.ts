import { describe, expect, it } from 'vitest';
import { gatewayCertificateSecrets, gatewayClassController, gatewayClassNameOf, gatewayHosts, gatewayListeners } from './gateway.js';

// The Gateway API documentation's own example (api-types/gateway): one HTTP listener per host.
const gateway = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'prod-web', namespace: 'infra' },
  spec: {
    gatewayClassName: 'example',
    listeners: [
      { name: 'foo', protocol: 'HTTP', port: 80, hostname: 'foo.example.com' },
      { name: 'any', protocol: 'HTTPS', port: 443 },
    ],
  },
};

describe('Gateway readers', () => {
  it('read class, listeners and hostnames', () => {
    expect(gatewayClassNameOf(gateway)).toBe('example');
    expect(gatewayHosts(gateway)).toEqual(['foo.example.com']);
    expect(gatewayListeners(gateway)).toEqual([
      { name: 'foo', port: 80, protocol: 'HTTP', hostname: 'foo.example.com' },
      { name: 'any', port: 443, protocol: 'HTTPS', hostname: null },
    ]);
  });

  it('read a GatewayClass controller', () => {
    expect(gatewayClassController({ spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' } })).toBe('gateway.envoyproxy.io/gatewayclass-controller');
  });

  it('read malformed fields as absent', () => {
    const bad = { spec: { gatewayClassName: ['x'], controllerName: 1, listeners: [null, 'x', { name: 1, port: '80', protocol: {}, hostname: 2 }] } };
    expect(gatewayClassNameOf(bad)).toBeNull();
    expect(gatewayClassController(bad)).toBeNull();
    expect(gatewayHosts(bad)).toEqual([]);
    expect(gatewayListeners(bad)).toEqual([{ hostname: null }, { hostname: null }, { hostname: null }]);
    expect(gatewayListeners({ spec: { listeners: 'x' } })).toEqual([]);
  });

  it('read the TLS Secrets of the listeners: core Secrets only, namespace defaulted, each once', () => {
    // The Gateway API docs' TLS example (guides/tls), plus a cross-namespace and a non-Secret reference.
    const tls = {
      metadata: { name: 'example-gateway', namespace: 'infra' },
      spec: {
        gatewayClassName: 'example',
        listeners: [
          { name: 'https', protocol: 'HTTPS', port: 443, tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', group: '', name: 'default-cert' }] } },
          {
            name: 'https-2',
            protocol: 'HTTPS',
            port: 8443,
            tls: { certificateRefs: [{ name: 'default-cert' }, { name: 'shared', namespace: 'certs' }, { group: 'example.com', kind: 'Vault', name: 'v' }, { name: 3 }] },
          },
          null,
        ],
      },
    };
    expect(gatewayCertificateSecrets(tls)).toEqual([
      { namespace: 'infra', name: 'default-cert' },
      { namespace: 'certs', name: 'shared' },
    ]);
    expect(gatewayCertificateSecrets(gateway)).toEqual([]);
  });
});
