/** The plugin permissions the settings page checks (server: domain/plugin-permissions.ts). */
export const SETTINGS_PERMISSIONS = {
  read: [{ action: 'plugin::minyi.settings.read', subject: null }],
  update: [{ action: 'plugin::minyi.settings.update', subject: null }],
};
import {
  pluginActionId,
  type PluginPermissionName,
} from '../../server/src/domain/plugin-permissions';

/** The permissions an admin page or button needs, in the shape Page.Protect / useRBAC take. */
export const permissionsOf = (...names: PluginPermissionName[]) =>
  names.map((name) => ({ action: pluginActionId(name), subject: null }));
