import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));
const { parseByteSize } = await import('./server-env');

describe('parseByteSize', () => {
  it('reads the sizes the API accepts', () => {
    expect(parseByteSize('1mb')).toBe(1024 * 1024);
    expect(parseByteSize('512kb')).toBe(512 * 1024);
    expect(parseByteSize('2048')).toBe(2048);
    expect(parseByteSize('1.5MB')).toBe(1.5 * 1024 * 1024);
  });
  it('refuses anything else', () => {
    expect(parseByteSize('lots')).toBeNull();
    expect(parseByteSize('-1mb')).toBeNull();
    expect(parseByteSize('')).toBeNull();
  });
});
