import type { Tx } from '../client.js';

export function findUserByEmail(tx: Tx, email: string) {
  return tx.user.findUnique({ where: { email } });
}

export function findUserById(tx: Tx, id: string) {
  return tx.user.findUnique({ where: { id } });
}

export function createUser(tx: Tx, data: { email: string; name: string; passwordHash: string }) {
  return tx.user.create({ data });
}

export function setUserPassword(tx: Tx, id: string, passwordHash: string) {
  return tx.user.update({ where: { id }, data: { passwordHash } });
}
