import { describe, expect, it } from 'vitest';
import { courseObject } from '../../test/course-objects.js';
import { ingressAddresses, ingressClassController, ingressClassOf, ingressDefaultBackend, ingressHosts, ingressRules, ingressServiceNames, ingressTls, isDefaultIngressClass } from './ingress.js';

describe('Ingress readers', () => {
  it('read the course Ingress with two hosts and prefix paths', () => {
    const ing = courseObject('Ingress', 'ingress-wildcard-host');
    expect(ingressHosts(ing)).toEqual(['domain1.bar.com', 'domain2.foo.com']);
    expect(ingressClassOf(ing)).toBeNull();
    expect(ingressRules(ing)).toEqual([
      {
        host: 'domain1.bar.com',
        paths: [
          { path: '/bar', pathType: 'Prefix', backend: { service: 'service1', port: 80 } },
          { path: '/foo', pathType: 'Prefix', backend: { service: 'service2', port: 80 } },
        ],
      },
      { host: 'domain2.foo.com', paths: [{ path: '/', pathType: 'Prefix', backend: { service: 'service3', port: 80 } }] },
    ]);
    expect(ingressServiceNames(ing)).toEqual(['service1', 'service2', 'service3']);
    expect(ingressDefaultBackend(ing)).toBeNull();
    expect(ingressTls(ing)).toEqual([]);
  });

  it('read the course cert-manager Ingress: class from the legacy annotation, TLS section, hosts once', () => {
    const kuard = courseObject('Ingress', 'kuard');
    expect(ingressClassOf(kuard)).toBe('nginx');
    expect(ingressHosts(kuard)).toEqual(['example.example.com']);
    expect(ingressTls(kuard)).toEqual([{ hosts: ['example.example.com'], secretName: 'quickstart-example-tls' }]);
  });

  it('prefer spec.ingressClassName to the annotation; read the default backend, named ports and addresses', () => {
    const ing = {
      metadata: { annotations: { 'kubernetes.io/ingress.class': 'old' } },
      spec: {
        ingressClassName: 'nginx',
        defaultBackend: { service: { name: 'fallback', port: { name: 'http' } } },
        rules: [{ http: { paths: [{ backend: { resource: { kind: 'Bucket', name: 'b' } } }] } }],
      },
      status: { loadBalancer: { ingress: [{ ip: '203.0.113.1' }, { hostname: 'lb.example.com' }] } },
    };
    expect(ingressClassOf(ing)).toBe('nginx');
    expect(ingressDefaultBackend(ing)).toEqual({ service: 'fallback', port: 'http' });
    expect(ingressRules(ing)).toEqual([{ host: null, paths: [{ path: null, pathType: null, backend: { service: null, port: null } }] }]);
    expect(ingressServiceNames(ing)).toEqual(['fallback']);
    expect(ingressAddresses(ing)).toEqual(['203.0.113.1', 'lb.example.com']);
  });

  it('read the course IngressClass: controller and default marker', () => {
    const nginx = courseObject('IngressClass', 'nginx');
    expect(ingressClassController(nginx)).toBe('k8s.io/ingress-nginx');
    expect(isDefaultIngressClass(nginx)).toBe(true);
    expect(isDefaultIngressClass({ metadata: { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'false' } } })).toBe(false);
  });

  it('read malformed fields as absent', () => {
    const bad = {
      metadata: { annotations: ['x'] },
      spec: {
        ingressClassName: 1,
        rules: [null, 'x', { host: 5, http: { paths: 'x' } }, { host: 'a.example.com', http: { paths: [null, { backend: { service: { name: 2, port: { number: '80' } } } }] } }],
        tls: [null, { hosts: 'x' }, { hosts: [1, 'b.example.com'] }],
        defaultBackend: 'x',
      },
    };
    expect(ingressClassOf(bad)).toBeNull();
    expect(ingressHosts(bad)).toEqual(['a.example.com', 'b.example.com']);
    expect(ingressDefaultBackend(bad)).toBeNull();
    expect(ingressServiceNames(bad)).toEqual([]);
    expect(ingressTls(bad)).toEqual([
      { hosts: [], secretName: null },
      { hosts: [], secretName: null },
      { hosts: ['b.example.com'], secretName: null },
    ]);
    expect(ingressRules(bad)[3]).toEqual({
      host: 'a.example.com',
      paths: [
        { path: null, pathType: null, backend: { service: null, port: null } },
        { path: null, pathType: null, backend: { service: null, port: null } },
      ],
    });
  });
});
