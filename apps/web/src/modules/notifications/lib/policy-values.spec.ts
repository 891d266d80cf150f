import { describe, expect, it } from 'vitest';
import { numberOf, ownerLines, parseOwnerLines, splitEmails } from './policy-values';

describe('notification form values', () => {
  it('splits addresses on lines, commas and spaces', () => {
    expect(splitEmails('a@x.com, b@y.com\n\n c@z.com;d@w.com')).toEqual(['a@x.com', 'b@y.com', 'c@z.com', 'd@w.com']);
    expect(splitEmails('  ')).toEqual([]);
  });
  it('reads owner lines and writes them back', () => {
    const owners = parseOwnerLines('team-a: a@x.com, b@x.com\n\nteam-b:c@y.com\nteam-c');
    expect(owners).toEqual([
      { owner: 'team-a', emails: ['a@x.com', 'b@x.com'] },
      { owner: 'team-b', emails: ['c@y.com'] },
      { owner: 'team-c', emails: [] },
    ]);
    expect(parseOwnerLines(ownerLines(owners))).toEqual(owners);
  });
  it('turns an empty or non-numeric field into NaN, not 0', () => {
    expect(numberOf('')).toBeNaN();
    expect(numberOf('x')).toBeNaN();
    expect(numberOf('14')).toBe(14);
  });
});
