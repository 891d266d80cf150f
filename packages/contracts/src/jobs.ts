import { z } from 'zod';

/**
 * Job definitions: a dotted name and the zod schema of its payload. The API enqueues with
 * them, the worker parses every payload with them before its handler runs. Payloads carry
 * ids, never credentials.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
}

const job = <S extends z.ZodType>(name: string, schema: S): JobDefinition<S> => ({ name, schema });

export const jobs = {
  /** Deletes expired sessions and spent rate-limit windows (cron). */
  pruneExpired: job('maintenance.prune-expired', z.strictObject({})),
};
