import { describe, expect, it } from 'vitest';
import { readApiGroupList, readServerVersion, servesCoreV1 } from './discovery.js';
import { resourcesServed } from './resources.js';

describe('discovery documents', () => {
  it('read the groups and versions of /apis, and the kinds a cluster serving them syncs', () => {
    const groups = readApiGroupList({
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [
        { name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }] },
        {
          name: 'gateway.networking.k8s.io',
          versions: [
            { groupVersion: 'gateway.networking.k8s.io/v1', version: 'v1' },
            { groupVersion: 'gateway.networking.k8s.io/v1beta1', version: 'v1beta1' },
          ],
        },
        { versions: [] },
      ],
    });
    expect(groups).toEqual(
      new Map([
        ['apps', new Set(['v1'])],
        ['gateway.networking.k8s.io', new Set(['v1', 'v1beta1'])],
      ]),
    );
    const keys = resourcesServed(groups!).map((r) => r.key);
    expect(keys).toContain('httproutes');
    expect(keys).not.toContain('certificates');
  });

  it('refuse what is not an APIGroupList, an APIVersions with v1, or a version document', () => {
    expect(readApiGroupList({ groups: [] })).toBeUndefined();
    expect(readApiGroupList({ kind: 'APIGroupList', groups: 'x' })).toBeUndefined();
    expect(readApiGroupList('<html>')).toBeUndefined();
    expect(servesCoreV1({ kind: 'APIVersions', versions: ['v1'] })).toBe(true);
    expect(servesCoreV1({ versions: 'v1' })).toBe(false);
    expect(readServerVersion({ gitVersion: 'v1.36.3', major: '1', minor: '36', platform: 'linux/amd64' })).toEqual({ gitVersion: 'v1.36.3', major: '1', minor: '36', platform: 'linux/amd64' });
    expect(readServerVersion({ gitVersion: 'v1.36.3' })).toBeUndefined();
  });
});
