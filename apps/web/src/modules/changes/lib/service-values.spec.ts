import { ZExposeRequest, ZServiceRequest } from '@portico/contracts';
import { describe, expect, it } from 'vitest';
import { emptyPort, emptyServiceValues, exposeRequestOf, parsePairs, serviceRequestOf, serviceTextProblems, serviceValuesOf } from './service-values';

const source = { namespace: 'default', kind: 'Deployment' as const, name: 'my-app' };

describe('the Service forms’ values as change requests', () => {
  it('leaves every empty input out, so the API defaults them as kubectl expose does', () => {
    expect(exposeRequestOf(emptyServiceValues(), source)).toEqual({ type: 'expose', namespace: 'default', source: { kind: 'Deployment', name: 'my-app' }, serviceType: 'ClusterIP' });
  });

  it('makes a NodePort with a fixed nodePort, a named target port, pairs and lists', () => {
    const v = {
      ...emptyServiceValues('NodePort'),
      name: 'web',
      selector: 'app=web, tier = front',
      externalIPs: '10.0.0.1, 10.0.0.2',
      ports: [{ ...emptyPort(), port: '80', targetPort: 'http', nodePort: '30080' }],
    };
    const req = exposeRequestOf(v, source);
    expect(req).toMatchObject({
      name: 'web',
      serviceType: 'NodePort',
      selector: { app: 'web', tier: 'front' },
      externalIPs: ['10.0.0.1', '10.0.0.2'],
      ports: [{ port: 80, targetPort: 'http', nodePort: 30080 }],
    });
    expect(ZExposeRequest.safeParse(req).success).toBe(true);
  });

  it('turns headless into ClusterIP with clusterIP None, and drops LoadBalancer-only fields on other types', () => {
    const v = { ...emptyServiceValues('headless'), loadBalancerClass: 'example.com/lb' };
    expect(exposeRequestOf(v, source)).toMatchObject({ serviceType: 'ClusterIP', headless: true });
    expect(exposeRequestOf(v, source)).not.toHaveProperty('loadBalancerClass');
  });

  it('keeps text that is not a number, so the contract names the field, and says so itself', () => {
    const v = { ...emptyServiceValues('NodePort'), name: 'x', ports: [{ ...emptyPort(), port: 'eighty' }] };
    const issues = ZServiceRequest.safeParse(serviceRequestOf(v, 'default')).error?.issues.map((i) => i.path.join('.'));
    expect(issues).toContain('ports.0.port');
    expect(serviceTextProblems({ ...v, selector: 'app' })).toMatchObject({ 'change.ports.0.port': 'must be a number', 'change.selector': expect.stringMatching(/key=value/) });
  });

  it('reads a Service back into the editor', () => {
    const v = serviceValuesOf({
      metadata: { name: 'web', labels: { a: 'b' } },
      spec: { type: 'ClusterIP', clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }], sessionAffinity: 'ClientIP' },
    });
    expect(v).toMatchObject({ serviceType: 'headless', name: 'web', selector: 'app=web', labels: 'a=b', sessionAffinity: 'ClientIP', ports: [{ port: '80', targetPort: 'http', nodePort: '' }] });
    expect(parsePairs('')).toBeUndefined();
  });
});
