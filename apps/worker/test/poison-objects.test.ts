import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Db, type SqlPool, copyKubeObjects, createCluster, createCredentialCipher, upsertKubeObjects } from '@portico/db';
import { RESOURCE_LIST } from '@portico/kube';
import type { Simulator } from '@portico/kube-sim';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncSupervisor } from '../src/sync/sync-supervisor.js';
import { convertObject } from '../src/sync/to-row.js';
import { type TestDatabase, copyDifferences, createTestOrganization, openTestDatabase, registerSimulator, startCourse, startSupervisor, waitFor } from './support/sync-fixtures.js';

/**
 * Issue 8: one object Postgres cannot store (a NUL in an annotation, a NUL in a certificate's
 * subjectAltName, a lone surrogate) used to fail its whole page on every relist, so its kind
 * never synced and the cluster never became ready. Now such values are stored as U+FFFD, the
 * object is named on the cluster, and every other object is stored. Also here: workload
 * bodies keep no env value (the canary must be nowhere in the database).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const CANARY = `CANARY-${randomBytes(8).toString('hex')}`;
let sim: Simulator;
let database: TestDatabase;
let db: Db;
let sql: SqlPool;
let clusterId: string;
let organizationId: string;
let supervisor: SyncSupervisor;

/** srv.pem (SAN shop.example.com, *.shop.example.com) with the first SAN's first "." turned into a NUL: same length, still DER. */
function certificateWithNulInSan(): string {
  const pem = readFileSync(path.join(here, '../../../packages/kube/test/fixtures/srv.pem'), 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)![0];
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const san = Buffer.from('\x82\x10shop.example.com', 'latin1');
  const at = der.indexOf(san);
  if (at < 0) throw new Error('fixture changed: SAN not found');
  der[at + 2 + 4] = 0; // "shop\0example.com"
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;
}

const cluster = () => db.cluster.findUniqueOrThrow({ where: { id: clusterId } });
const warningsOf = async () => (await cluster()).syncWarnings as { kind: string; namespace: string; name: string; message: string }[];
const hasWarning = async (kind: string, name: string) => (await warningsOf()).some((w) => w.kind === kind && w.namespace === 'demo' && w.name === name);

beforeAll(async () => {
  sim = await startCourse();
  sim.objects.apply([
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nul-annotation', namespace: 'demo', annotations: { 'portico.test/note': 'before\0after' } }, spec: { ports: [{ port: 80 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'lone-surrogate', namespace: 'demo', annotations: { 'portico.test/note': 'x\uD800y' } }, spec: { ports: [{ port: 80 }] } },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/tls',
      metadata: { name: 'nul-san-tls', namespace: 'demo' },
      data: { 'tls.crt': Buffer.from(certificateWithNulInSan()).toString('base64'), 'tls.key': Buffer.from('not-a-real-key').toString('base64') },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'canary', namespace: 'demo', labels: { app: 'canary' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'canary' } },
        template: {
          metadata: { labels: { app: 'canary' }, annotations: { 'portico.test/secret': CANARY } },
          spec: {
            containers: [
              {
                name: 'app',
                image: 'registry.example/canary:1',
                ports: [{ containerPort: 8080 }],
                env: [{ name: 'DB_PASSWORD', value: CANARY }],
                command: ['/app', `--token=${CANARY}`],
                args: [`--password=${CANARY}`],
                readinessProbe: { httpGet: { path: '/ready', port: 8080, httpHeaders: [{ name: 'Authorization', value: CANARY }] } },
              },
            ],
            volumes: [{ name: 'cfg', csi: { driver: 'example.csi', volumeAttributes: { password: CANARY } } }],
          },
        },
      },
    },
  ] as never);
  database = await openTestDatabase('portico_poison', { db: 4, sql: 6 });
  ({ db, sql } = database);
  const cipher = createCredentialCipher(Buffer.alloc(32, 5).toString('base64'));
  organizationId = await createTestOrganization(db, 'poison');
  clusterId = await registerSimulator(db, cipher, sim, 'poison', organizationId);
  supervisor = startSupervisor({ sql, cipher });
}, 120_000);

afterAll(async () => {
  await supervisor?.stop();
  await database?.close();
  await sim?.close();
});

describe('objects Postgres cannot store as they are', () => {
  it('reaches ready with every object stored, the bad characters replaced, and each such object named on the cluster', async () => {
    await waitFor('ready', async () => (await cluster()).status === 'ready');
    expect(await copyDifferences(sim, db, clusterId)).toEqual([]);

    const note = await db.kubeObject.findFirstOrThrow({ where: { clusterId, resource: 'services', name: 'nul-annotation' } });
    expect((note.body as { metadata: { annotations: Record<string, string> } }).metadata.annotations['portico.test/note']).toBe('before\uFFFDafter');
    const surrogate = await db.kubeObject.findFirstOrThrow({ where: { clusterId, resource: 'services', name: 'lone-surrogate' } });
    expect((surrogate.body as { metadata: { annotations: Record<string, string> } }).metadata.annotations['portico.test/note']).toBe('x\uFFFDy');
    const tls = await db.kubeObject.findFirstOrThrow({ where: { clusterId, resource: 'secrets', name: 'nul-san-tls' } });
    expect(tls.hosts).toEqual(['shop\uFFFDexample.com', '*.shop.example.com']);
    expect(JSON.stringify(tls.body)).not.toContain(Buffer.from('not-a-real-key').toString('base64'));

    await waitFor(
      'warnings on the cluster',
      async () => (await hasWarning('Service', 'nul-annotation')) && (await hasWarning('Service', 'lone-surrogate')) && (await hasWarning('Secret', 'nul-san-tls')),
    );
    const warnings = await warningsOf();
    expect(warnings.find((w) => w.name === 'nul-annotation')!.message).toMatch(/U\+FFFD in metadata\.annotations\["portico\.test\/note"\]/);
    expect(warnings.find((w) => w.name === 'nul-san-tls')!.message).toMatch(/subjectAltName .*shop\uFFFDexample\.com/);
    expect(warnings.some((w) => w.name === 'canary' || w.name === 'my-app-service')).toBe(false);
  }, 90_000);

  it('keeps watching: a poisoned object arriving live is stored, and its warning goes once it is fixed or deleted', async () => {
    await waitFor('ready', async () => (await cluster()).status === 'ready');
    sim.objects.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'live-nul', namespace: 'demo', annotations: { note: '\0' } }, spec: { ports: [{ port: 81 }] } });
    await waitFor(
      'the live object and its warning',
      async () => !!(await db.kubeObject.findFirst({ where: { clusterId, resource: 'services', name: 'live-nul' } })) && (await hasWarning('Service', 'live-nul')),
    );
    // Objects after it in the same watch still arrive.
    sim.objects.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'after-live-nul', namespace: 'demo' }, spec: { ports: [{ port: 82 }] } });
    await waitFor('the next object', async () => !!(await db.kubeObject.findFirst({ where: { clusterId, resource: 'services', name: 'after-live-nul' } })));

    sim.objects.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'live-nul', namespace: 'demo', annotations: { note: 'fixed' } }, spec: { ports: [{ port: 81 }] } });
    sim.objects.delete('v1', 'Service', 'demo', 'lone-surrogate');
    await waitFor('warnings cleared', async () => !(await hasWarning('Service', 'live-nul')) && !(await hasWarning('Service', 'lone-surrogate')));
    expect(await hasWarning('Service', 'nul-annotation')).toBe(true);
    expect(await copyDifferences(sim, db, clusterId)).toEqual([]);
  }, 60_000);

  it('stores whatever convertObject makes of hostile objects, through both write paths (property, real Postgres)', async () => {
    // A second, disabled cluster: nothing syncs into it, so the rows written here stay ours.
    const scratch = crypto.randomUUID();
    await createCluster(db, organizationId, { id: scratch, name: 'scratch', server: 'https://scratch.invalid', authKind: 'token', credentials: 'x', credentialsKeyId: 'x', enabled: false });
    const scope = { organizationId, clusterId: scratch, leaseGeneration: 0 }; // never leased: generation 0 (lease fencing)
    const text = fc.oneof(
      fc.string(),
      fc.array(fc.constantFrom('\0', '\uD800', '\uDFFF', 'a', '"', '\\', '\t', '\n', '😀', '{', ','), { maxLength: 10 }).map((p) => p.join('')),
    );
    const json = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(text, tie('v'), { maxKeys: 3 })),
    })).v;
    const object = fc.record({
      metadata: fc.record({ name: text, namespace: text, uid: json, resourceVersion: json, labels: json, annotations: fc.dictionary(text, text, { maxKeys: 3 }) }),
      spec: fc.record({ rules: json, tls: json, hostnames: json, dnsNames: json, listeners: json, ingressClassName: json, type: json }),
      data: json,
    });
    let page = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...RESOURCE_LIST), fc.array(object, { minLength: 1, maxLength: 5 }), async (res, objects) => {
        page++;
        const rows = new Map(objects.flatMap((o) => (convertObject(res, o).row ? [convertObject(res, o).row!] : [])).map((r) => [`${r.namespace}/${r.name}`, r]));
        const unique = [...rows.values()].map((r) => ({ ...r, resource: `fuzz-${page}` }));
        await copyKubeObjects(sql, scope, unique);
        await upsertKubeObjects(sql, scope, unique);
      }),
      { numRuns: 150 },
    );
    expect(await db.kubeObject.count({ where: { clusterId: scratch } })).toBeGreaterThan(0);
  }, 60_000);
});

describe('workload bodies', () => {
  it('keep no env value, command, args, probe header or volume option: the canary is nowhere in the database', async () => {
    await waitFor('the canary Deployment', async () => !!(await db.kubeObject.findFirst({ where: { clusterId, resource: 'deployments', name: 'canary' } })));
    const row = await db.kubeObject.findFirstOrThrow({ where: { clusterId, resource: 'deployments', name: 'canary' } });
    // What inventory reads is still there.
    expect(row.body).toMatchObject({
      spec: {
        selector: { matchLabels: { app: 'canary' } },
        template: { metadata: { labels: { app: 'canary' } }, spec: { containers: [{ name: 'app', image: 'registry.example/canary:1', ports: [{ containerPort: 8080 }] }] } },
      },
    });
    const tables = await sql.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    expect(tables.rows.length).toBeGreaterThan(5);
    const tablesContaining = async (needle: string) => {
      const hits: string[] = [];
      for (const t of tables.rows) {
        const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t.schema}"."${t.name}" t WHERE t::text LIKE $1`, [`%${needle}%`]);
        if (rows[0].n > 0) hits.push(`${t.schema}.${t.name}`);
      }
      return hits;
    };
    expect(await tablesContaining('registry.example/canary:1')).toEqual(['public.KubeObject']); // the search does find what is stored
    expect(await tablesContaining(CANARY)).toEqual([]);
  });
});
