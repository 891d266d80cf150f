import { describe, expect, it } from 'vitest';
import type { Json, KubeObject } from '../types.js';
import { applyJsonPatch } from './json-patch.js';
import { applyMergePatch } from './merge-patch.js';
import { fieldPaths, recordUpdate, serverSideApply, sortManagedFields, toFieldsV1, fromFieldsV1 } from './server-side-apply.js';
import { strategicMerge } from './strategic-merge.js';

const pod = {
  spec: {
    containers: [
      { name: 'a', image: 'a:1', ports: [{ containerPort: 80 }], env: [{ name: 'X', value: '1' }] },
      { name: 'b', image: 'b:1' },
    ],
    finalizers: ['x', 'y'],
  },
} as unknown as Json;

describe('strategic merge patch', () => {
  it('merges containers by name and ports by containerPort', () => {
    const out = strategicMerge(pod, { spec: { containers: [{ name: 'a', image: 'a:2', ports: [{ containerPort: 443 }] }] } }) as any;
    expect(out.spec.containers).toHaveLength(2);
    expect(out.spec.containers[0].image).toBe('a:2');
    expect(out.spec.containers[0].ports).toEqual([{ containerPort: 80 }, { containerPort: 443 }]);
    expect(out.spec.containers[0].env).toEqual([{ name: 'X', value: '1' }]);
  });
  it('understands $patch: delete, null, $setElementOrder and $deleteFromPrimitiveList', () => {
    const out = strategicMerge(pod, {
      spec: { $setElementOrder: 1, containers: [{ name: 'b', $patch: 'delete' }], '$setElementOrder/containers': [{ name: 'a' }], '$deleteFromPrimitiveList/finalizers': ['x'] },
    }) as any;
    expect(out.spec.containers.map((c: { name: string }) => c.name)).toEqual(['a']);
    expect(out.spec.finalizers).toEqual(['y']);
    expect(strategicMerge({ a: 1, b: 2 }, { a: null })).toEqual({ b: 2 });
  });
});

describe('merge and JSON patch', () => {
  it('merge patch replaces lists and deletes with null', () => {
    expect(applyMergePatch({ a: [1, 2], b: { c: 1, d: 2 } }, { a: [3], b: { c: null } })).toEqual({ a: [3], b: { d: 2 } });
  });
  it('json patch add/replace/remove/move/copy/test', () => {
    const doc = { a: { b: [1, 2] } };
    expect(
      applyJsonPatch(doc, [
        { op: 'add', path: '/a/b/-', value: 3 },
        { op: 'replace', path: '/a/b/0', value: 0 },
        { op: 'remove', path: '/a/b/1' },
        { op: 'copy', from: '/a/b', path: '/c' },
        { op: 'move', from: '/c', path: '/d' },
        { op: 'test', path: '/d/1', value: 3 },
      ]),
    ).toEqual({ a: { b: [0, 3] }, d: [0, 3] });
    expect(() => applyJsonPatch(doc, [{ op: 'test', path: '/a/b/0', value: 9 }])).toThrow();
    expect(doc).toEqual({ a: { b: [1, 2] } });
  });
});

describe('server-side apply', () => {
  const svc = (targetPort: number, labels: Record<string, string> = { app: 'x' }) =>
    ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'n', labels }, spec: { ports: [{ port: 80, targetPort }] } }) as unknown as KubeObject;
  const opts = (manager: string, force = false) => ({ manager, force, apiVersion: 'v1', time: '2026-01-01T00:00:00Z', plural: 'services', group: '' });

  it('field sets round-trip through FieldsV1 with keyed list items', () => {
    const paths = fieldPaths(svc(8080) as any);
    const f = toFieldsV1(paths);
    expect(Object.keys((f['f:spec'] as any)['f:ports'])).toEqual(['k:{"port":80,"protocol":"TCP"}']);
    expect(
      fromFieldsV1(f)
        .map((p) => p.join('/'))
        .sort(),
    ).toEqual(paths.map((p) => p.join('/')).sort());
  });

  it('conflicts on a differently-valued field owned by another manager; force takes it over', () => {
    const live = serverSideApply(undefined, svc(8080), opts('a'));
    expect(() => serverSideApply(live, svc(9090), opts('b'))).toThrow(/Apply failed with 1 conflict: conflict with "a": \.spec\.ports\[port=80,protocol="TCP"\]\.targetPort/);
    const same = serverSideApply(live, svc(8080), opts('b'));
    expect(same.metadata.managedFields?.map((m) => m.manager)).toEqual(['a', 'b']);
    const forced = serverSideApply(live, svc(9090), opts('b', true));
    expect((forced.spec as any).ports[0].targetPort).toBe(9090);
  });

  it('names an updater with its version, groups several conflicts by manager, and keeps only causes in details', () => {
    const live = serverSideApply(undefined, svc(8080), opts('a'));
    const edited = { ...live, metadata: { ...live.metadata, labels: { app: 'y' } } } as KubeObject;
    edited.metadata.managedFields = recordUpdate(live, edited, 'editor', 'v1', '2026-01-01T00:00:01Z');
    let err: any;
    try {
      serverSideApply(edited, svc(9090, { app: 'z' }), opts('b'));
    } catch (e) {
      err = e;
    }
    expect(err.message).toBe('Apply failed with 2 conflicts: conflicts with "a":\n- .spec.ports[port=80,protocol="TCP"].targetPort\nconflicts with "editor" using v1:\n- .metadata.labels.app');
    expect(err.details).toEqual({
      causes: [
        { reason: 'FieldManagerConflict', message: 'conflict with "a"', field: '.spec.ports[port=80,protocol="TCP"].targetPort' },
        { reason: 'FieldManagerConflict', message: 'conflict with "editor" using v1', field: '.metadata.labels.app' },
      ],
    });
  });

  it('orders managedFields as the apiserver stores them: Apply before Update, then time, then manager', () => {
    const entry = (manager: string, operation: 'Apply' | 'Update', time: string) => ({ manager, operation, time, apiVersion: 'v1', fieldsType: 'FieldsV1' as const, fieldsV1: {} });
    const sorted = sortManagedFields([entry('z', 'Update', 't1'), entry('portico', 'Apply', 't2'), entry('other', 'Apply', 't2'), entry('first', 'Apply', 't1')]);
    expect(sorted.map((e) => e.manager)).toEqual(['first', 'other', 'portico', 'z']);
  });
});
