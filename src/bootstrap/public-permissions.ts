import type { Core } from '@strapi/strapi';

/**
 * What the Public role may read out of the box: the county's structure, never items or people.
 * Granted once; an administrator's later changes in Settings → Roles are kept.
 */
export const PUBLIC_READABLE = [
  'api::grid.grid',
  'api::department.department',
  'api::category.category',
] as const;

const STORE_KEY = 'public-permissions-initialised';

export async function ensurePublicPermissions(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'minyi' });
  if (await store.get({ key: STORE_KEY })) return;

  const publicRole = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'public' } });
  if (!publicRole) throw new Error('[minyi] the users-permissions Public role is missing');

  const wanted = PUBLIC_READABLE.flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]);
  const existing = await strapi.db.query('plugin::users-permissions.permission').findMany({
    where: { action: { $in: wanted }, role: publicRole.id },
  });
  const have = new Set(existing.map((permission: { action: string }) => permission.action));
  for (const action of wanted.filter((action) => !have.has(action))) {
    await strapi.db
      .query('plugin::users-permissions.permission')
      .create({ data: { action, role: publicRole.id } });
  }
  await store.set({ key: STORE_KEY, value: true });
}
