import { routeList, routes } from '@portico/contracts';
import { describe, expect, it } from 'vitest';
import { routeUrl } from './api-route';
import { apiCall } from './client-api';

describe('routeUrl', () => {
  it('fills path parameters (encoded) and appends the non-empty query values', () => {
    expect(routeUrl(routes.listMembers, undefined, { limit: 100, cursor: undefined })).toBe('/api/v1/members?limit=100');
    expect(routeUrl(routes.acceptMyInvitation, { id: 'a/b?c' })).toBe('/api/v1/me/invitations/a%2Fb%3Fc/accept');
    expect(routeUrl(routes.listAuditEvents, undefined, { action: '', cursor: 'x y' })).toBe('/api/v1/audit-events?cursor=x+y');
  });

  it('refuses to call a route with a parameter missing', () => {
    expect(() => routeUrl(routes.getCluster, {})).toThrow(/missing the "id" parameter/);
  });

  it('can build every catalogue path', () => {
    // Every path parameter the catalogue uses: `:id`, and `:host` (the host view).
    for (const route of routeList) expect(routeUrl(route, { id: '1', host: 'shop' })).toMatch(/^\/api\/[a-z0-9/-]+$/);
  });
});

describe('apiCall types', () => {
  it('takes params, query and body as the route declares them (checked by tsc --noEmit)', () => {
    const neverCalled = () => {
      // @ts-expect-error getCluster needs its id
      void apiCall(routes.getCluster, {});
      // @ts-expect-error the create-token body has no such field
      void apiCall(routes.createToken, { body: { name: 'ci', role: 'viewer', owner: 'x' } });
      // @ts-expect-error listMembers takes no body
      void apiCall(routes.listMembers, { body: {} });
      void apiCall(routes.listMembers, { query: { limit: 10 } });
    };
    expect(neverCalled).toBeTypeOf('function');
  });
});
