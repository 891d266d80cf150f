import { describe, expect, it } from 'vitest';
import { courseObject } from '../../test/course-objects.js';
import { hasServicePort, isHeadless, serviceClusterIP, serviceDnsName, serviceExternalAddresses, servicePorts, serviceSelector, serviceType } from './service.js';

describe('Service readers', () => {
  it('read the course Service my-app-service', () => {
    const svc = courseObject('Service', 'my-app-service');
    expect(serviceType(svc)).toBe('ClusterIP');
    expect(isHeadless(svc)).toBe(false);
    expect(servicePorts(svc)).toEqual([{ name: null, port: 80, targetPort: 80, protocol: 'TCP', nodePort: null }]);
    expect(serviceSelector(svc)).toEqual({ app: 'my-app' });
    expect(serviceExternalAddresses(svc)).toEqual([]);
    expect(serviceDnsName('demo', 'my-app-service')).toBe('my-app-service.demo.svc.cluster.local');
  });

  it('default the type to ClusterIP and the protocol to TCP (course Service kuard has neither)', () => {
    const kuard = courseObject('Service', 'kuard');
    expect(serviceType(kuard)).toBe('ClusterIP');
    expect(servicePorts(kuard)).toEqual([{ name: null, port: 80, targetPort: 8080, protocol: 'TCP', nodePort: null }]);
  });

  it('read a headless Service, a LoadBalancer and an ExternalName', () => {
    expect(isHeadless({ spec: { clusterIP: 'None' } })).toBe(true);
    expect(serviceClusterIP({ spec: { clusterIP: 'None' } })).toBe('None');
    const lb = {
      spec: { type: 'LoadBalancer', externalIPs: ['198.51.100.1'], ports: [{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP', nodePort: 30443 }] },
      status: { loadBalancer: { ingress: [{ ip: '203.0.113.9' }, { hostname: 'lb.example.com' }] } },
    };
    expect(serviceType(lb)).toBe('LoadBalancer');
    expect(servicePorts(lb)).toEqual([{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP', nodePort: 30443 }]);
    expect(serviceExternalAddresses(lb)).toEqual(['198.51.100.1', '203.0.113.9', 'lb.example.com']);
    expect(serviceExternalAddresses({ spec: { type: 'ExternalName', externalName: 'db.example.com' } })).toEqual(['db.example.com']);
  });

  it('match a backend port by number or by name; a reference to neither matches', () => {
    const ports = servicePorts({ spec: { ports: [{ name: 'http', port: 80 }] } });
    expect(hasServicePort(ports, 80)).toBe(true);
    expect(hasServicePort(ports, 'http')).toBe(true);
    expect(hasServicePort(ports, 8080)).toBe(false);
    expect(hasServicePort(ports, 'grpc')).toBe(false);
    expect(hasServicePort(ports, null)).toBe(true);
  });

  it('read malformed fields as absent', () => {
    const bad = {
      spec: { type: 7, clusterIP: ['x'], ports: [null, 'x', { port: '80' }, { port: 81, targetPort: {}, nodePort: 'n' }], selector: { app: 1 }, externalIPs: 'x', externalName: 3 },
      status: { loadBalancer: { ingress: [null, { ip: 5 }] } },
    };
    expect(serviceType(bad)).toBe('ClusterIP');
    expect(serviceClusterIP(bad)).toBeNull();
    expect(servicePorts(bad)).toEqual([{ name: null, port: 81, targetPort: null, protocol: 'TCP', nodePort: null }]);
    expect(serviceSelector(bad)).toBeNull();
    expect(serviceExternalAddresses(bad)).toEqual([]);
    expect(serviceSelector({ spec: { selector: {} } })).toBeNull();
  });
});
