import fc from 'fast-check';
import { ZTlsSecretSummary, ZGenericSummary, ZIngressSummary, ZServiceSummary, ZWorkloadSummary } from '@portico/contracts';
import type { InventoryRow } from '@portico/db';
import { describe, expect, it } from 'vitest';
import { toIngressSummary } from './ingress.mapper.js';
import { toTlsSecretSummary, toGenericSummary } from './other-kinds.mapper.js';
import { referencesOf } from './references.js';
import { toServiceSummary } from './service.mapper.js';
import { toWorkloadSummary } from './workload.mapper.js';

const row = (resource: string, body: Record<string, unknown>): InventoryRow => ({
  id: '00000000-0000-4000-8000-000000000001',
  clusterId: '00000000-0000-4000-8000-000000000002',
  clusterName: 'c',
  resource,
  kind: 'X',
  namespace: 'shop',
  name: 'x',
  labels: {},
  body,
  hosts: [],
  serviceType: null,
  ingressClass: null,
  createdAt: null,
});

const anyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 3 }),
  ),
})).value;
/** A stored body whose well-known fields hold anything: the worker stores what a hostile cluster sent. */
const hostileBody = fc.record({
  metadata: fc.oneof(anyJson, fc.record({ annotations: anyJson })),
  spec: fc.oneof(
    anyJson,
    fc.dictionary(
      fc.constantFrom(
        'rules',
        'tls',
        'defaultBackend',
        'ports',
        'selector',
        'type',
        'clusterIP',
        'externalIPs',
        'listeners',
        'parentRefs',
        'gatewayClassName',
        'podSelector',
        'policyTypes',
        'ingress',
        'template',
        'replicas',
        'secretName',
        'issuerRef',
        'controller',
      ),
      anyJson,
    ),
  ),
  status: anyJson,
  certificate: anyJson,
});

describe('inventory mappers on stored bodies of any shape', () => {
  it('never throw, and every summary still matches its contract (property)', () => {
    fc.assert(
      fc.property(hostileBody, (body) => {
        expect(ZServiceSummary.safeParse(toServiceSummary(row('services', body))).success).toBe(true);
        expect(ZIngressSummary.safeParse(toIngressSummary(row('ingresses', body), new Map())).success).toBe(true);
        expect(ZTlsSecretSummary.safeParse(toTlsSecretSummary(row('secrets', body))).success).toBe(true);
        const secrets = new Map([['00000000-0000-4000-8000-000000000002/shop/x', { id: '00000000-0000-4000-8000-000000000003', notAfter: null }]]);
        expect(ZIngressSummary.safeParse(toIngressSummary(row('ingresses', body), new Map(), secrets)).success).toBe(true);
        for (const resource of ['gatewayclasses', 'gateways', 'httproutes', 'networkpolicies', 'ingressclasses', 'certificates'])
          expect(ZGenericSummary.safeParse(toGenericSummary(row(resource, body))).success).toBe(true);
        for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet'] as const) expect(ZWorkloadSummary.safeParse(toWorkloadSummary({ ...row('deployments', body), kind }, [])).success).toBe(true);
        for (const resource of ['ingresses', 'httproutes', 'gateways', 'certificates', 'secrets']) expect(() => referencesOf(row(resource, body))).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('shows a Gateway whose listeners list holds a null (a 500 before the kinds readers)', () => {
    const summary = toGenericSummary(row('gateways', { spec: { gatewayClassName: 'envoy', listeners: [null, { name: 'http', port: 80, protocol: 'HTTP' }] } }));
    expect(summary.details).toEqual({ gatewayClassName: 'envoy', listeners: [{ hostname: null }, { name: 'http', port: 80, protocol: 'HTTP', hostname: null }] });
  });
});
