import { pluginActionId, type PluginPermissionName } from '../../domain/plugin-permissions';

/** Route config for an admin route that needs a logged-in admin holding these plugin permissions. */
export function requirePermissions(...names: PluginPermissionName[]) {
  // No names: a route open to every logged-in admin, declared as such.
  if (names.length === 0) return { policies: ['admin::isAuthenticatedAdmin'] };
  return {
    policies: [
      'admin::isAuthenticatedAdmin',
      { name: 'admin::hasPermissions', config: { actions: names.map(pluginActionId) } },
    ],
  };
}
