import { describe, expect, it } from 'vitest';
import { editableYaml, objectYaml } from './editable-yaml';
import { diffLineKind, unifiedDiff } from './line-diff';
import { yamlLineTokens } from './yaml-tokens';

describe('editableYaml', () => {
  it('drops status and the fields the apiserver owns, keeping comments and order', () => {
    const synced = [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: web # the front',
      '  namespace: default',
      '  uid: 1234',
      '  resourceVersion: "42"',
      '  creationTimestamp: 2026-11-30T00:00:00Z',
      'spec:',
      '  ports:',
      '    - port: 80',
      'status:',
      '  loadBalancer: {}',
      '',
    ].join('\n');
    expect(editableYaml(synced)).toBe(['apiVersion: v1', 'kind: Service', 'metadata:', '  name: web # the front', '  namespace: default', 'spec:', '  ports:', '    - port: 80', ''].join('\n'));
  });
});

describe('objectYaml', () => {
  it('leaves out status and the apiserver’s metadata, so before → after shows only the change', () => {
    const obj = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', resourceVersion: '7', generation: 2, uid: 'u', managedFields: [{}] },
      spec: { sessionAffinity: 'None' },
      status: { loadBalancer: {} },
    };
    expect(objectYaml(obj)).toBe('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  sessionAffinity: None\n');
    expect(objectYaml(null)).toBe('');
  });
});

describe('diffs', () => {
  it('classifies unified diff lines', () => {
    expect(['--- a', '+++ b', '@@ -1 +1 @@', '+  x: 1', '-  x: 2', '   y: 3'].map(diffLineKind)).toEqual(['meta', 'meta', 'hunk', 'add', 'del', 'same']);
  });
  it('diffs before and after, and says nothing when equal', () => {
    expect(unifiedDiff('a: 1\nb: 2\n', 'a: 1\nb: 3\n')).toMatch(/-b: 2\n\+b: 3/);
    expect(unifiedDiff('a: 1\n', 'a: 1\n')).toBe('');
  });
});

describe('yamlLineTokens', () => {
  const kinds = (line: string) => yamlLineTokens(line).map((t) => `${t.kind}:${t.text}`);
  it('tells keys, values, list markers and comments apart, and gives the line back', () => {
    expect(kinds('  name: web # front')).toEqual(['plain:  ', 'key:name', 'punct::', 'plain: ', 'string:web', 'plain: ', 'comment:# front']);
    expect(kinds('    - port: 80')).toEqual(['plain:    ', 'punct:- ', 'key:port', 'punct::', 'plain: ', 'number:80']);
    expect(kinds('  - "a#b"')).toEqual(['plain:  ', 'punct:-', 'plain: ', 'string:"a#b"']);
    expect(kinds('enabled: true')).toEqual(['key:enabled', 'punct::', 'plain: ', 'bool:true']);
    for (const line of ['a: "x: y" # c', '  - http://x/#y', 'image: nginx:1.27', '']) {
      expect(
        yamlLineTokens(line)
          .map((t) => t.text)
          .join(''),
      ).toBe(line);
    }
  });
});
