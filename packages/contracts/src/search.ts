import { z } from 'zod';
import { ZText, ZUuid } from './common.js';

/**
 * Cross-cluster search (issue 14), from the header: objects by name, served host, IP address
 * or DNS name, and certificates by DNS name; each result jumps to its page.
 */

export const ZSearchQuery = z.strictObject({
  q: ZText.trim().min(2, 'Type at least 2 characters').max(200).describe('Part of a name, host, IP address or DNS name (case-insensitive)'),
  // Digits only, as ZLimit: `1e1` or ` 5` are typos, not sizes.
  limit: z
    .preprocess((v) => (typeof v === 'string' && /^[0-9]{1,3}$/.test(v) ? Number(v) : v), z.number({ error: 'must be a whole number from 1 to 50' }).int().min(1).max(50))
    .default(20)
    .describe('At most this many results, 1 to 50 (default 20)'),
});
export type TSearchQuery = z.infer<typeof ZSearchQuery>;

export const SEARCH_MATCHES = ['name', 'host', 'address', 'dns-name'] as const;

export const ZSearchResult = z.object({
  /** `object`: an inventory object (`/objects/:id`); `certificate`: a tracked certificate (`/certificates/:id`). */
  type: z.enum(['object', 'certificate']),
  id: ZUuid,
  kind: z.string(),
  clusterId: ZUuid,
  clusterName: z.string(),
  namespace: z.string(),
  name: z.string(),
  matched: z.enum(SEARCH_MATCHES).describe('What matched the query'),
  /** The matching host, address or DNS name (the name itself for a name match). */
  match: z.string(),
});
export type TSearchResult = z.infer<typeof ZSearchResult>;

export const ZSearchResults = z.object({ items: z.array(ZSearchResult), truncated: z.boolean().describe('More matched than `limit`') });
export type TSearchResults = z.infer<typeof ZSearchResults>;
