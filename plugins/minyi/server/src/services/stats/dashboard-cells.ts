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
import { dashboardCellsRepository, type CellSum } from '../../repositories/dashboard-cells';
import { toDate } from '../../repositories/sql-rows';
import { minyiConfig } from '../../plugin';

export type { CellSum };

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
/** Ids per IN list. */
const CHUNK = 1_000;

/**
 * The dashboard's pre-aggregated cells (domain/dashboard-cells.ts): `refresh` folds the items the
 * triggers marked as changed into them — for each, what its member row says it added is
 * subtracted and what it adds now is added, in one transaction, so the cells always equal a
 * recount of the items they were refreshed at. The `stats-refresh` job runs it every minute
 * with the public stats' day cells, and every cold dashboard answer runs it first.
 */
const dashboardCells = ({ strapi }: { strapi: Core.Strapi }) => {
  const stored = dashboardCellsRepository(strapi);
  const zone = () => minyiConfig(strapi).timezone;

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

  async function rebuild(trx: Knex): Promise<{ items: number; cells: number }> {
    await stored.clear(trx);
    const span = await stored.idSpan(trx);
    const monthOf = localMonthNumberer(zone());
    const cells = new Map<string, DashboardCell>();
    let counted = 0;
    if (span) {
      for (let from = span.first; from <= span.last; from += REBUILD_BATCH) {
        const rows = await stored.sourceRowsBetween(trx, from, from + REBUILD_BATCH);
        const members = membersOf(rows, monthOf);
        counted += members.length;
        await stored.insertMembers(trx, members);
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
    await stored.applyDeltas(trx, cells.values());
    await stored.markBuilt(trx, zone(), new Date());
    return { items: counted, cells: cells.size };
  }

  async function refreshIn(
    trx: Knex,
    options: { full?: boolean }
  ): Promise<Omit<DashboardCellsRefreshSummary, 'ms'>> {
    // One refresh at a time (PostgreSQL; SQLite has a single writer); readers are not blocked.
    // Taken before the transaction's first query, so its snapshot starts after the lock.
    await stored.lock(trx);
    const state = await stored.state(trx);
    const pending = await stored.pendingItems(trx);
    if (options.full || !state || state.zone !== zone() || pending > FULL_REBUILD_ITEMS) {
      // One snapshot (REPEATABLE READ on PostgreSQL): the marks removed are exactly the changes the
      // items read here contain; marks committed after it stay, and are applied next time.
      return { mode: 'full', ...(await rebuild(trx)) };
    }
    if (pending === 0) return { mode: 'none', items: 0, cells: 0 };
    // Exactly the marks this statement removes are applied; later ones stay for the next refresh.
    const ids = await stored.takeChanged(trx);
    const monthOf = localMonthNumberer(zone());
    const before: CellMember[] = [];
    const after: CellMember[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      before.push(...(await stored.membersOf(trx, chunk)));
      const fresh = membersOf(await stored.sourceRowsOf(trx, chunk), monthOf);
      after.push(...fresh);
      await stored.deleteMembers(trx, chunk);
      await stored.insertMembers(trx, fresh);
    }
    const deltas = cellDeltas(before, after);
    await stored.applyDeltas(trx, deltas.values());
    await stored.markRefreshed(trx, new Date());
    return { mode: 'cells', items: ids.length, cells: deltas.size };
  }

  return {
    /** Brings the cells up to date with every committed item change; one transaction. */
    async refresh(options: { full?: boolean } = {}): Promise<DashboardCellsRefreshSummary> {
      const started = process.hrtime.bigint();
      const summary = await stored.transaction((trx) => refreshIn(trx, options));
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
      return stored.sums(facet, range, township, groupBy);
    },

    /** The cells as stored, in key order (tests compare them with a rebuild). */
    async cells(): Promise<Array<Record<string, unknown>>> {
      const rows = await stored.cells();
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
