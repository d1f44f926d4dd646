import type { Core } from '@strapi/strapi';

const STAFF = 'api::staff.staff';
const ITEM = 'api::item.item';

export interface StaffRow {
  id: number;
  name: string;
  grid: { path: string | null } | null;
}

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

/**
 * The staff behind the demo logins and the open work they would see: staff by role, grid members
 * under a path, open items per grid path and per department, and the link from a staff record to
 * its new account. Names of tables and columns come from Strapi's metadata.
 */
export function demoStaffRepository(strapi: Core.Strapi) {
  const staff = () => strapi.db.query(STAFF);
  const select = { select: ['id', 'name'], populate: { grid: { select: ['path'] } } };

  return {
    /** The first active staff record (by id) matching `where`. */
    async firstActive(where: Record<string, unknown>): Promise<StaffRow | null> {
      return (await staff().findOne({
        where: { ...where, active: true },
        orderBy: { id: 'asc' },
        ...select,
      })) as StaffRow | null;
    },

    /** Active grid members, under the township path when there is one. */
    async gridMembers(townshipPath: string | null | undefined): Promise<StaffRow[]> {
      return (await staff().findMany({
        where: {
          role: 'grid-member',
          active: true,
          ...(townshipPath ? { grid: { path: { $startsWith: townshipPath } } } : {}),
        },
        orderBy: { id: 'asc' },
        ...select,
      })) as StaffRow[];
    },

    /** Items under a grid path whose state is none of `done`. */
    async openItemsUnder(path: string, done: readonly string[]): Promise<number> {
      return strapi.db.query(ITEM).count({
        where: { gridPath: { $startsWith: path }, state: { $notIn: [...done] } },
      });
    },

    /** Per department id: the items it leads or co-handles whose state is none of `done`. */
    async openItemsPerDepartment(done: readonly string[]): Promise<Map<number, number>> {
      const meta = strapi.db.metadata.get(ITEM);
      const stateColumn = (meta.attributes.state as { columnName?: string }).columnName ?? 'state';
      const counts = new Map<number, number>();
      for (const relation of ['leadDepartment', 'coDepartments']) {
        const join = (meta.attributes[relation] as { joinTable: JoinTable }).joinTable;
        const rows = (await strapi.db
          .connection(`${join.name} as l`)
          .join(`${meta.tableName} as i`, 'i.id', `l.${join.joinColumn.name}`)
          .whereNotIn(`i.${stateColumn}`, [...done])
          .groupBy(`l.${join.inverseJoinColumn.name}`)
          .select({ department: `l.${join.inverseJoinColumn.name}` })
          .count({ n: '*' })) as Array<{ department: number; n: number | string }>;
        for (const row of rows)
          counts.set(row.department, (counts.get(row.department) ?? 0) + Number(row.n));
      }
      return counts;
    },

    async linkAdminUser(staffId: number, userId: number): Promise<void> {
      await staff().update({ where: { id: staffId }, data: { adminUser: userId } });
    },

    async linkFieldUser(staffId: number, userId: number): Promise<void> {
      await staff().update({ where: { id: staffId }, data: { user: userId } });
    },
  };
}
