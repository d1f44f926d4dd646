import type { Core } from '@strapi/strapi';
import type { StaffRole } from '../domain/vocabulary';
import { UID } from './uids';

/** The caller's transaction; null outside one. */
type Connection = Core.Strapi['db']['connection'] | null;

/** How a staff record is linked to an account: admin panel user or users-permissions user. */
export type StaffLink = 'adminUser' | 'user';

/** A staff member as a recipient query reads them, keyed by the grid or item they were found for. */
export interface StaffContactRow {
  key: number;
  email: string | null;
  name: string | null;
}

/** The staff record behind an account, with its grid and department. */
export interface StaffAccountRow {
  id: number;
  name: string;
  role: StaffRole;
  grid: { id: number; path: string | null } | null;
  department: { id: number } | null;
}

/** The item links that name one staff member (its first responder, its lead leader). */
type ItemStaffLink = 'firstResponder' | 'leadLeader';
const ITEM_STAFF_LINK_TABLE: Record<ItemStaffLink, string> = {
  firstResponder: 'items_first_responder_lnk',
  leadLeader: 'items_lead_leader_lnk',
};

/**
 * Staff (工作人员): who works where, in which role, linked to which account — read through the
 * Query Engine for one record and with set-based statements for the recipients of a batch.
 */
export function staffRepository(strapi: Core.Strapi) {
  const query = () => strapi.db.query(UID.staff);
  const through = (trx: Connection) => trx ?? strapi.db.connection;

  return {
    uid: UID.staff,

    /** The active staff record linked to an account, with its grid and department. */
    async linkedTo(link: StaffLink, accountId: number): Promise<StaffAccountRow | null> {
      return (await query().findOne({
        where: { [link]: accountId, active: true },
        select: ['id', 'name', 'role'],
        populate: { grid: { select: ['id', 'path'] }, department: { select: ['id'] } },
      })) as StaffAccountRow | null;
    },

    /** The id of the active staff record linked to an account, null without one. */
    async idLinkedTo(link: StaffLink, accountId: number): Promise<number | null> {
      const staff = await query().findOne({
        where: { [link]: accountId, active: true },
        select: ['id'],
      });
      return staff ? (staff.id as number) : null;
    },

    /** A leader (领办领导) by document id, for an assignment. */
    async leader(
      documentId: string
    ): Promise<{ id: number; name: string | null; email: string | null } | null> {
      return (await query().findOne({
        where: { documentId, role: 'leader' },
        select: ['id', 'name', 'email'],
      })) as { id: number; name: string | null; email: string | null } | null;
    },

    /** The active leaders an assignment may name, by name. */
    async activeLeaders(): Promise<Array<{ documentId: string; name: string }>> {
      return (await query().findMany({
        where: { role: 'leader', active: true },
        select: ['documentId', 'name'],
        orderBy: { name: 'asc' },
      })) as Array<{ documentId: string; name: string }>;
    },

    /** Active staff holding one of `roles` on each grid node (keyed by grid id). */
    async onGrids(
      trx: Connection,
      gridIds: readonly number[],
      roles: readonly StaffRole[]
    ): Promise<StaffContactRow[]> {
      if (gridIds.length === 0) return [];
      return through(trx)('staffs_grid_lnk as l')
        .join('staffs as s', 's.id', 'l.staff_id')
        .whereIn('l.grid_id', [...new Set(gridIds)])
        .whereIn('s.role', [...roles])
        .whereNot('s.active', false)
        .select('l.grid_id as key', 's.email', 's.name');
    },

    /** The staff member each item names through `link` (keyed by item id). */
    async ofItems(
      trx: Connection,
      link: ItemStaffLink,
      itemIds: readonly number[]
    ): Promise<StaffContactRow[]> {
      if (itemIds.length === 0) return [];
      return through(trx)(`${ITEM_STAFF_LINK_TABLE[link]} as l`)
        .join('staffs as s', 's.id', 'l.staff_id')
        .whereIn('l.item_id', [...itemIds])
        .select('l.item_id as key', 's.email', 's.name');
    },

    /** Active staff in a role, with their addresses. */
    async activeInRole(
      trx: Connection,
      role: StaffRole
    ): Promise<Array<{ email: string | null; name: string | null }>> {
      return through(trx)('staffs')
        .where('role', role)
        .whereNot('active', false)
        .select('email', 'name');
    },
  };
}
