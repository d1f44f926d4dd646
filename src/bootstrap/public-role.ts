import type { Core } from '@strapi/strapi';

/**
 * Grants `actions` to the users-permissions Public role once, on the first start that knows them
 * (remembered under `storeKey` in the plugin store). An administrator's later changes in
 * Settings → Users & Permissions → Roles → Public are kept: nothing is granted again.
 */
export async function grantToPublicOnce(
  strapi: Core.Strapi,
  storeKey: string,
  actions: readonly string[]
): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'minyi' });
  if (await store.get({ key: storeKey })) return;
  const publicRole = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'public' } });
  if (!publicRole) throw new Error('[minyi] the users-permissions Public role is missing');
  const existing = await strapi.db.query('plugin::users-permissions.permission').findMany({
    where: { action: { $in: [...actions] }, role: publicRole.id },
  });
  const have = new Set(existing.map((permission: { action: string }) => permission.action));
  for (const action of actions.filter((action) => !have.has(action))) {
    await strapi.db
      .query('plugin::users-permissions.permission')
      .create({ data: { action, role: publicRole.id } });
  }
  await store.set({ key: storeKey, value: true });
}
