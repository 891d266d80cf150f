import { describe, expect, it } from 'vitest';
import { apiQuery, listHref, nextSort, readListParams } from './inventory-query';

const id = '52571160-e2dd-44d3-8697-32ff40673fdf';

describe('readListParams', () => {
  it('keeps only the filters the kind knows, valid sort and cursor', () => {
    const p = readListParams('services', { cluster: id, type: 'Headless', class: 'nginx', q: ' web ', sort: '-age', cursor: 'abc' });
    expect(p).toEqual({ filters: { cluster: id, type: 'Headless', q: 'web' }, sort: '-age', cursor: 'abc' });
  });
  it('drops malformed values', () => {
    expect(readListParams('ingresses', { cluster: 'nope', sort: 'size', type: 'x' })).toEqual({ filters: {}, sort: 'name', cursor: undefined });
  });
});

describe('listHref', () => {
  const p = readListParams('ingresses', { cluster: id, q: 'wild', cursor: 'c1' });
  it('drops the cursor when the sort changes and keeps the filters', () => {
    expect(listHref('/ingresses', p, { sort: '-name', cursor: undefined })).toBe(`/ingresses?cluster=${id}&q=wild&sort=-name`);
  });
  it('keeps extra page params first', () => {
    expect(listHref('/gateway-api', readListParams('gateways', {}), { cursor: 'n' }, { tab: 'gateways' })).toBe('/gateway-api?tab=gateways&cursor=n');
  });
  it('builds the API query', () => {
    expect(apiQuery(p)).toEqual({ cluster: id, q: 'wild', sort: 'name', cursor: 'c1', limit: 50 });
  });
});

describe('nextSort', () => {
  it('toggles the direction of the same column', () => {
    expect(nextSort('name', 'name')).toBe('-name');
    expect(nextSort('-name', 'name')).toBe('name');
    expect(nextSort('name', 'age')).toBe('age');
  });
});
