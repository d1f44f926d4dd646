import {
  pluginActionId,
  type PluginPermissionName,
} from '../../server/src/domain/plugin-permissions';

/** The permissions an admin page or button needs, in the shape Page.Protect / useRBAC take. */
export const permissionsOf = (...names: PluginPermissionName[]) =>
  names.map((name) => ({ action: pluginActionId(name), subject: null }));
