/** The plugin permissions the settings page checks (server: domain/plugin-permissions.ts). */
export const SETTINGS_PERMISSIONS = {
  read: [{ action: 'plugin::minyi.settings.read', subject: null }],
  update: [{ action: 'plugin::minyi.settings.update', subject: null }],
};
import {
  pluginActionId,
  type PluginPermissionName,
} from '../../server/src/domain/plugin-permissions';

/**
 * The plugin's admin permissions as the admin panel asks for them (menu links, Page.Protect,
 * useRBAC): the same ids the server registers and its routes check (domain/plugin-permissions.ts,
 * a pure table without Strapi imports, so the admin bundle only gains the strings).
 */
export type AdminPermission = { action: string; subject: null };

export function permissionsOf(...names: PluginPermissionName[]): AdminPermission[] {
  return names.map((name) => ({ action: pluginActionId(name), subject: null }));
}

export const WORKBENCH_PERMISSIONS = permissionsOf('workbenchRead');
export const INTAKE_PERMISSIONS = permissionsOf('itemsRegister');
export const MAIL_PERMISSIONS = permissionsOf('mailRead');
