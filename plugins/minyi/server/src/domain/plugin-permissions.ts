/**
 * Every admin-panel permission of the plugin, in one table: its uid (Strapi's action is
 * `plugin::minyi.<uid>`), the label administrators read under Settings → Roles → Plugins, and
 * the county roles that start with it (role codes of `role-definitions.ts`). The super admin has
 * every action. Routes check these with `requirePermissions` (routes/admin/policies.ts); the
 * admin pages hide what a role cannot use with the same ids. Unit scope is checked on top.
 */

export const COUNTY_COORDINATOR = 'minyi-county-coordinator';
export const TOWNSHIP_OFFICER = 'minyi-township-officer';
export const DEPARTMENT_OFFICER = 'minyi-department-officer';
export const GRID_WORKER = 'minyi-grid-worker';
export const LEADER = 'minyi-leader';
export const AUDITOR = 'minyi-auditor';

export type CountyRoleCode =
  | typeof COUNTY_COORDINATOR
  | typeof TOWNSHIP_OFFICER
  | typeof DEPARTMENT_OFFICER
  | typeof GRID_WORKER
  | typeof LEADER
  | typeof AUDITOR;

const UNIT_STAFF = [TOWNSHIP_OFFICER, DEPARTMENT_OFFICER, GRID_WORKER] as const;
const EVERYONE = [COUNTY_COORDINATOR, ...UNIT_STAFF, LEADER, AUDITOR] as const;

export interface PluginPermission {
  uid: string;
  displayName: string;
  roles: readonly CountyRoleCode[];
}

export const PLUGIN_PERMISSIONS = {
  itemsAct: {
    uid: 'items.act',
    displayName: '办理事项 (Handle items)',
    roles: [COUNTY_COORDINATOR, ...UNIT_STAFF, LEADER],
  },
  itemsRegister: {
    uid: 'items.register',
    displayName: '登记民意 (Register items for residents)',
    roles: [COUNTY_COORDINATOR, ...UNIT_STAFF],
  },
  itemsSupervise: {
    uid: 'items.supervise',
    displayName: '督办 (Supervise items)',
    roles: [COUNTY_COORDINATOR, LEADER],
  },
  itemsCorrect: {
    uid: 'items.correct',
    displayName: '数据更正 (Correct item data, with a reason)',
    roles: [],
  },
  workbenchRead: { uid: 'workbench.read', displayName: '工作台 (Workbench)', roles: EVERYONE },
  dashboardRead: { uid: 'dashboard.read', displayName: '数据看板 (Dashboard)', roles: EVERYONE },
  spotChecksRead: {
    uid: 'spot-checks.read',
    displayName: '查看月度抽查 (Read spot-checks)',
    roles: [COUNTY_COORDINATOR, TOWNSHIP_OFFICER, DEPARTMENT_OFFICER, LEADER, AUDITOR],
  },
  spotChecksReview: {
    uid: 'spot-checks.review',
    displayName: '抽查回访 (Review spot-checks)',
    roles: [COUNTY_COORDINATOR],
  },
  noticesRead: { uid: 'notices.read', displayName: '查看通报 (Read notices)', roles: EVERYONE },
  noticesRespond: {
    uid: 'notices.respond',
    displayName: '签收与整改报告 (Acknowledge notices, report rectification)',
    roles: UNIT_STAFF,
  },
  noticesReview: {
    uid: 'notices.review',
    displayName: '审核整改 (Accept or send back rectification reports)',
    roles: [COUNTY_COORDINATOR],
  },
  settingsRead: {
    uid: 'settings.read',
    displayName: '查看设置 (Read settings)',
    roles: [COUNTY_COORDINATOR, LEADER, AUDITOR],
  },
  settingsUpdate: {
    uid: 'settings.update',
    displayName: '修改设置 (Change settings)',
    roles: [COUNTY_COORDINATOR],
  },
  jobsRead: {
    uid: 'jobs.read',
    displayName: '查看定时任务 (Read jobs)',
    roles: [COUNTY_COORDINATOR, AUDITOR],
  },
  jobsRun: { uid: 'jobs.run', displayName: '运行定时任务 (Run jobs)', roles: [COUNTY_COORDINATOR] },
  mailRead: { uid: 'mail.read', displayName: '通知邮件 (Read sent mail)', roles: [] },
  structureImport: {
    uid: 'structure.import',
    displayName: '导入组织架构 (Import structure)',
    roles: [COUNTY_COORDINATOR],
  },
  structureExport: {
    uid: 'structure.export',
    displayName: '导出组织架构 (Export structure)',
    roles: [COUNTY_COORDINATOR, AUDITOR],
  },
} as const satisfies Record<string, PluginPermission>;

export type PluginPermissionName = keyof typeof PLUGIN_PERMISSIONS;

/** Strapi's action id of a plugin permission. */
export function pluginActionId(name: PluginPermissionName): string {
  return `plugin::minyi.${PLUGIN_PERMISSIONS[name].uid}`;
}

/** The plugin permissions a county role starts with. */
export function pluginPermissionsOfRole(roleCode: string): PluginPermissionName[] {
  return (Object.keys(PLUGIN_PERMISSIONS) as PluginPermissionName[]).filter((name) =>
    (PLUGIN_PERMISSIONS[name].roles as readonly string[]).includes(roleCode)
  );
}
