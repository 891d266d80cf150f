import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi.js';
import { routeList } from './routes.js';

/**
 * What automation does with the document: generate types with openapi-typescript, call the API
 * with openapi-fetch, and read inventory items by `kind` without casts. `tsc --noEmit` is the judge.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const run = promisify(execFile);

/** Uses the generated types as a client would; every line must type-check without a cast. */
const CLIENT = `
import createClient from 'openapi-fetch';
import type { components, paths } from './schema.js';

const client = createClient<paths>({ baseUrl: 'https://portico.acme.internal', headers: { Authorization: 'Bearer ptk_x' } });

export async function nodePorts(): Promise<number[]> {
  const { data, error } = await client.GET('/api/v1/inventory/services', { params: { query: { type: 'NodePort', limit: 50 } } });
  if (error) throw new Error(error.requestId);
  const cursor: string | null = data.nextCursor;
  void cursor;
  // A Services page holds Services only: their own fields, no narrowing needed.
  return data.items.flatMap((s) => s.ports.map((p) => p.nodePort ?? 0));
}

export async function tlsHosts(): Promise<string[]> {
  const { data } = await client.GET('/api/v1/inventory/ingresses', { params: { query: { host: '*.example.com' } } });
  const kind: 'Ingress' | undefined = data?.items[0]?.kind;
  void kind;
  return (data?.items ?? []).flatMap((i) => i.tls.flatMap((t) => t.hosts));
}

type Item = components['schemas']['Service'] | components['schemas']['Ingress'] | components['schemas']['TlsSecret'] | components['schemas']['HTTPRoute'];

/** Items of several lists in one array, told apart by kind. */
export function describeItem(item: Item): string {
  switch (item.kind) {
    case 'Service':
      return item.dnsName;
    case 'Ingress':
      return item.rules.map((r) => r.host ?? '*').join(' ');
    case 'Secret':
      return item.dnsNames.join(' ') + String(item.daysLeft);
    case 'HTTPRoute':
      return item.hosts.join(' ');
  }
}

export async function mint(expiresAt: string) {
  const { data, error } = await client.POST('/api/v1/tokens', { body: { name: 'ci', role: 'viewer', expiresAt } });
  return data?.secret ?? error?.invalid_params?.[0]?.name;
}
`;

let dir: string;
beforeAll(async () => {
  // Under node_modules so that openapi-fetch resolves from the workspace, and git never sees it.
  dir = await mkdtemp(path.join(root, 'node_modules/.portico-openapi-client-'));
  const schema = astToString(await openapiTS(buildOpenApiDocument(routeList, { version: 'test' }) as never));
  await writeFile(path.join(dir, 'schema.ts'), schema);
  await writeFile(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: [], skipLibCheck: true } }),
  );
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

async function typeCheck(source: string): Promise<string> {
  await writeFile(path.join(dir, 'client.ts'), source);
  try {
    await run(path.join(root, 'node_modules/.bin/tsc'), ['-p', dir], { cwd: dir });
    return '';
  } catch (err) {
    return String((err as { stdout?: string }).stdout ?? err);
  }
}

describe('a client generated from the OpenAPI document (openapi-typescript + openapi-fetch)', () => {
  it('narrows inventory items by kind without casts', async () => {
    expect(await typeCheck(CLIENT)).toBe('');
  }, 60_000);

  it('and the type check bites: a Services page item is not an Ingress', async () => {
    const wrong = CLIENT.replace("const kind: 'Ingress' | undefined = data?.items[0]?.kind;", "const kind: 'Service' | undefined = data?.items[0]?.kind;");
    expect(wrong).not.toBe(CLIENT);
    expect(await typeCheck(wrong)).toContain('error TS2322');
  }, 60_000);
});
