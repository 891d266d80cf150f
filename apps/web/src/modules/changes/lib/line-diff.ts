import { createTwoFilesPatch } from 'diff';

export type DiffLineKind = 'add' | 'del' | 'hunk' | 'meta' | 'same';

/** How a line of a unified diff is shown: added, removed, a hunk header, a file header, or context. */
export function diffLineKind(line: string): DiffLineKind {
  if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('Index:') || line.startsWith('===')) return 'meta';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  return 'same';
}

/** A unified diff of two texts (the change page's before → after); empty when they are equal. */
export function unifiedDiff(before: string, after: string, names: [string, string] = ['before', 'after']): string {
  if (before === after) return '';
  return createTwoFilesPatch(names[0], names[1], before, after, undefined, undefined, { context: 3 })
    .split('\n')
    .filter((l) => !l.startsWith('====') && !l.startsWith('Index:'))
    .join('\n')
    .trimEnd();
}
