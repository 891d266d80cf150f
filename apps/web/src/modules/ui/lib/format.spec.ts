import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format';

describe('format', () => {
  it('prints times in UTC, to the minute or to the second', () => {
    expect(formatDateTime('2026-11-25T20:07:42.123Z')).toBe('2026-11-25 20:07 UTC');
    expect(formatDateTime('2026-11-25T20:07:42.123Z', { seconds: true })).toBe('2026-11-25 20:07:42 UTC');
    expect(formatDateTime('2026-11-25T21:07:02+01:00', { seconds: true })).toBe('2026-11-25 20:07:02 UTC');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDate('2026-01-05T23:59:59Z')).toBe('2026-01-05');
  });
});
