import type { Core } from '@strapi/strapi';
import {
  ADMIN_ROLES,
  type AdminRoleDefinition,
  type ContentAccess,
  FIELD_ROLES,
  type FieldRoleDefinition,
} from '../domain/role-definitions';
import { unitConditionId } from '../domain/unit-conditions';
import { pluginActionId, pluginPermissionsOfRole } from '../domain/plugin-permissions';
import { fieldRolesRepository } from '../repositories/field-roles';
import { syncRolePluginPermissions } from './role-permission-sync';

const STORE_KEY = 'roles-initialised';

/** Content-manager actions that take a field list; delete applies to whole records. */
const FIELD_SCOPED: ReadonlySet<ContentAccess> = new Set(['read', 'create', 'update']);

interface AdminPermissionInput {
  action: string;
  subject: string | null;
  properties: { fields?: string[] };
  conditions: string[];
}

interface RoleService {
  findOne(params: Record<string, unknown>): Promise<{ id: number } | null>;
  create(attributes: { name: string; code: string; description: string }): Promise<{ id: number }>;
  assignPermissions(roleId: number, permissions: AdminPermissionInput[]): Promise<unknown>;
}

interface ContentTypeService {
  getNestedFields(model: unknown, options: { components: unknown }): string[];
}

/** The admin permissions a role definition stands for, with Strapi's field lists filled in. */
function adminPermissionsOf(
  strapi: Core.Strapi,
  role: AdminRoleDefinition
): AdminPermissionInput[] {
  const contentTypes = strapi.service('admin::content-type') as unknown as ContentTypeService;
  const permissions: AdminPermissionInput[] = role.content.flatMap((grant) =>
    grant.actions.map((access) => ({
      action: `plugin::content-manager.explorer.${access}`,
      subject: grant.subject,
      properties: FIELD_SCOPED.has(access)
        ? {
            fields: grant.fields
              ? [...grant.fields]
              : contentTypes.getNestedFields(
                  strapi.contentTypes[grant.subject as keyof typeof strapi.contentTypes],
                  { components: strapi.components }
                ),
          }
        : {},
      conditions: (grant.conditions ?? []).map(unitConditionId),
    }))
  );
  for (const name of pluginPermissionsOfRole(role.code)) {
    permissions.push({
      action: pluginActionId(name),
      subject: null,
      properties: {},
      conditions: [],
    });
  }
  return permissions;
}

async function ensureAdminRole(strapi: Core.Strapi, role: AdminRoleDefinition): Promise<void> {
  const roles = strapi.service('admin::role') as unknown as RoleService;
  // A role of the same name that an administrator made by hand is theirs: leave it alone.
  if ((await roles.findOne({ code: role.code })) || (await roles.findOne({ name: role.name })))
    return;
  const created = await roles.create({
    name: role.name,
    code: role.code,
    description: role.description,
  });
  await roles.assignPermissions(created.id, adminPermissionsOf(strapi, role));
}

async function ensureFieldRole(strapi: Core.Strapi, role: FieldRoleDefinition): Promise<void> {
  const roles = fieldRolesRepository(strapi);
  if (await roles.exists(role.type)) return;
  await roles.create(
    { name: role.name, description: role.description, type: role.type },
    role.actions
  );
}

/**
 * Creates the county's starting roles on the first start: admin panel roles with unit conditions
 * and users-permissions roles for field staff. Runs once (a store flag); a role an administrator
 * renamed, changed or deleted afterwards is left as they made it — except that, on every start,
 * an admin role receives the plugin permissions added to its definition since it was last
 * synchronised (role-permission-sync.ts): an upgraded county's coordinator gets the new pages,
 * and a permission an administrator removed stays removed.
 */
export async function ensureMinyiRoles(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'minyi' });
  if (!(await store.get({ key: STORE_KEY }))) {
    for (const role of ADMIN_ROLES) await ensureAdminRole(strapi, role);
    for (const role of FIELD_ROLES) await ensureFieldRole(strapi, role);
    await store.set({ key: STORE_KEY, value: true });
  }
  await syncRolePluginPermissions(strapi);
}
