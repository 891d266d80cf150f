import { ZGatewayListenersRequest, ZHttpRouteRequest } from '@portico/contracts';
import { describe, expect, it } from 'vitest';
import { gatewayListenersRequestOf, gatewayListenerValuesOf } from './gateway-listener-values';
import { emptyBackend, emptyHttpRouteValues, httpRouteRequestOf, httpRouteTextProblems, httpRouteValuesOf, splitWeights, trafficShares } from './httproute-values';

const canary = () => {
  const v = emptyHttpRouteValues();
  v.name = 'kuard-canary';
  v.hostnames = 'canary.example.com, *.example.org';
  v.parents = [{ gateway: 'infra/web', sectionName: 'http' }];
  v.rules[0].backends = [
    { ...emptyBackend(), service: 'kuard', port: '80' },
    { ...emptyBackend(), service: 'kuard-next', port: '80' },
  ];
  return v;
};

describe('the HTTPRoute form', () => {
  it('splits traffic between two backends with the split control (90/10) and shows each share', () => {
    const v = canary();
    expect(trafficShares(v.rules[0].backends)).toEqual([50, 50]);
    v.rules[0].backends = splitWeights(v.rules[0].backends, 10);
    expect(v.rules[0].backends.map((b) => b.weight)).toEqual(['90', '10']);
    expect(trafficShares([...v.rules[0].backends, { ...emptyBackend(), weight: '0' }])).toEqual([90, 10, 0]);
  });

  it('makes a request the contract accepts: a Gateway in another namespace, hostnames, weighted backends', () => {
    const v = canary();
    v.rules[0].backends = splitWeights(v.rules[0].backends, 10);
    const request = httpRouteRequestOf(v, 'shop');
    expect(ZHttpRouteRequest.safeParse(request).success).toBe(true);
    expect(request.parentRefs).toEqual([{ name: 'web', namespace: 'infra', sectionName: 'http' }]);
    expect(request.hostnames).toEqual(['canary.example.com', '*.example.org']);
    expect(request.rules[0].backendRefs).toEqual([
      { name: 'kuard', port: 80, weight: 90 },
      { name: 'kuard-next', port: 80, weight: 10 },
    ]);
  });

  it('sends no backends beside a redirect, and a typed-in word as it is so the contract names the field', () => {
    const v = canary();
    v.rules[0].filter = 'RequestRedirect';
    v.rules[0].scheme = 'https';
    v.rules[0].statusCode = 'moved';
    const request = httpRouteRequestOf(v, 'shop');
    expect(request.rules[0]).toEqual({ matches: [{ path: { type: 'PathPrefix', value: '/' } }], filters: [{ type: 'RequestRedirect', scheme: 'https', statusCode: 'moved' }] });
    const parsed = ZHttpRouteRequest.safeParse(request);
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'))).toContain('rules.0.filters.0.statusCode');
  });

  it('shows a wrong hostname on the one hostnames input, naming it', () => {
    expect(httpRouteTextProblems({ ...canary(), hostnames: 'ok.example.com, a.*.example.com' })['change.hostnames']).toMatch(/^a\.\*\.example\.com: should match/);
  });

  it('opens an existing route in the form, and leaves one the form cannot say to the YAML editor', () => {
    const request = httpRouteRequestOf({ ...canary(), rules: [{ ...canary().rules[0], backends: splitWeights(canary().rules[0].backends, 10) }] }, 'shop');
    const values = httpRouteValuesOf({ metadata: { name: 'kuard-canary', namespace: 'shop' }, spec: { ...request, type: undefined } });
    expect(values?.parents).toEqual([{ gateway: 'infra/web', sectionName: 'http' }]);
    expect(values && trafficShares(values.rules[0].backends)).toEqual([90, 10]);
    const twoFilters = {
      spec: {
        rules: [
          {
            filters: [
              { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'a', value: '1' }] } },
              { type: 'ResponseHeaderModifier', responseHeaderModifier: { remove: ['b'] } },
            ],
          },
        ],
      },
    };
    expect(httpRouteValuesOf(twoFilters)).toBeNull();
  });
});

describe('the Gateway listener form', () => {
  const gateway = {
    metadata: { name: 'web', namespace: 'shop', annotations: { 'cert-manager.io/issuer': 'le' } },
    spec: {
      gatewayClassName: 'eg',
      listeners: [
        { name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'Same' } } },
        {
          name: 'https',
          protocol: 'HTTPS',
          port: 443,
          hostname: 'a.example.com',
          tls: { certificateRefs: [{ name: 'a-tls', namespace: 'certs' }] },
          allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'a' } } } },
        },
      ],
    },
  };

  it('round-trips a Gateway: issuer annotation, certificate in another namespace, namespace selector', () => {
    const values = gatewayListenerValuesOf(gateway)!;
    expect(values.issuer).toBe('Issuer/le');
    expect(values.listeners[1]).toMatchObject({ secret: 'certs/a-tls', from: 'Selector', selector: 'team=a' });
    const request = gatewayListenersRequestOf(values, 'shop');
    expect(ZGatewayListenersRequest.safeParse(request).success).toBe(true);
    expect(request.certManager).toEqual({ kind: 'Issuer', issuer: 'le' });
    expect(request.listeners[1]).toEqual({
      name: 'https',
      protocol: 'HTTPS',
      port: 443,
      hostname: 'a.example.com',
      certificateRefs: [{ name: 'a-tls', namespace: 'certs' }],
      allowedRoutes: { from: 'Selector', selector: { team: 'a' } },
    });
  });

  it('leaves a Gateway with TCP or TLS listeners to the YAML editor', () => {
    expect(gatewayListenerValuesOf({ spec: { listeners: [{ name: 'db', protocol: 'TCP', port: 5432 }] } })).toBeNull();
  });
});
