import { randomBytes, randomUUID } from 'node:crypto';
import { type Db, createCluster, createCredentialCipher, createDb, createOrganization, createUser, openClusterCredentials, sealClusterCredentials } from '@portico/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rotateSecretKey } from '../src/bootstrap/rotate-secret-key.js';

/** `cli.js rotate-secret-key`: counts on stdout, no secret anywhere in them, exit code 1 while a key is missing. */
const key = () => randomBytes(32).toString('base64');
let db: Db;
let organizationId: string;

beforeAll(async () => {
  db = createDb(inject('databaseUrl'), { max: 2 });
  const user = await createUser(db, { email: `rotate-cli-${Date.now()}@api.test`, name: 'rotate', passwordHash: 'x' });
  organizationId = (await db.$transaction((tx) => createOrganization(tx, { name: `rotate-cli-${Date.now()}`, ownerId: user.id }))).id;
});

afterAll(async () => {
  await db?.cluster.deleteMany({ where: { organizationId } });
  await db?.$disconnect();
});

describe('rotate-secret-key', () => {
  it('re-seals under the new key, prints counts without secrets, and says when previous keys can go', async () => {
    const oldKey = key();
    const newKey = key();
    const binding = { id: randomUUID(), server: 'https://rotate.example:6443', insecureSkipTlsVerify: false };
    await createCluster(db, organizationId, {
      ...binding,
      name: 'rotate-me',
      authKind: 'token',
      ...sealClusterCredentials(createCredentialCipher(oldKey), binding, { auth: { kind: 'token', token: 'tok-SECRET-1' } }),
    });
    // Other tests' clusters in this database are sealed with keys we do not have: give ours only.
    const lines: string[] = [];
    const first = await rotateSecretKey(db, { current: newKey, previous: `${oldKey}` }, (l) => lines.push(l));
    expect(first.report.resealed).toBeGreaterThanOrEqual(1);
    expect(lines[0]).toMatch(
      new RegExp(`^Cluster credentials under key ${createCredentialCipher(newKey).keyId}: \\d+ re-sealed, \\d+ already current, 0 changed meanwhile \\(left as they are\\), \\d+ failed\\.$`),
    );
    expect(lines.join('\n')).not.toMatch(/tok-SECRET|BEGIN|v2\./);
    expect(first.exitCode).toBe(first.report.failed.length ? 1 : 0);
    const row = await db.cluster.findUniqueOrThrow({ where: { id: binding.id } });
    expect(openClusterCredentials(createCredentialCipher(newKey), row).auth).toEqual({ kind: 'token', token: 'tok-SECRET-1' });

    const second = await rotateSecretKey(db, { current: newKey, previous: '' }, () => undefined);
    expect(second.report.resealed).toBe(0);
  });
});
