import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as certificate from './certificate.js';
import * as common from './common.js';
import * as endpointSlice from './endpoint-slice.js';
import * as gateway from './gateway.js';
import * as httproute from './httproute.js';
import * as ingress from './ingress.js';
import * as networkPolicy from './network-policy.js';
import * as referenceGrant from './reference-grant.js';
import * as service from './service.js';
import * as workload from './workload.js';

/**
 * Every function of the readers' modules that takes an object from a cluster (the rest take values these readers returned;
 * grantPermits also takes our own from/to, and reads the grant through referenceGrantFrom/To, which are here).
 */
const NOT_OBJECT_READERS = ['hasServicePort', 'selectsPods', 'serviceDnsName', 'isDict', 'dictOf', 'listOf', 'strings', 'stringOr', 'numberOr', 'stringMap', 'grantPermits'];
const OBJECT_READERS = [common, service, endpointSlice, ingress, gateway, httproute, referenceGrant, certificate, workload, networkPolicy]
  .flatMap((m) => Object.entries(m) as [string, unknown][])
  .filter((e): e is [string, (obj: unknown) => unknown] => typeof e[1] === 'function' && !NOT_OBJECT_READERS.includes(e[0]));

const anyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
  ),
})).value;
/** Object-shaped input whose well-known fields hold anything. */
const hostileObject = fc.record(
  {
    metadata: fc.oneof(
      anyJson,
      fc.record({
        name: anyJson,
        namespace: anyJson,
        labels: anyJson,
        annotations: fc.oneof(
          anyJson,
          fc.dictionary(fc.constantFrom('cert-manager.io/issuer', 'cert-manager.io/cluster-issuer', 'kubernetes.io/ingress.class', 'ingressclass.kubernetes.io/is-default-class'), anyJson),
        ),
      }),
    ),
    spec: fc.oneof(
      anyJson,
      fc.dictionary(
        fc.constantFrom('rules', 'tls', 'defaultBackend', 'ports', 'selector', 'listeners', 'parentRefs', 'hostnames', 'dnsNames', 'template', 'containers', 'podSelector', 'issuerRef', 'from', 'to'),
        anyJson,
      ),
    ),
    status: anyJson,
    endpoints: anyJson,
    certificate: anyJson,
    data: fc.oneof(anyJson, fc.record({ 'tls.crt': fc.oneof(anyJson, fc.base64String()) })),
  },
  { requiredKeys: [] },
);

describe('kind readers on hostile objects', () => {
  it('cover every kind module', () => {
    expect(OBJECT_READERS.length).toBeGreaterThan(30);
  });

  it('never throw, whatever the object holds (property)', () => {
    fc.assert(
      fc.property(fc.oneof(hostileObject, anyJson), (obj) => {
        for (const [name, read] of OBJECT_READERS) expect(() => read(obj), name).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
