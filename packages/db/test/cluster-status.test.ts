import { type TClusterStatus, ZClusterStatus } from '@portico/contracts';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ClusterStatus } from '../src/generated/prisma/enums.js';

/**
 * The contract's ZClusterStatus is the one list of cluster states; the Prisma enum (and through
 * schema-drift.test.ts the database's) must say the same, or a state the sync writes could not
 * be answered, or one the API promises could not be stored.
 */
describe('ClusterStatus', () => {
  it('the Prisma enum lists exactly the contract’s states', () => {
    expect(Object.values(ClusterStatus).sort()).toEqual([...ZClusterStatus.options].sort());
    expectTypeOf<ClusterStatus>().toEqualTypeOf<TClusterStatus>();
  });
});
