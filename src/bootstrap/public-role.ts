import type { Core } from '@strapi/strapi';
import { usersRepository } from '../repositories/users';

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
  const users = usersRepository(strapi);
  const publicRole = await users.usersPermissionsRole('public');
  if (!publicRole) throw new Error('[minyi] the users-permissions Public role is missing');
  const have = await users.grantedActions(publicRole.id, actions);
  for (const action of actions.filter((action) => !have.has(action)))
    await users.grant(publicRole.id, action);
  await store.set({ key: storeKey, value: true });
}
