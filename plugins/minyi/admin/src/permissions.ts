/** The plugin permissions the settings page checks (server: domain/plugin-permissions.ts). */
export const SETTINGS_PERMISSIONS = {
  read: [{ action: 'plugin::minyi.settings.read', subject: null }],
  update: [{ action: 'plugin::minyi.settings.update', subject: null }],
};
