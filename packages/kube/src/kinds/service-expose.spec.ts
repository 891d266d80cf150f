import { describe, expect, it } from 'vitest';
import { type ExposeSource, ExposeError, exposeService, portsForSource, selectorForSource } from './service-expose.js';

const deployment = (spec: ExposeSource['spec'], labels: Record<string, string> = { app: 'web' }): ExposeSource => ({ kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', labels }, spec });
const web = deployment({ selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'web', ports: [{ containerPort: 8080 }, { containerPort: 53, protocol: 'UDP' }] }] } } });

describe('exposeService (kubectl expose rules)', () => {
  it('names several ports port-1, port-2 with the protocol the source gives each', () => {
    expect(exposeService(web).spec!.ports).toEqual([
      { name: 'port-1', port: 8080, protocol: 'TCP', targetPort: 8080 },
      { name: 'port-2', port: 53, protocol: 'UDP', targetPort: 53 },
    ]);
  });

  it('leaves a single port unnamed and applies one target port to every port', () => {
    expect(exposeService(web, { ports: [80], targetPort: 'http' }).spec!.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 'http' }]);
  });

  it('takes name, selector and labels from the source unless given, and copies type and affinity', () => {
    const svc = exposeService(web, { ports: [80], type: 'NodePort', sessionAffinity: 'ClientIP' });
    expect(svc.metadata).toEqual({ name: 'web', labels: { app: 'web' } });
    expect(svc.spec).toMatchObject({ selector: { app: 'web' }, type: 'NodePort', sessionAffinity: 'ClientIP' });
    expect(exposeService(web, { ports: [80], name: 'shop', labels: { a: 'b' }, selector: { app: 'x' } })).toMatchObject({
      metadata: { name: 'shop', labels: { a: 'b' } },
      spec: { selector: { app: 'x' } },
    });
  });

  it('sets loadBalancerIP only for LoadBalancer Services, as kubectl does', () => {
    expect(exposeService(web, { ports: [80], loadBalancerIp: '203.0.113.1' }).spec!.loadBalancerIP).toBeUndefined();
    expect(exposeService(web, { ports: [80], type: 'LoadBalancer', loadBalancerIp: '203.0.113.1' }).spec!.loadBalancerIP).toBe('203.0.113.1');
  });

  it('refuses a matchExpressions selector, a source without labels or without ports, naming the field', () => {
    const expr = deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] } });
    expect(() => exposeService(expr, { ports: [80] })).toThrow(ExposeError);
    expect(() => selectorForSource(expr)).toThrow(/matchExpressions/);
    const portless = deployment({ selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'w' }] } } });
    expect(() => exposeService(portless)).toThrow(expect.objectContaining({ field: 'ports' }));
    expect(exposeService(portless, { clusterIp: 'None' }).spec).toEqual({ selector: { app: 'web' }, clusterIP: 'None' });
    expect(() => exposeService({ kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } }, { ports: [80] })).toThrow(expect.objectContaining({ field: 'selector' }));
  });

  it('reads a Pod by its labels and a Service by its selector and ports', () => {
    expect(selectorForSource({ kind: 'Pod', metadata: { name: 'p', labels: { run: 'p' } } })).toEqual({ run: 'p' });
    const svc: ExposeSource = { kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'a' }, ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] } };
    expect(selectorForSource(svc)).toEqual({ app: 'a' });
    expect(portsForSource(svc)).toEqual([
      { port: 80, protocol: 'TCP' },
      { port: 53, protocol: 'UDP' },
    ]);
  });
});
