import { describe, expect, it } from 'vitest';
import { httpRouteParentStatus } from './httproute-status.js';

const route = (parents: unknown[]) => ({ metadata: { name: 'r', namespace: 'shop' }, status: { parents } });
const cond = (type: string, status: string, reason: string, message = '') => ({ type, status, reason, message });

describe('httpRouteParentStatus', () => {
  it('words each parent: accepted, refused with the reason and message, refs unresolved, not yet reported', () => {
    const status = httpRouteParentStatus(
      route([
        { parentRef: { name: 'web', namespace: 'infra', sectionName: 'https' }, controllerName: 'x', conditions: [cond('Accepted', 'True', 'Accepted'), cond('ResolvedRefs', 'True', 'ResolvedRefs')] },
        { parentRef: { name: 'web' }, conditions: [cond('Accepted', 'False', 'NoMatchingListenerHostname', 'no match for shop.example.org')] },
        { parentRef: { name: 'edge' }, conditions: [cond('Accepted', 'True', 'Accepted'), cond('ResolvedRefs', 'False', 'RefNotPermitted', 'Service infra/db')] },
        { parentRef: { name: 'new' }, conditions: [] },
      ]),
    );
    expect(status.map((s) => s.summary)).toEqual([
      'Accepted by Gateway infra/web, listener https',
      'Not accepted by Gateway shop/web: no listener hostname matches the route’s hostnames — no match for shop.example.org',
      'Accepted by Gateway shop/edge, but references do not resolve: a backend in another namespace is not permitted by a ReferenceGrant — Service infra/db',
      'Waiting for Gateway shop/new to accept the route',
    ]);
    expect(status.map((s) => [s.accepted, s.resolvedRefs])).toEqual([
      [true, true],
      [false, null],
      [true, false],
      [null, null],
    ]);
  });

  it('is empty for a route no implementation has reported on, and survives a hostile status', () => {
    expect(httpRouteParentStatus({ metadata: { name: 'r' } })).toEqual([]);
    expect(httpRouteParentStatus({ status: { parents: [null, 'x', { conditions: 'no' }] } }).map((s) => s.gateway)).toEqual(['/?', '/?', '/?']);
  });
});
