import type { Core } from '@strapi/strapi';
import { OWNER_ROLES_AT_LEVEL, type Recipient } from '../../domain/notifications';
import type { Level } from '../../domain/vocabulary';
import { type StaffContactRow, staffRepository } from '../../repositories/staff';

/** The caller's transaction; null outside one (advice read before a write). */
type Connection = Core.Strapi['db']['connection'] | null;

/**
 * Who is told about items, resolved for a whole batch of items at once (a few statements per
 * batch, whatever its size): owners of a grid node at a level, first responders, lead leaders,
 * county coordinators.
 */
const recipients = ({ strapi }: { strapi: Core.Strapi }) => {
  const staff = () => staffRepository(strapi);
  return {
    /** Staff holding the level's owner roles on each grid node (by grid id). */
    async ownersOfGrids(
      trx: Connection,
      gridIds: readonly number[],
      level: Level
    ): Promise<Map<number, Recipient[]>> {
      if (gridIds.length === 0) return new Map();
      return group(await staff().onGrids(trx, gridIds, OWNER_ROLES_AT_LEVEL[level]), 'owner');
    },

    /** The first responder of each item (by item id). */
    async firstResponders(
      trx: Connection,
      itemIds: readonly number[]
    ): Promise<Map<number, Recipient[]>> {
      return group(await staff().ofItems(trx, 'firstResponder', itemIds), 'first-responder');
    },

    /** The lead leader of each item (by item id). */
    async leadLeaders(
      trx: Connection,
      itemIds: readonly number[]
    ): Promise<Map<number, Recipient[]>> {
      return group(await staff().ofItems(trx, 'leadLeader', itemIds), 'leader');
    },

    /** The county social work department's coordinators: told of everything overdue at county level. */
    async countyCoordinators(trx: Connection): Promise<Recipient[]> {
      const rows = await staff().activeInRole(trx, 'county-coordinator');
      return rows.flatMap((row) =>
        row.email ? [{ email: row.email, label: row.name ?? '', reason: 'owner' as const }] : []
      );
    },
  };
};

function group(rows: StaffContactRow[], reason: Recipient['reason']): Map<number, Recipient[]> {
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
