import type { Tx } from '../client.js';
import { refusingDuplicates } from './unique-violation.js';

export function findUserByEmail(tx: Tx, email: string) {
  return tx.user.findUnique({ where: { email } });
}

export function findUserById(tx: Tx, id: string) {
  return tx.user.findUnique({ where: { id } });
}

/** Throws UniqueViolationError when the e-mail already has an account. */
export function createUser(tx: Tx, data: { email: string; name: string; passwordHash: string }) {
  return refusingDuplicates(tx.user.create({ data }));
}

/** E-mails of the given users (audit events name their actors). */
export function listUserEmails(tx: Tx, ids: string[]) {
  return tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
}

export function setUserPassword(tx: Tx, id: string, passwordHash: string) {
  return tx.user.update({ where: { id }, data: { passwordHash } });
}
