import type { Core } from '@strapi/strapi';
import { ADMIN_ROLES, type AdminRoleDefinition } from '../domain/role-definitions';
import { PLUGIN_PERMISSIONS, pluginPermissionsOfRole } from '../domain/plugin-permissions';
import {
  legacyPluginPermissions,
  rolePermissionSync,
  sameRecord,
} from '../domain/role-permission-sync';

/** Plugin store key: per role code, the plugin permission uids granted to that role so far. */
export const GRANTED_PERMISSIONS_KEY = 'role-permissions-granted';
const ACTION_PREFIX = 'plugin::minyi.';

type GrantedRecord = Record<string, string[]>;

interface PluginPermissionInput {
  action: string;
  subject: null;
  properties: Record<string, never>;
  conditions: string[];
}

interface RoleService {
  findOne(params: Record<string, unknown>): Promise<{ id: number } | null>;
  addPermissions(roleId: number, permissions: PluginPermissionInput[]): Promise<unknown>;
}

interface PermissionService {
  findMany(params: Record<string, unknown>): Promise<{ action: string }[]>;
}

function isGrantedRecord(value: unknown): value is GrantedRecord {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every(
      (uids) => Array.isArray(uids) && uids.every((uid) => typeof uid === 'string')
    )
  );
}

/** Grants one role the permissions new to it; returns its record, or null when the role is gone. */
async function syncRole(
  strapi: Core.Strapi,
  role: AdminRoleDefinition,
  recorded: readonly string[] | null
): Promise<string[] | null> {
  const roles = strapi.service('admin::role') as unknown as RoleService;
  const permissions = strapi.service('admin::permission') as unknown as PermissionService;
  // Found by code only: a role of the same name made by hand is the administrator's (roles.ts).
  const found = await roles.findOne({ code: role.code });
  if (!found) return null;
  const held = (await permissions.findMany({ where: { role: { id: found.id } } }))
    .map((permission) => permission.action)
    .filter((action) => action.startsWith(ACTION_PREFIX))
    .map((action) => action.slice(ACTION_PREFIX.length));
  const sync = rolePermissionSync({
    defined: pluginPermissionsOfRole(role.code).map((name) => PLUGIN_PERMISSIONS[name].uid),
    recorded,
    held,
    legacy: legacyPluginPermissions(role, PLUGIN_PERMISSIONS.itemsAct.uid),
  });
  if (sync.grant.length > 0) {
    await roles.addPermissions(
      found.id,
      sync.grant.map((uid) => ({
        action: `${ACTION_PREFIX}${uid}`,
        subject: null,
        properties: {},
        conditions: [],
      }))
    );
    strapi.log.info(
      `[minyi] role ${role.code}: granted ${sync.grant.join(', ')} (new since last start)`
    );
  }
  return sync.record;
}

/**
 * On every start, after the roles exist: each county admin role receives the plugin permissions
 * its definition gives it that were added since it was last synchronised (domain
 * role-permission-sync.ts decides). Runs inside the start lock (src/bootstrap/start-lock.ts), so
 * two instances starting together synchronise one after the other and the second finds nothing
 * to do.
 */
export async function syncRolePluginPermissions(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'minyi' });
  const stored: unknown = await store.get({ key: GRANTED_PERMISSIONS_KEY });
  const previous: GrantedRecord = isGrantedRecord(stored) ? stored : {};
  const next: GrantedRecord = { ...previous };
  let changed = false;
  for (const role of ADMIN_ROLES) {
    const record = await syncRole(strapi, role, previous[role.code] ?? null);
    if (!record) continue;
    if (!sameRecord(previous[role.code] ?? null, record)) changed = true;
    next[role.code] = record;
  }
  if (changed) await store.set({ key: GRANTED_PERMISSIONS_KEY, value: next });
}
