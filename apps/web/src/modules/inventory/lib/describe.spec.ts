import { describe, expect, it } from 'vitest';
import { ageOf, endpointsProblem, expiryLabel, expiryTone, formatNamedPort, formatPort, grantFromLines, grantToLines, ingressClassOf } from './describe';

describe('describe', () => {
  it('writes a ReferenceGrant as kind/namespace and kind/name lines, a nameless to as any', () => {
    const details = {
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
      to: [
        { group: '', kind: 'Service', name: 'kuard' },
        { group: '', kind: 'Secret', name: null },
      ],
    };
    expect(grantFromLines(details)).toEqual(['HTTPRoute/shop']);
    expect(grantToLines(details)).toEqual(['Service/kuard', 'Secret/* (any)']);
    expect(grantToLines({ to: 'x' })).toEqual([]);
  });

  it('formats ports like kubectl', () => {
    expect(formatPort({ name: null, port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 30080 })).toBe('80→8080/TCP');
    expect(formatPort({ name: 'dns', port: 53, targetPort: 53, protocol: 'UDP', nodePort: null })).toBe('53/UDP');
    expect(formatPort({ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: null })).toBe('80→http/TCP');
  });
  it('shows a port with its name, as lists do', () => {
    expect(formatNamedPort({ name: 'dns', port: 53, targetPort: 53, protocol: 'UDP', nodePort: null })).toBe('53/UDP dns');
    expect(formatNamedPort({ name: null, port: 80, targetPort: 8080, protocol: 'TCP', nodePort: null })).toBe('80→8080/TCP');
  });
  it("names an Ingress's class: its own, else the cluster's default, else says there is none", () => {
    const nginx = { name: 'nginx', controller: 'k8s.io/ingress-nginx', isDefault: true };
    const traefik = { name: 'traefik', controller: 'traefik.io/ingress-controller', isDefault: false };
    expect(ingressClassOf('traefik', [nginx, traefik])).toEqual({ name: 'traefik', note: null });
    expect(ingressClassOf(null, [traefik, nginx])).toEqual({ name: 'nginx', note: '(cluster default)' });
    expect(ingressClassOf(null, [traefik])).toEqual({ name: null, note: 'none: the cluster has no default class' });
    expect(ingressClassOf(null, [nginx, { ...traefik, isDefault: true }])).toEqual({ name: null, note: 'none: the cluster marks 2 classes as default' });
    expect(ingressClassOf(null, undefined)).toEqual({ name: null, note: 'cluster default (classes not synced yet)' });
  });
  it('flags endpoint problems', () => {
    expect(endpointsProblem({ type: 'ClusterIP', selector: { app: 'x' }, selectorMatchesPods: false, endpoints: { ready: 0, total: 0 } })).toMatch(/matches no Pod/);
    expect(endpointsProblem({ type: 'ClusterIP', selector: { app: 'x' }, selectorMatchesPods: true, endpoints: { ready: 0, total: 2 } })).toMatch(/No ready/);
    expect(endpointsProblem({ type: 'ExternalName', selector: null, selectorMatchesPods: null, endpoints: { ready: 0, total: 0 } })).toBeNull();
  });
  it('colours expiry', () => {
    expect(expiryTone(45)).toBe('success');
    expect(expiryTone(29)).toBe('warning');
    expect(expiryTone(6)).toBe('danger');
    expect(expiryTone(-1)).toBe('danger');
    expect(expiryLabel({ daysLeft: -3 })).toBe('expired 3 d ago');
  });
  it('prints ages', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(ageOf('2026-11-25T11:30:00Z', now)).toBe('30m');
    expect(ageOf('2026-11-20T12:00:00Z', now)).toBe('5d');
  });
});
