import type { Core } from '@strapi/strapi';
import {
  CELL_FLAGS,
  cellDeltas,
  localMonthNumberer,
  memberOf,
  type CellMember,
  type DashboardCell,
  type DashboardFacet,
  type MonthRange,
} from '../../domain/dashboard-cells';
import { rowsOf, toDate } from '../../repositories/sql-rows';
import { minyiConfig } from '../../plugin';
import {
  DASHBOARD_CELLS_TABLE,
  DASHBOARD_DIRTY_TABLE,
  DASHBOARD_MEMBERS_TABLE,
  DASHBOARD_STATE_TABLE,
} from '../../database/dashboard-cells-tables';

type Knex = Core.Strapi['db']['connection'];

export interface DashboardCellsRefreshSummary {
  /** full: every cell rebuilt from the items; cells: the changed items folded in; none: nothing marked. */
  mode: 'full' | 'cells' | 'none';
  /** Items whose members were (re)computed: every counted item (full) or the changed ones. */
  items: number;
  /** Cells changed (cells mode) or written (full). */
  cells: number;
  ms: number;
}

/** More changed items than this and one pass over all items is cheaper. */
const FULL_REBUILD_ITEMS = 20_000;
/** Items read per statement in a full rebuild (an id range). */
const REBUILD_BATCH = 5_000;
/** Ids per IN list, rows per insert (13 bindings a member: under SQLite's and PostgreSQL's limits). */
const CHUNK = 1_000;
const STATE_ID = 1;

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

/**
 * The dashboard's pre-aggregated cells (domain/dashboard-cells.ts): `refresh` folds the items the
 * triggers marked as changed into them — for each, what its member row says it added is
 * subtracted and what it adds now is added, in one transaction, so the cells always equal a
 * recount of the items they were refreshed at. The `stats-refresh` job runs it every minute
 * with the public stats' day cells, and every cold dashboard answer runs it first.
 */
const dashboardCells = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const isPostgres = () => strapi.db.dialect.client === 'postgres';
  const zone = () => minyiConfig(strapi).timezone;

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

  function membersOf(rows: Array<Record<string, unknown>>, monthOf: (at: Date) => number) {
    const members: CellMember[] = [];
    let last: number | null = null;
    for (const row of rows) {
      const itemId = Number(row.id);
      // A relation has one link row; should a second appear mid-transaction, the first counts.
      if (itemId === last) continue;
      last = itemId;
      const member = memberOf(
        {
          itemId,
          receivedAt: toDate(row.received_at),
          state: (row.state as string | null) ?? null,
          acceptedAt: toDate(row.accepted_at),
          resolvedAt: toDate(row.resolved_at),
          dueAt: toDate(row.due_at),
          satisfaction: (row.satisfaction as string | null) ?? null,
          escalationCount: row.escalation_count === null ? null : Number(row.escalation_count),
          channel: (row.channel as string | null) ?? null,
          gridPath: (row.grid_path as string | null) ?? null,
          departmentId: row.department_id === null ? null : Number(row.department_id),
          categoryId: row.category_id === null ? null : Number(row.category_id),
        },
        monthOf
      );
      if (member) members.push(member);
    }
    return members;
  }

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

  async function insertMembers(trx: Knex, members: CellMember[]) {
    for (let i = 0; i < members.length; i += CHUNK)
      await trx(DASHBOARD_MEMBERS_TABLE).insert(members.slice(i, i + CHUNK).map(memberRow));
  }

  /** Adds the deltas to their cells (creating missing ones) and drops cells left with no item. */
  async function applyDeltas(trx: Knex, deltas: Iterable<DashboardCell>) {
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
  }

  async function rebuild(trx: Knex): Promise<{ items: number; cells: number }> {
    await trx(DASHBOARD_DIRTY_TABLE).delete();
    await trx(DASHBOARD_MEMBERS_TABLE).delete();
    await trx(DASHBOARD_CELLS_TABLE).delete();
    const span = await trx('items').min('id as first').max('id as last').first();
    const monthOf = localMonthNumberer(zone());
    const cells = new Map<string, DashboardCell>();
    let counted = 0;
    if (span?.first !== null && span?.first !== undefined) {
      for (let from = Number(span.first); from <= Number(span.last); from += REBUILD_BATCH) {
        const rows = await sourceRows(trx)
          .where('i.id', '>=', from)
          .where('i.id', '<', from + REBUILD_BATCH);
        const members = membersOf(rows, monthOf);
        counted += members.length;
        await insertMembers(trx, members);
        for (const [key, delta] of cellDeltas([], members)) {
          const cell = cells.get(key);
          if (!cell) cells.set(key, delta);
          else
            cells.set(key, {
              ...cell,
              ...Object.fromEntries(CELL_FLAGS.map((f) => [f, cell[f] + delta[f]])),
            });
        }
      }
    }
    await applyDeltas(trx, cells.values());
    const now = new Date();
    await trx(DASHBOARD_STATE_TABLE).delete();
    await trx(DASHBOARD_STATE_TABLE).insert({
      id: STATE_ID,
      zone: zone(),
      built_at: now,
      refreshed_at: now,
    });
    return { items: counted, cells: cells.size };
  }

  async function refreshIn(
    trx: Knex,
    options: { full?: boolean }
  ): Promise<Omit<DashboardCellsRefreshSummary, 'ms'>> {
    // One refresh at a time (PostgreSQL; SQLite has a single writer); readers are not blocked.
    // Taken before the transaction's first query, so its snapshot starts after the lock.
    if (isPostgres()) await trx.raw(`LOCK TABLE ${DASHBOARD_CELLS_TABLE} IN EXCLUSIVE MODE`);
    const state = (await trx(DASHBOARD_STATE_TABLE).where({ id: STATE_ID }).first()) as
      { zone: string } | undefined;
    const pending = Number((await trx(DASHBOARD_DIRTY_TABLE).count('* as n'))[0]?.n ?? 0);
    if (options.full || !state || state.zone !== zone() || pending > FULL_REBUILD_ITEMS) {
      // One snapshot (REPEATABLE READ on PostgreSQL): the marks removed are exactly the changes the
      // items read here contain; marks committed after it stay, and are applied next time.
      return { mode: 'full', ...(await rebuild(trx)) };
    }
    if (pending === 0) return { mode: 'none', items: 0, cells: 0 };
    // Exactly the marks this statement removes are applied; later ones stay for the next refresh.
    const taken = rowsOf(await trx.raw(`DELETE FROM ${DASHBOARD_DIRTY_TABLE} RETURNING item_id`));
    const ids = [...new Set(taken.map((row) => Number(row.item_id)))];
    const monthOf = localMonthNumberer(zone());
    const before: CellMember[] = [];
    const after: CellMember[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const old = await trx(DASHBOARD_MEMBERS_TABLE).whereIn('item_id', chunk).select('*');
      before.push(...old.map(fromMemberRow));
      const fresh = membersOf(await sourceRows(trx).whereIn('i.id', chunk), monthOf);
      after.push(...fresh);
      await trx(DASHBOARD_MEMBERS_TABLE).whereIn('item_id', chunk).delete();
      await insertMembers(trx, fresh);
    }
    const deltas = cellDeltas(before, after);
    await applyDeltas(trx, deltas.values());
    await trx(DASHBOARD_STATE_TABLE).where({ id: STATE_ID }).update({ refreshed_at: new Date() });
    return { mode: 'cells', items: ids.length, cells: deltas.size };
  }

  return {
    /** Brings the cells up to date with every committed item change; one transaction. */
    async refresh(options: { full?: boolean } = {}): Promise<DashboardCellsRefreshSummary> {
      const started = process.hrtime.bigint();
      const summary = isPostgres()
        ? await knex().transaction((trx) => refreshIn(trx, options), {
            isolationLevel: 'repeatable read',
          })
        : await knex().transaction((trx) => refreshIn(trx, options));
      return { ...summary, ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10 };
    },

    /**
     * The sums of one facet's cells over a month range (and one township, when given), grouped by
     * township, unit key or month. Call `refresh` first.
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

    /** The cells as stored, in key order (tests compare them with a rebuild). */
    async cells(): Promise<Array<Record<string, unknown>>> {
      const rows: Array<Record<string, unknown>> = await knex()(DASHBOARD_CELLS_TABLE)
        .orderBy(['month', 'township', 'facet', 'unit_key'])
        .select('*');
      return rows.map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [
            k,
            ['township', 'facet', 'unit_key'].includes(k) ? v : Number(v),
          ])
        )
      );
    },
  };
};

export type DashboardCellsService = ReturnType<typeof dashboardCells>;
export default dashboardCells;
