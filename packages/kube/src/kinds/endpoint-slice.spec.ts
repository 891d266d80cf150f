import { describe, expect, it } from 'vitest';
import { endpointCounts, endpointSliceService, endpointTargets } from './endpoint-slice.js';

describe('EndpointSlice readers', () => {
  it('read the owning Service and count ready endpoints (no condition = ready)', () => {
    const slice = {
      metadata: { name: 'kuard-abc12', namespace: 'demo', labels: { 'kubernetes.io/service-name': 'kuard' } },
      endpoints: [{ addresses: ['10.0.0.1'], conditions: { ready: true } }, { addresses: ['10.0.0.2'], conditions: { ready: false } }, { addresses: ['10.0.0.3'] }],
    };
    expect(endpointSliceService(slice)).toBe('kuard');
    expect(endpointCounts(slice)).toEqual({ ready: 2, total: 3 });
  });

  it('read malformed fields as absent', () => {
    expect(endpointSliceService({ metadata: { labels: { 'kubernetes.io/service-name': 1 } } })).toBeNull();
    expect(endpointCounts({ endpoints: 'x' })).toEqual({ ready: 0, total: 0 });
  });

  it('read the Pods behind the endpoints with their readiness', () => {
    const slice = {
      endpoints: [
        { addresses: ['10.0.0.1'], targetRef: { kind: 'Pod', namespace: 'demo', name: 'my-app', uid: 'u1' } },
        { addresses: ['10.0.0.2'], conditions: { ready: false }, targetRef: { kind: 'Pod', name: 'web-1' } },
        { addresses: ['10.0.0.3'] },
        { addresses: ['10.0.0.4'], targetRef: { kind: 'Pod', name: 7 } },
      ],
    };
    expect(endpointTargets(slice)).toEqual([
      { kind: 'Pod', namespace: 'demo', name: 'my-app', ready: true },
      { kind: 'Pod', namespace: null, name: 'web-1', ready: false },
    ]);
    expect(endpointTargets({ endpoints: [null, 'x'] })).toEqual([]);
  });
});
