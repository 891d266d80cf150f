/**
 * Test certificates made once with openssl (EC P-256, test CA `portico-test-ca`); they protect
 * nothing (srv.key, client.key are test keys). `srv.pem` has SANs shop.example.com, *.shop.example.com, 203.0.113.7, 2001:db8::7.
 */
import { readFileSync } from 'node:fs';
import type { AddressPolicy } from '../src/index.js';

const read = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

export const fixtures = {
  caPem: read('ca.pem'),
  serverPem: read('srv.pem'),
  chainPem: read('chain.pem'),
  clientPem: read('client.pem'),
  clientKeyPem: read('client.key'),
  /** Empty subject, SAN only, as cert-manager issues without `commonName`. */
  noSubjectPem: read('nosubject.pem'),
};

/** The simulator and local test servers listen on 127.0.0.1: tests allow loopback explicitly, as an administrator would. */
export const LOOPBACK_ALLOWED: AddressPolicy = { allow: ['loopback'] };

export const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
