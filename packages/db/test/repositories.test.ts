import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type Db,
  UniqueViolationError,
  checkReadiness,
  createCluster,
  createDb,
  createFreshDatabase,
  createOrganization,
  createUser,
  dropDatabase,
  findClusterByName,
  listUserEmails,
} from '../src/index.js';

/**
 * What the API relies on from the repositories instead of Prisma itself: a taken unique key
 * is a UniqueViolationError (not Prisma's P2002), and readiness is answered here, not by
 * queries in a controller.
 */
let db: Db;
let organizationId: string;
const suffix = randomUUID().slice(0, 8);
const cluster = (name: string) => ({ id: randomUUID(), name, server: 'https://repo.example:6443', authKind: 'token', credentials: 'x', credentialsKeyId: 'k' });

beforeAll(async () => {
  db = createDb(inject('databaseUrl'), { max: 2 });
  const user = await createUser(db, { email: `repo-${suffix}@db.test`, name: 'repo', passwordHash: 'x' });
  organizationId = (await db.$transaction((tx) => createOrganization(tx, { name: `repo-${suffix}`, ownerId: user.id }))).id;
});

afterAll(async () => {
  await db?.cluster.deleteMany({ where: { organizationId } });
  await db?.$disconnect();
});

describe('unique keys', () => {
  it('a second cluster of the same name in one organization is a UniqueViolationError, inside a transaction too', async () => {
    await createCluster(db, organizationId, cluster('dup'));
    await expect(createCluster(db, organizationId, cluster('dup'))).rejects.toBeInstanceOf(UniqueViolationError);
    await expect(db.$transaction((tx) => createCluster(tx, organizationId, cluster('dup')))).rejects.toBeInstanceOf(UniqueViolationError);
    expect((await findClusterByName(db, organizationId, 'dup'))?.name).toBe('dup');
  });

  it('a second account for one e-mail is a UniqueViolationError; other errors pass unchanged', async () => {
    const email = `twice-${suffix}@db.test`;
    await createUser(db, { email, name: 'first', passwordHash: 'x' });
    const err = await createUser(db, { email, name: 'second', passwordHash: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UniqueViolationError);
    expect((err as Error).cause).toMatchObject({ code: 'P2002' });
    // An organization that does not exist is a foreign-key error, not a duplicate.
    await expect(createCluster(db, randomUUID(), cluster('orphan'))).rejects.not.toBeInstanceOf(UniqueViolationError);
  });

  it('lists e-mails of the users asked for, only those', async () => {
    const other = await createUser(db, { email: `emails-${suffix}@db.test`, name: 'e', passwordHash: 'x' });
    expect(await listUserEmails(db, [other.id, randomUUID()])).toEqual([{ id: other.id, email: `emails-${suffix}@db.test` }]);
  });
});

describe('readiness', () => {
  it('is ready on a migrated database, not on one without migrations, and not when the database is gone', async () => {
    expect(await checkReadiness(db)).toEqual({ database: true, migrations: true });
    const url = await createFreshDatabase(inject('databaseBaseUrl'), 'portico_readiness');
    const bare = createDb(url, { max: 1 });
    try {
      expect(await checkReadiness(bare)).toEqual({ database: true, migrations: false });
    } finally {
      await bare.$disconnect();
      await dropDatabase(url);
    }
    const gone = createDb(url, { max: 1 });
    expect(await checkReadiness(gone)).toEqual({ database: false, migrations: false });
    await gone.$disconnect();
  });
});
