import type { Core } from '@strapi/strapi';

const ROLE_UID = 'plugin::users-permissions.role';
const PERMISSION_UID = 'plugin::users-permissions.permission';

/** Field staff's roles: users-permissions roles and their granted actions, through the Query Engine. */
export function fieldRolesRepository(strapi: Core.Strapi) {
  const roles = () => strapi.db.query(ROLE_UID);
  return {
    async exists(type: string): Promise<boolean> {
      return (await roles().findOne({ where: { type } })) !== null;
    },

    /** Creates the role with these granted actions; returns its id. */
    async create(
      role: { name: string; description: string; type: string },
      actions: readonly string[]
    ): Promise<number> {
      const created = (await roles().create({ data: role })) as { id: number };
      for (const action of actions) {
        await strapi.db.query(PERMISSION_UID).create({ data: { action, role: created.id } });
      }
      return created.id;
    },
  };
}
