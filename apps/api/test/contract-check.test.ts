import { createServer } from 'node:http';
import { type TMe, ZMe } from '@portico/contracts';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkContract, contractChecked, deepStrict, matchRoute } from './support/contract-check.js';

const json = (status: number, body: unknown, type = 'application/json') => ({ status, body, text: JSON.stringify(body), headers: { 'content-type': type } });
const problem = { type: 'about:blank', title: 'Not found', status: 404, code: 'not_found', requestId: 'r1' };

describe('matchRoute', () => {
  it('matches by method and path pattern, literal segments first, query ignored', () => {
    expect(matchRoute('get', '/api/v1/members?limit=5')?.id).toBe('listMembers');
    expect(matchRoute('POST', '/api/v1/members')?.id).toBe('createMember');
    expect(matchRoute('POST', '/api/v1/invitations/lookup')?.id).toBe('lookupInvitation');
    expect(matchRoute('DELETE', '/api/v1/invitations/abc')?.id).toBe('revokeInvitation');
    expect(matchRoute('POST', '/api/v1/me/invitations/abc/accept')?.id).toBe('acceptMyInvitation');
    expect(matchRoute('GET', '/api/v1/inventory/objects/x')?.id).toBe('getObject');
    expect(matchRoute('PUT', '/api/v1/members')).toBeUndefined();
    expect(matchRoute('GET', '/api/v1/members/x/y')).toBeUndefined();
  });
});

describe('deepStrict', () => {
  const Z = z.object({ a: z.string(), nested: z.array(z.object({ b: z.number() }).nullable()).optional(), open: z.looseObject({ c: z.string() }) });
  it('refuses an extra field at any depth, and keeps loose objects loose', () => {
    expect(deepStrict(Z).safeParse({ a: 'x', open: { c: '', more: 1 } }).success).toBe(true);
    expect(deepStrict(Z).safeParse({ a: 'x', extra: 1, open: { c: '' } }).success).toBe(false);
    expect(deepStrict(Z).safeParse({ a: 'x', nested: [{ b: 1, extra: 1 }], open: { c: '' } }).success).toBe(false);
    // The original schema is untouched.
    expect(Z.safeParse({ a: 'x', extra: 1, open: { c: '' } }).success).toBe(true);
  });
  it('keeps refinements', () => {
    const R = z.object({ a: z.string() }).refine((v) => v.a === 'ok', 'not ok');
    expect(deepStrict(R).safeParse({ a: 'no' }).success).toBe(false);
    expect(deepStrict(R).safeParse({ a: 'ok' }).success).toBe(true);
  });
});

describe('checkContract', () => {
  it('lets a well-formed answer through and refuses a mapper that leaks or drops a field', () => {
    const good = sampleMe();
    expect(() => checkContract('GET', '/api/v1/me', json(200, good))).not.toThrow();
    expect(() => checkContract('GET', '/api/v1/me', json(200, { ...good, passwordHash: 'x' }))).toThrow(/me's response schema: .*passwordHash/);
    expect(() => checkContract('GET', '/api/v1/me', json(200, { ...good, user: { ...good.user, secret: 1 } }))).toThrow(/user/);
    const { user: _dropped, ...missing } = good;
    expect(() => checkContract('GET', '/api/v1/me', json(200, missing))).toThrow(/user/);
  });
  it('only checks the documented status; a 204 route must send no body', () => {
    expect(() => checkContract('GET', '/api/v1/me', json(202, { anything: true }))).not.toThrow();
    expect(() => checkContract('DELETE', '/api/v1/tokens/x', { status: 204, body: {}, text: '', headers: {} })).not.toThrow();
    expect(() => checkContract('DELETE', '/api/v1/tokens/x', json(204, { leaked: true }))).toThrow(/documents no body/);
  });
  it('holds every failure to the problem schema and content type', () => {
    expect(() => checkContract('GET', '/api/v1/nothing', json(404, problem, 'application/problem+json; charset=utf-8'))).not.toThrow();
    expect(() => checkContract('GET', '/api/v1/me', json(404, problem))).toThrow(/application\/problem\+json/);
    expect(() => checkContract('GET', '/api/v1/me', json(404, { ...problem, stack: 'at …' }, 'application/problem+json'))).toThrow(/stack/);
    expect(() => checkContract('GET', '/api/v1/me', json(404, { ...problem, code: 'oops' }, 'application/problem+json'))).toThrow(/code/);
    expect(() => checkContract('GET', '/api/v1/me', json(500, problem, 'application/problem+json'))).toThrow(/says status 404/);
  });
});

describe('contractChecked', () => {
  it('makes a supertest request reject when a real server answers off-contract', async () => {
    let body: unknown = sampleMe();
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    const http = contractChecked(request(server));
    expect((await http.get('/api/v1/me')).status).toBe(200);
    body = { ...sampleMe(), internalNote: 'should not be here' };
    await expect(http.get('/api/v1/me')).rejects.toThrow(/internalNote/);
    const agent = contractChecked(request.agent(server));
    await expect(agent.get('/api/v1/me')).rejects.toThrow(/internalNote/);
  });
});

/** A body `GET /api/v1/me` may answer (parsed with the contract, so the sample cannot go stale). */
function sampleMe(): TMe {
  const org = { id: '00000000-0000-4000-8000-000000000002', name: 'Org', slug: 'org', role: 'admin' as const };
  return ZMe.parse({ user: { id: '00000000-0000-4000-8000-000000000001', email: 'a@b.test', name: 'A' }, organization: org, organizations: [org], authMethod: 'session' });
}
