import { describe, expect, it } from 'vitest';
import { AddressRefusedError, classifyAddress, parseAllowedAddressClasses, refusalFor, resolveAllowed, type AddressPolicy } from './address-policy.js';

describe('classifyAddress', () => {
  it.each([
    ['169.254.169.254', 'metadata'],
    ['[fe80::1%eth0]', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['::ffff:10.0.0.1', 'private'],
    ['2002:0a00:0001::', 'private'],
    ['224.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['ff02::1', 'reserved'],
    ['172.32.0.1', 'public'],
    ['203.0.113.10', 'public'],
    ['2001:db8::7', 'public'],
    ['8.8.8.8', 'public'],
  ])('%s is %s', (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
  });

  it('is undefined for a name', () => {
    expect(classifyAddress('example.com')).toBeUndefined();
  });
});

describe('parseAllowedAddressClasses', () => {
  it('reads a comma list, case and spaces ignored', () => {
    expect(parseAllowedAddressClasses(' Loopback , private,loopback')).toEqual(['loopback', 'private']);
    expect(parseAllowedAddressClasses('')).toEqual([]);
  });
  it('refuses a word it does not know, naming it (metadata can never be allowed)', () => {
    expect(() => parseAllowedAddressClasses('loopback,metadata')).toThrow(/metadata/);
  });
});

describe('refusalFor', () => {
  const strict: AddressPolicy = { allow: [] };
  const everything: AddressPolicy = { allow: ['loopback', 'private'] };

  it('refuses loopback, unspecified and private by default, naming the setting that allows them', () => {
    expect(refusalFor('localhost', '127.0.0.1', strict)?.message).toBe(
      'localhost resolves to a loopback address, which this installation does not allow; an administrator can allow it with PORTICO_CLUSTER_ADDRESSES_ALLOWED=loopback.',
    );
    expect(refusalFor('0.0.0.0', '0.0.0.0', strict)?.message).toMatch(/^0\.0\.0\.0 is an unspecified address.*=loopback\.$/);
    expect(refusalFor('10.0.0.5', '10.0.0.5', strict)?.message).toMatch(/^10\.0\.0\.5 is a private address.*=private\.$/);
  });

  it('allows what the administrator allowed, but never metadata or reserved addresses', () => {
    expect(refusalFor('localhost', '127.0.0.1', everything)).toBeUndefined();
    expect(refusalFor('db', '10.0.0.5', everything)).toBeUndefined();
    expect(refusalFor('x', '169.254.169.254', everything)?.message).toBe('x resolves to a cloud metadata or link-local address; Portico never connects to it.');
    expect(refusalFor('x', '224.0.0.1', everything)).toBeInstanceOf(AddressRefusedError);
  });

  it('always allows public addresses', () => {
    expect(refusalFor('example.com', '93.184.215.14', strict)).toBeUndefined();
  });
});

describe('resolveAllowed', () => {
  it('refuses a name when any of its addresses is refused', async () => {
    const policy: AddressPolicy = {
      allow: ['loopback', 'private'],
      resolve: async () => [
        { address: '203.0.113.10', family: 4 },
        { address: '169.254.169.254', family: 4 },
      ],
    };
    await expect(resolveAllowed('mixed.example', policy)).rejects.toMatchObject({ code: 'ERR_PORTICO_ADDRESS_REFUSED', addressClass: 'metadata' });
  });

  it('checks a literal IP without resolving it', async () => {
    const policy: AddressPolicy = { allow: [], resolve: () => Promise.reject(new Error('must not resolve')) };
    await expect(resolveAllowed('[::]', policy)).rejects.toMatchObject({ addressClass: 'unspecified' });
    await expect(resolveAllowed('203.0.113.10', policy)).resolves.toEqual([{ address: '203.0.113.10', family: 4 }]);
  });
});
