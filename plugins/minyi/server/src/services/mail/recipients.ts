import type { Core } from '@strapi/strapi';
import { OWNER_ROLES_AT_LEVEL, type Recipient } from '../../domain/notifications';
import type { Level } from '../../domain/vocabulary';

type Connection = Core.Strapi['db']['connection'];

interface StaffRow {
  key: number;
  email: string | null;
  name: string | null;
}

/**
 * Who is told about items, resolved for a whole batch of items at once (a few statements per
 * batch, whatever its size): owners of a grid node at a level, first responders, lead leaders,
 * county coordinators.
 */
const recipients = () => ({
  /** Staff holding the level's owner roles on each grid node (by grid id). */
  async ownersOfGrids(
    trx: Connection,
    gridIds: readonly number[],
    level: Level
  ): Promise<Map<number, Recipient[]>> {
    if (gridIds.length === 0) return new Map();
    const rows: StaffRow[] = await trx('staffs_grid_lnk as l')
      .join('staffs as s', 's.id', 'l.staff_id')
      .whereIn('l.grid_id', [...new Set(gridIds)])
      .whereIn('s.role', [...OWNER_ROLES_AT_LEVEL[level]])
      .whereNot('s.active', false)
      .select('l.grid_id as key', 's.email', 's.name');
    return group(rows, 'owner');
  },

  /** The first responder of each item (by item id). */
  async firstResponders(
    trx: Connection,
    itemIds: readonly number[]
  ): Promise<Map<number, Recipient[]>> {
    return group(await staffLinkedTo(trx, 'items_first_responder_lnk', itemIds), 'first-responder');
  },

  /** The lead leader of each item (by item id). */
  async leadLeaders(
    trx: Connection,
    itemIds: readonly number[]
  ): Promise<Map<number, Recipient[]>> {
    return group(await staffLinkedTo(trx, 'items_lead_leader_lnk', itemIds), 'leader');
  },

  /** The county social work department's coordinators: told of everything overdue at county level. */
  async countyCoordinators(trx: Connection): Promise<Recipient[]> {
    const rows: Array<{ email: string | null; name: string | null }> = await trx('staffs')
      .where('role', 'county-coordinator')
      .whereNot('active', false)
      .select('email', 'name');
    return rows.flatMap((row) =>
      row.email ? [{ email: row.email, label: row.name ?? '', reason: 'owner' as const }] : []
    );
  },
});

async function staffLinkedTo(
  trx: Connection,
  linkTable: string,
  itemIds: readonly number[]
): Promise<StaffRow[]> {
  if (itemIds.length === 0) return [];
  return trx(`${linkTable} as l`)
    .join('staffs as s', 's.id', 'l.staff_id')
    .whereIn('l.item_id', [...itemIds])
    .select('l.item_id as key', 's.email', 's.name');
}

function group(rows: StaffRow[], reason: Recipient['reason']): Map<number, Recipient[]> {
  const byKey = new Map<number, Recipient[]>();
  for (const row of rows) {
    if (!row.email) continue;
    const list = byKey.get(Number(row.key)) ?? [];
    list.push({ email: row.email, label: row.name ?? '', reason });
    byKey.set(Number(row.key), list);
  }
  return byKey;
}

export default recipients;
