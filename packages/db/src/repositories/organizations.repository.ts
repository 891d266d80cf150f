import type { Tx } from '../client.js';
import type { Role } from '../generated/prisma/enums.js';

export function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return base || 'org';
}

/** Creates an organization with a unique slug and makes `ownerId` its admin. */
export async function createOrganization(tx: Tx, options: { name: string; ownerId: string }) {
  const base = slugify(options.name);
  const taken = await tx.organization.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
  const used = new Set(taken.map((t) => t.slug));
  let slug = base;
  for (let i = 2; used.has(slug); i++) slug = `${base}-${i}`;
  const organization = await tx.organization.create({ data: { name: options.name, slug } });
  await tx.membership.create({ data: { organizationId: organization.id, userId: options.ownerId, role: 'admin' satisfies Role } });
  return organization;
}

/** The first organization created (the one bootstrap made), or null on an empty database. */
export function findFirstOrganization(tx: Tx) {
  return tx.organization.findFirst({ orderBy: { createdAt: 'asc' } });
}

export function countOrganizations(tx: Tx) {
  return tx.organization.count();
}

/** Every organization the user may act in (memberships not disabled), oldest first. */
export function listActiveMemberships(tx: Tx, userId: string) {
  return tx.membership.findMany({
    where: { userId, disabledAt: null },
    include: { organization: true },
    orderBy: { createdAt: 'asc' },
  });
}
