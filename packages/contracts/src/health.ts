import { z } from 'zod';

export const ZHealth = z.object({ status: z.literal('ok') });
export const ZReadiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ database: z.boolean(), migrations: z.boolean() }),
});
export type TReadiness = z.infer<typeof ZReadiness>;
