import { type Db, countOrganizations, createOrganization, createUser, findUserByEmail } from '@portico/db';
import { generatePassword, hashPassword } from '../auth/passwords.js';

export interface FirstAdmin {
  email: string;
  /** Set only when Portico generated it: show it once, to the console, never to a log. */
  generatedPassword: string | null;
  created: boolean;
}

/**
 * On a database with no organization yet, creates the first organization and its admin,
 * from PORTICO_ADMIN_EMAIL / PORTICO_ADMIN_PASSWORD or with a generated password.
 * Does nothing on later starts (the data is kept).
 */
export async function ensureFirstAdmin(db: Db, options: { email?: string; password?: string; organizationName?: string }): Promise<FirstAdmin> {
  const email = (options.email ?? 'admin@portico.local').trim().toLowerCase();
  if ((await countOrganizations(db)) > 0) return { email, generatedPassword: null, created: false };
  const generatedPassword = options.password ? null : generatePassword();
  const passwordHash = await hashPassword(options.password ?? generatedPassword!);
  await db.$transaction(async (tx) => {
    const user = (await findUserByEmail(tx, email)) ?? (await createUser(tx, { email, name: 'Administrator', passwordHash }));
    await createOrganization(tx, { name: options.organizationName ?? 'Default organization', ownerId: user.id });
  });
  return { email, generatedPassword, created: true };
}
