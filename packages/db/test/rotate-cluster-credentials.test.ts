import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type ClusterSecretMaterial,
  type Db,
  createCluster,
  createCredentialCipher,
  createDb,
  createOrganization,
  createUser,
  openClusterCredentials,
  rotateClusterCredentials,
  sealClusterCredentials,
} from '../src/index.js';

/**
 * Key rotation against a real database: every cluster ends up sealed under the current key in
 * the format that binds the server URL; a row whose key is missing is reported, not touched;
 * a second run changes nothing.
 */
const key = () => randomBytes(32).toString('base64');
const oldKey = key();
const newKey = key();
const lostKey = key();
const material = (token: string): ClusterSecretMaterial => ({ auth: { kind: 'token', token } });
let db: Db;
let organizationId: string;

/** What the release before issue 8 stored: format v1, the cluster id alone as associated data. */
function sealedByPreviousRelease(k: string, id: string, token: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(k, 'base64'), iv);
  cipher.setAAD(Buffer.from(id));
  const body = Buffer.concat([cipher.update(JSON.stringify(material(token)), 'utf8'), cipher.final()]);
  return { credentials: ['v1', ...[iv, cipher.getAuthTag(), body].map((p) => p.toString('base64url'))].join('.'), credentialsKeyId: createCredentialCipher(k).keyId };
}

async function addCluster(name: string, seal: (binding: { id: string; server: string; insecureSkipTlsVerify: boolean }) => { credentials: string; credentialsKeyId: string }) {
  const binding = { id: randomUUID(), server: `https://${name}.example:6443`, insecureSkipTlsVerify: false };
  await createCluster(db, organizationId, { ...binding, name, authKind: 'token', ...seal(binding) });
  return binding;
}

beforeAll(async () => {
  db = createDb(inject('databaseUrl'), { max: 2 });
  const user = await createUser(db, { email: `rotate-${Date.now()}@db.test`, name: 'rotate', passwordHash: 'x' });
  organizationId = (await db.$transaction((tx) => createOrganization(tx, { name: `rotate-${Date.now()}`, ownerId: user.id }))).id;
});

afterAll(async () => {
  await db?.cluster.deleteMany({ where: { organizationId } });
  await db?.$disconnect();
});

describe('rotateClusterCredentials', () => {
  it('re-seals every row it can open under the current key and format, reports the rest, and is idempotent', async () => {
    const v1Old = await addCluster('v1-old', (b) => sealedByPreviousRelease(oldKey, b.id, 'token-v1-old'));
    const v2Old = await addCluster('v2-old', (b) => sealClusterCredentials(createCredentialCipher(oldKey), b, material('token-v2-old')));
    const v1Current = await addCluster('v1-current', (b) => sealedByPreviousRelease(newKey, b.id, 'token-v1-current'));
    const current = await addCluster('current', (b) => sealClusterCredentials(createCredentialCipher(newKey), b, material('token-current')));
    const lost = await addCluster('lost', (b) => sealClusterCredentials(createCredentialCipher(lostKey), b, material('token-lost')));
    const before = await db.cluster.findUniqueOrThrow({ where: { id: current.id } });
    const lostBefore = await db.cluster.findUniqueOrThrow({ where: { id: lost.id } });

    const cipher = createCredentialCipher(newKey, [oldKey]);
    const report = await rotateClusterCredentials(db, cipher);
    const ours = report.failed.filter((f) => f.organizationId === organizationId);
    expect(ours).toEqual([{ clusterId: lost.id, organizationId, name: 'lost', reason: expect.stringContaining(`sealed with key ${createCredentialCipher(lostKey).keyId}`) }]);
    expect(report.resealed).toBeGreaterThanOrEqual(3);

    // Every row opens with the current key alone, in the format that binds the server.
    const onlyNew = createCredentialCipher(newKey);
    for (const [binding, token] of [
      [v1Old, 'token-v1-old'],
      [v2Old, 'token-v2-old'],
      [v1Current, 'token-v1-current'],
      [current, 'token-current'],
    ] as const) {
      const row = await db.cluster.findUniqueOrThrow({ where: { id: binding.id } });
      expect(row.credentialsKeyId).toBe(onlyNew.keyId);
      expect(row.credentials.startsWith('v2.')).toBe(true);
      expect(openClusterCredentials(onlyNew, row)).toEqual(material(token));
      expect(() => openClusterCredentials(onlyNew, { ...row, server: 'https://attacker.example' })).toThrow();
    }
    // Already current: not rewritten. Unopenable: left exactly as it was.
    expect((await db.cluster.findUniqueOrThrow({ where: { id: current.id } })).credentials).toBe(before.credentials);
    expect((await db.cluster.findUniqueOrThrow({ where: { id: lost.id } })).credentials).toBe(lostBefore.credentials);

    const again = await rotateClusterCredentials(db, cipher);
    expect(again.resealed).toBe(0);
    expect(again.failed.filter((f) => f.organizationId === organizationId)).toHaveLength(1);
  });
});
