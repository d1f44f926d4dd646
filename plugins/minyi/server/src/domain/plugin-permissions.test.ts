import { ADMIN_ROLES, HANDLE_ITEMS_ACTION } from './role-definitions';
import { PLUGIN_PERMISSIONS, pluginActionId, pluginPermissionsOfRole } from './plugin-permissions';

describe('plugin permissions', () => {
  it('grants the handling permission exactly to the roles that handle items', () => {
    for (const role of ADMIN_ROLES) {
      expect(pluginPermissionsOfRole(role.code).includes('itemsAct')).toBe(role.handlesItems);
    }
    expect(pluginActionId('itemsAct')).toBe(HANDLE_ITEMS_ACTION.id);
  });

  it('names only roles that exist and uses each uid once', () => {
    const codes = new Set(ADMIN_ROLES.map((role) => role.code));
    const uids = Object.values(PLUGIN_PERMISSIONS).map((permission) => permission.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const permission of Object.values(PLUGIN_PERMISSIONS)) {
      for (const role of permission.roles) expect(codes.has(role)).toBe(true);
    }
  });

  it('leaves the auditor without any permission that changes something', () => {
    expect(pluginPermissionsOfRole('minyi-auditor').sort()).toEqual(
      [
        'dashboardRead',
        'jobsRead',
        'noticesRead',
        'settingsRead',
        'spotChecksRead',
        'structureExport',
        'workbenchRead',
      ].sort()
    );
  });
});
