import type { Core } from '@strapi/strapi';

/** The public item routes (src/api/item/routes/01-public-items.ts), as users-permissions actions. */
export const PUBLIC_ITEM_ACTIONS = [
  'api::item.public-item.submit',
  'api::item.public-item.track',
  'api::item.public-item.feedbackForm',
  'api::item.public-item.feedback',
] as const;

const STORE_KEY = 'public-item-permissions-initialised';

/**
 * Lets anyone submit, track and give feedback, once, on the first start that knows these routes.
 * An administrator may later withdraw them in Settings → Users & Permissions → Roles → Public
 * (e.g. to take submissions only through partner tokens); that choice is kept.
 */
export async function ensurePublicItemPermissions(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'minyi' });
  if (await store.get({ key: STORE_KEY })) return;
  const publicRole = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'public' } });
  if (!publicRole) throw new Error('[minyi] the users-permissions Public role is missing');
  const existing = await strapi.db.query('plugin::users-permissions.permission').findMany({
    where: { action: { $in: [...PUBLIC_ITEM_ACTIONS] }, role: publicRole.id },
  });
  const have = new Set(existing.map((permission: { action: string }) => permission.action));
  for (const action of PUBLIC_ITEM_ACTIONS.filter((action) => !have.has(action))) {
    await strapi.db
      .query('plugin::users-permissions.permission')
      .create({ data: { action, role: publicRole.id } });
  }
  await store.set({ key: STORE_KEY, value: true });
}
