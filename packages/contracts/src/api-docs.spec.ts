import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { routeList } from './routes.js';

/** docs/api.md's endpoint table is written by hand; this keeps it listing exactly the catalogue's operations. */
const API_MD = fileURLToPath(new URL('../../../docs/api.md', import.meta.url));
const ROW = /^\| (GET|POST|PUT|PATCH|DELETE) \| `([^`]+)` \| [^|]+ \| .+ \|$/;

const documented = () =>
  readFileSync(API_MD, 'utf8')
    .split('\n')
    .map((line) => ROW.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]} ${m[2]}`);
const catalogue = routeList.map((r) => `${r.method} ${r.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`);

describe('docs/api.md', () => {
  it('lists every operation of the route catalogue once, and none that does not exist', () => {
    const rows = documented();
    expect(
      rows.filter((r, i) => rows.indexOf(r) !== i),
      'listed twice',
    ).toEqual([]);
    expect(
      catalogue.filter((r) => !rows.includes(r)),
      'missing from docs/api.md',
    ).toEqual([]);
    expect(
      rows.filter((r) => !catalogue.includes(r)),
      'in docs/api.md but not in routes.ts',
    ).toEqual([]);
  });

  it('shows the token request body', () => {
    const text = readFileSync(API_MD, 'utf8');
    for (const field of ['`name`', '`role`', '`expiresAt`']) expect(text).toMatch(new RegExp(`^\\| ${field} \\|`, 'm'));
  });
});
