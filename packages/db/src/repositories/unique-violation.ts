import { Prisma } from '../client.js';

/**
 * A write refused because a unique key is taken (Prisma's P2002). Repositories throw this
 * instead of Prisma's error, so callers map it to their own error without knowing Prisma.
 */
export class UniqueViolationError extends Error {
  constructor(options: { cause: unknown }) {
    super('A row with the same unique key already exists', options);
    this.name = 'UniqueViolationError';
  }
}

/** Runs one create and turns a unique-key refusal into UniqueViolationError; other errors pass unchanged. */
export async function refusingDuplicates<T>(write: PromiseLike<T>): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') throw new UniqueViolationError({ cause: err });
    throw err;
  }
}
