import type { Core } from '@strapi/strapi';

const UP_ROLE = 'plugin::users-permissions.role';
const UP_PERMISSION = 'plugin::users-permissions.permission';
const UP_USER = 'plugin::users-permissions.user';
const ADMIN_ROLE = 'admin::role';
const ADMIN_USER = 'admin::user';

export interface RoleRow {
  id: number;
  name: string;
}

/**
 * The accounts the app's bootstrap and demo seed look up: users-permissions roles, their granted
 * actions and users, admin panel roles and users, through the Query Engine. Creating an account
 * stays with the owning plugin's service (`admin::user`, users-permissions `user`), which hashes
 * the password.
 */
export function usersRepository(strapi: Core.Strapi) {
  return {
    /** The users-permissions role of this type (`public`, `authenticated`, a field role). */
    async usersPermissionsRole(type: string): Promise<RoleRow | null> {
      return (await strapi.db.query(UP_ROLE).findOne({ where: { type } })) as RoleRow | null;
    },

    /** Which of `actions` the role has been granted. */
    async grantedActions(roleId: number, actions: readonly string[]): Promise<Set<string>> {
      const rows = (await strapi.db.query(UP_PERMISSION).findMany({
        where: { action: { $in: [...actions] }, role: roleId },
      })) as Array<{ action: string }>;
      return new Set(rows.map((permission) => permission.action));
    },

    async grant(roleId: number, action: string): Promise<void> {
      await strapi.db.query(UP_PERMISSION).create({ data: { action, role: roleId } });
    },

    async fieldUserExists(email: string): Promise<boolean> {
      return (await strapi.db.query(UP_USER).findOne({ where: { email } })) !== null;
    },

    async adminRole(code: string): Promise<RoleRow | null> {
      return (await strapi.db.query(ADMIN_ROLE).findOne({ where: { code } })) as RoleRow | null;
    },

    async adminUserExists(email: string): Promise<boolean> {
      return (await strapi.db.query(ADMIN_USER).findOne({ where: { email } })) !== null;
    },
  };
}
