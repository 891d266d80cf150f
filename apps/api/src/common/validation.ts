import type { TInvalidParam } from '@portico/contracts';
import type { z } from 'zod';
import { AppError } from './app-error.js';
import { findUnstorableText } from './unstorable-text.js';

/** Turns zod issues into RFC 9457 `invalid_params`, one entry per offending field. */
export function toInvalidParams(error: z.ZodError, prefix: string): TInvalidParam[] {
  const params: TInvalidParam[] = [];
  for (const issue of error.issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) params.push({ name: base ? `${base}.${key}` : key, reason: 'is not a known field' });
    } else {
      params.push({ name: base || prefix || 'body', reason: issue.message });
    }
  }
  return params;
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, where: 'body' | 'query' | 'params' | 'headers'): z.infer<T> {
  refuseUnstorableText(value, where);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const invalidParams = toInvalidParams(result.error, where === 'body' ? '' : where);
  throw new AppError('validation_failed', `${invalidParams.length} invalid field${invalidParams.length === 1 ? '' : 's'} in the ${where}`, { invalidParams });
}

/** Refuses NUL and unpaired surrogates anywhere in `value` (see `findUnstorableText`), naming each place. */
export function refuseUnstorableText(value: unknown, where: 'body' | 'query' | 'params' | 'headers'): void {
  const invalidParams = findUnstorableText(value, where === 'body' ? [] : [where]).map((p) => ({ ...p, name: p.name || where }));
  if (invalidParams.length) throw new AppError('validation_failed', `Text that cannot be stored in the ${where}`, { invalidParams });
}
