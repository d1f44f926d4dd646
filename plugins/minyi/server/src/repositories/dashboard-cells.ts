import type { Core } from '@strapi/strapi';
import {
  CELL_FLAGS,
  type CellMember,
  type DashboardCell,
  type DashboardFacet,
  type MonthRange,
} from '../domain/dashboard-cells';
import {
  DASHBOARD_BUILD_TABLE,
  DASHBOARD_CELLS_TABLE,
  DASHBOARD_DIRTY_TABLE,
  DASHBOARD_MEMBERS_TABLE,
  DASHBOARD_STATE_TABLE,
} from '../database/dashboard-cells-tables';
import { rowsOf, toDate } from './sql-rows';

type Knex = Core.Strapi['db']['connection'];

/**
 * Rows per insert. On SQLite knex spells a multi-row insert as one compound SELECT (… UNION ALL
 * …), and SQLite allows at most 500 terms in one: 1,000 failed the demo county's first dashboard
 * (600 items). 13 bindings a member stays far under both databases' binding limits.
 */
const CHUNK = 400;
const STATE_ID = 1;
const BUILD_ID = 1;

/** The build under way (minyi_dashboard_build). */
export interface StoredCellsBuild {
  zone: string;
  /** The smallest item id not read yet. */
  nextId: number;
  owner: string;
  startedAt: Date;
  heartbeatAt: Date;
}

const COLUMN_OF_FLAG: Record<(typeof CELL_FLAGS)[number], string> = {
  received: 'received',
  signedOff: 'signed_off',
  handled: 'handled',
  onTime: 'on_time',
  rated: 'rated',
  satisfied: 'satisfied',
  escalated: 'escalated',
};

/** Summed cells of one facet, grouped by township, unit key or month. */
export type CellSum = Record<(typeof CELL_FLAGS)[number], number> & { group: string };

const memberRow = (m: CellMember) => ({
  item_id: m.itemId,
  month: m.month,
  township: m.township,
  department: m.department,
  channel: m.channel,
  category: m.category,
  ...Object.fromEntries(CELL_FLAGS.map((flag) => [COLUMN_OF_FLAG[flag], m[flag]])),
});

const fromMemberRow = (row: Record<string, unknown>): CellMember => ({
  itemId: Number(row.item_id),
  month: Number(row.month),
  township: String(row.township),
  department: String(row.department),
  channel: String(row.channel),
  category: String(row.category),
  ...(Object.fromEntries(
    CELL_FLAGS.map((flag) => [flag, Number(row[COLUMN_OF_FLAG[flag]])])
  ) as Record<(typeof CELL_FLAGS)[number], number>),
});

const cellRow = (cell: DashboardCell) => ({
  month: cell.month,
  township: cell.township,
  facet: cell.facet,
  unit_key: cell.unitKey,
  ...Object.fromEntries(CELL_FLAGS.map((flag) => [COLUMN_OF_FLAG[flag], cell[flag]])),
});

/**
 * The dashboard's month cells, their per-item members, the changed-item marks and the state row
 * (database/dashboard-cells-tables.ts): the statements services/stats/dashboard-cells.ts refreshes
 * and reads them with, each in the caller's transaction `trx` where it takes one.
 */
export function dashboardCellsRepository(strapi: Core.Strapi) {
  const knex = (): Knex => strapi.db.connection;
  const isPostgres = () => strapi.db.dialect.client === 'postgres';

  /** What the cells read of items, with their lead department and category (one row per item). */
  function sourceRows(trx: Knex) {
    return trx('items as i')
      .leftJoin('items_lead_department_lnk as l', 'l.item_id', 'i.id')
      .leftJoin('items_category_lnk as cl', 'cl.item_id', 'i.id')
      .select(
        'i.id',
        'i.received_at',
        'i.state',
        'i.accepted_at',
        'i.resolved_at',
        'i.due_at',
        'i.satisfaction',
        'i.escalation_count',
        'i.channel',
        'i.grid_path',
        'l.department_id',
        'cl.category_id'
      )
      .orderBy('i.id');
  }

  return {
    /** One transaction for a refresh: REPEATABLE READ on PostgreSQL, so it reads one snapshot. */
    transaction<T>(work: (trx: Knex) => Promise<T>): Promise<T> {
      return isPostgres()
        ? knex().transaction(work, { isolationLevel: 'repeatable read' })
        : knex().transaction(work);
    },

    /**
     * One refresh at a time (PostgreSQL; SQLite has a single writer); readers are not blocked.
     * Taken before the transaction's first query, so its snapshot starts after the lock.
     */
    async lock(trx: Knex): Promise<void> {
      if (isPostgres()) await trx.raw(`LOCK TABLE ${DASHBOARD_CELLS_TABLE} IN EXCLUSIVE MODE`);
    },

    /** The state row: the zone the cells were built in; undefined before the first build. */
    async state(trx: Knex): Promise<{ zone: string } | undefined> {
      return (await trx(DASHBOARD_STATE_TABLE).where({ id: STATE_ID }).first()) as
        { zone: string } | undefined;
    },

    async pendingItems(trx: Knex): Promise<number> {
      return Number((await trx(DASHBOARD_DIRTY_TABLE).count('* as n'))[0]?.n ?? 0);
    },

    /** Removes every mark, member and cell and the state row (a full build follows). */
    async clear(trx: Knex): Promise<void> {
      await trx(DASHBOARD_DIRTY_TABLE).delete();
      await trx(DASHBOARD_MEMBERS_TABLE).delete();
      await trx(DASHBOARD_CELLS_TABLE).delete();
      await trx(DASHBOARD_STATE_TABLE).delete();
    },

    /** The build under way, if any. */
    async build(trx: Knex): Promise<StoredCellsBuild | undefined> {
      const row = (await trx(DASHBOARD_BUILD_TABLE).where({ id: BUILD_ID }).first()) as
        Record<string, unknown> | undefined;
      if (!row) return undefined;
      return {
        zone: String(row.zone),
        nextId: Number(row.next_id),
        owner: String(row.owner),
        startedAt: toDate(row.started_at) ?? new Date(0),
        heartbeatAt: toDate(row.heartbeat_at) ?? new Date(0),
      };
    },

    /** Writes the build row (a new build, replacing any other). */
    async writeBuild(trx: Knex, build: StoredCellsBuild): Promise<void> {
      await trx(DASHBOARD_BUILD_TABLE).delete();
      await trx(DASHBOARD_BUILD_TABLE).insert({
        id: BUILD_ID,
        zone: build.zone,
        next_id: build.nextId,
        owner: build.owner,
        started_at: build.startedAt,
        heartbeat_at: build.heartbeatAt,
      });
    },

    /** Moves the build's cursor, owner and heartbeat. */
    async advanceBuild(
      trx: Knex,
      build: Pick<StoredCellsBuild, 'nextId' | 'owner' | 'heartbeatAt'>
    ): Promise<void> {
      await trx(DASHBOARD_BUILD_TABLE).where({ id: BUILD_ID }).update({
        next_id: build.nextId,
        owner: build.owner,
        heartbeat_at: build.heartbeatAt,
      });
    },

    async removeBuild(trx: Knex): Promise<void> {
      await trx(DASHBOARD_BUILD_TABLE).delete();
    },

    /** The smallest item id ≥ `from` (null: none). */
    async firstIdFrom(trx: Knex, from: number): Promise<number | null> {
      const row = await trx('items').where('id', '>=', from).min('id as first').first();
      return row?.first === null || row?.first === undefined ? null : Number(row.first);
    },

    /** Removes the marks of the items with from ≤ id < to. */
    async deleteMarksBetween(trx: Knex, from: number, to: number): Promise<void> {
      await trx(DASHBOARD_DIRTY_TABLE)
        .where('item_id', '>=', from)
        .where('item_id', '<', to)
        .delete();
    },

    /** The source rows of the items with from ≤ id < to, by id. */
    async sourceRowsBetween(
      trx: Knex,
      from: number,
      to: number
    ): Promise<Array<Record<string, unknown>>> {
      return sourceRows(trx).where('i.id', '>=', from).where('i.id', '<', to);
    },

    /** The source rows of these items, by id. */
    async sourceRowsOf(trx: Knex, ids: readonly number[]): Promise<Array<Record<string, unknown>>> {
      return sourceRows(trx).whereIn('i.id', [...ids]);
    },

    async insertMembers(trx: Knex, members: CellMember[]): Promise<void> {
      for (let i = 0; i < members.length; i += CHUNK)
        await trx(DASHBOARD_MEMBERS_TABLE).insert(members.slice(i, i + CHUNK).map(memberRow));
    },

    /** The stored members of these items: what each added to the cells. */
    async membersOf(trx: Knex, ids: readonly number[]): Promise<CellMember[]> {
      const old = await trx(DASHBOARD_MEMBERS_TABLE)
        .whereIn('item_id', [...ids])
        .select('*');
      return old.map(fromMemberRow);
    },

    async deleteMembers(trx: Knex, ids: readonly number[]): Promise<void> {
      await trx(DASHBOARD_MEMBERS_TABLE)
        .whereIn('item_id', [...ids])
        .delete();
    },

    /** Adds the deltas to their cells (creating missing ones) and drops cells left with no item. */
    async applyDeltas(trx: Knex, deltas: Iterable<DashboardCell>): Promise<void> {
      const rows = [...deltas].map(cellRow);
      const columns = Object.values(COLUMN_OF_FLAG);
      for (let i = 0; i < rows.length; i += CHUNK)
        await trx(DASHBOARD_CELLS_TABLE)
          .insert(rows.slice(i, i + CHUNK))
          .onConflict(['month', 'township', 'facet', 'unit_key'])
          .merge(
            Object.fromEntries(
              columns.map((c) => [c, trx.raw(`${DASHBOARD_CELLS_TABLE}.${c} + excluded.${c}`)])
            )
          );
      await trx(DASHBOARD_CELLS_TABLE).where('received', '<=', 0).delete();
    },

    /** Records a full build in `zone` at `now`. */
    async markBuilt(trx: Knex, zone: string, now: Date): Promise<void> {
      await trx(DASHBOARD_STATE_TABLE).delete();
      await trx(DASHBOARD_STATE_TABLE).insert({
        id: STATE_ID,
        zone,
        built_at: now,
        refreshed_at: now,
      });
    },

    async markRefreshed(trx: Knex, now: Date): Promise<void> {
      await trx(DASHBOARD_STATE_TABLE).where({ id: STATE_ID }).update({ refreshed_at: now });
    },

    /** Removes the changed-item marks and answers exactly those items' ids (once each). */
    async takeChanged(trx: Knex): Promise<number[]> {
      const taken = rowsOf(await trx.raw(`DELETE FROM ${DASHBOARD_DIRTY_TABLE} RETURNING item_id`));
      return [...new Set(taken.map((row) => Number(row.item_id)))];
    },

    /**
     * The sums of one facet's cells over a month range (and one township, when given), grouped by
     * township, unit key or month.
     */
    async sums(
      facet: DashboardFacet,
      range: MonthRange,
      township: string | null,
      groupBy: 'township' | 'unit_key' | 'month'
    ): Promise<CellSum[]> {
      const db = knex();
      const query = db(DASHBOARD_CELLS_TABLE)
        .where('facet', facet)
        .where('month', '>=', range.from)
        .where('month', '<', range.to);
      if (township !== null) query.where('township', township);
      const rows = (await query
        .groupBy(groupBy)
        .select(
          db.raw(`${groupBy} AS grp`),
          ...CELL_FLAGS.map((flag) =>
            db.raw(`sum(${COLUMN_OF_FLAG[flag]}) AS ${COLUMN_OF_FLAG[flag]}`)
          )
        )) as Array<Record<string, unknown>>;
      return rows.map(
        (row) =>
          ({
            group: String(row.grp),
            ...Object.fromEntries(
              CELL_FLAGS.map((flag) => [flag, Number(row[COLUMN_OF_FLAG[flag]] ?? 0)])
            ),
          }) as CellSum
      );
    },

    /** The cells as stored, in key order. */
    async cells(): Promise<Array<Record<string, unknown>>> {
      return knex()(DASHBOARD_CELLS_TABLE)
        .orderBy(['month', 'township', 'facet', 'unit_key'])
        .select('*');
    },
  };
}
