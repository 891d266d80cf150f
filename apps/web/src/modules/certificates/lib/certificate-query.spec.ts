import { describe, expect, it } from 'vitest';
import { certificateListHref, readCertificateParams } from './certificate-query';

describe('readCertificateParams', () => {
  it('keeps what the API takes and drops the malformed', () => {
    expect(readCertificateParams({ cluster: 'nope', state: 'broken', namespace: ' shop ', sort: '-daysLeft', q: ['a', 'b'] })).toEqual({
      cluster: undefined,
      namespace: 'shop',
      state: undefined,
      owner: undefined,
      q: 'a',
      sort: '-daysLeft',
      cursor: undefined,
    });
    expect(readCertificateParams({ state: 'renewal-overdue' }).state).toBe('renewal-overdue');
  });

  it('writes short links', () => {
    const p = readCertificateParams({ state: 'expired', cursor: 'abc' });
    expect(certificateListHref(p)).toBe('/certificates?state=expired&cursor=abc');
    expect(certificateListHref(p, { cursor: undefined, sort: '-daysLeft' })).toBe('/certificates?state=expired&sort=-daysLeft');
    expect(certificateListHref(readCertificateParams({}))).toBe('/certificates');
  });
});
