import type { Core } from '@strapi/strapi';
import { localDayNumberer } from '../../domain/local-days';
import { ZERO_COUNTS, addCounts, type Bounds, type UnitCounts } from '../../domain/metrics';
import { cellDeltas, dayRangeOf } from '../../domain/stats-days';
import { statsCellsRepository } from '../../repositories/stats-cells';
import { toDate } from '../../repositories/sql-rows';
import type { MetricsService } from './metrics';
import { minyiConfig, minyiService } from '../../plugin';

type Knex = Core.Strapi['db']['connection'];

export interface PublicCounts {
  townships: Map<string, UnitCounts>;
  county: UnitCounts;
}

export interface StatsRefreshSummary {
  /** full: every cell rebuilt from the items; cells: the marked changes added to their cells; none: nothing marked. */
  mode: 'full' | 'cells' | 'none';
  /** Local days whose cells changed (full: the days that have items). */
  days: number;
  /** Change marks consumed. */
  marks: number;
  ms: number;
}

/** More marks than this and one pass over all items is cheaper than many day ranges. */
const FULL_REBUILD_MARKS = 20_000;

/**
 * GET /api/stats from pre-aggregated day cells (stats-aggregate-tables.ts): a period is the sum of
 * ≤ 366 days × townships rows instead of a scan of its items. The cells are kept current by
 * `refresh`: it takes the change marks the triggers left (each row as it was, −1, and as it is, +1)
 * and adds their net counts to the cells, in one transaction, without reading `items`; the `stats-refresh` job runs it every minute and every
 * cold stats answer runs it first, so an answer is never behind the items it was computed at.
 */
const statsAggregate = ({ strapi }: { strapi: Core.Strapi }) => {
  const cells = statsCellsRepository(strapi);
  const zone = () => minyiConfig(strapi).timezone;
  const metrics = (): MetricsService => minyiService(strapi, 'metrics');

  /** INSERT the cells of all items (a full rebuild). */
  async function insertAllCells(trx: Knex): Promise<void> {
    const { first, last } = await cells.receivedSpan(trx);
    if (!first || !last) return;
    const day = metrics().localDayExpr(
      'i.received_at',
      new Date(first.getTime() - 86_400_000),
      new Date(last.getTime() + 86_400_000)
    );
    await cells.insertAllCells(trx, day, metrics().townshipSql());
  }

  async function refreshIn(
    trx: Knex,
    options: { full?: boolean }
  ): Promise<Omit<StatsRefreshSummary, 'ms'>> {
    // One refresh at a time (PostgreSQL; SQLite has a single writer); readers of the cells are not
    // blocked. Taken before the transaction's first query, so its snapshot starts after the lock.
    await cells.lock(trx);
    const built = await cells.isBuilt(trx);
    const pending = await cells.pendingMarks(trx);
    if (options.full || !built || pending > FULL_REBUILD_MARKS) {
      // One snapshot (REPEATABLE READ on PostgreSQL): the marks removed are exactly the changes the
      // items read here contain; marks committed after it stay, and are applied next time.
      await cells.clear(trx);
      await insertAllCells(trx);
      await cells.markState(trx, new Date(), true);
      const days = await cells.countDays(trx);
      return { mode: 'full', days, marks: pending };
    }
    if (pending === 0) return { mode: 'none', days: 0, marks: 0 };
    // Exactly the marks this statement removes are applied; later ones stay for the next refresh.
    const taken = await cells.takeMarks(trx);
    const marks = taken.map((row) => ({
      sign: Number(row.sign),
      receivedAt: toDate(row.received_at),
      state: (row.state as string | null) ?? null,
      satisfaction: (row.satisfaction as string | null) ?? null,
      gridPath: (row.grid_path as string | null) ?? null,
    }));
    const deltas = cellDeltas(marks, localDayNumberer(zone()));
    await cells.applyDeltas(trx, deltas.values());
    await cells.markState(trx, new Date(), false);
    return {
      mode: 'cells',
      days: new Set([...deltas.values()].map((d) => d.day)).size,
      marks: marks.length,
    };
  }

  return {
    /** Brings the cells up to date with every committed item change; one transaction. */
    async refresh(options: { full?: boolean } = {}): Promise<StatsRefreshSummary> {
      const started = process.hrtime.bigint();
      const summary = await cells.transaction((trx) => refreshIn(trx, options));
      return { ...summary, ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10 };
    },

    /**
     * The public counts of a period from the cells, after a refresh; null when the period's bounds
     * are not local midnights (the caller then counts the items directly).
     */
    async publicCounts(bounds: Bounds): Promise<PublicCounts | null> {
      const range = dayRangeOf(bounds, zone());
      if (!range) return null;
      await this.refresh();
      const rows = await cells.sums(range);
      const townships = new Map<string, UnitCounts>();
      let county: UnitCounts = { ...ZERO_COUNTS };
      for (const row of rows) {
        const counts = {
          ...ZERO_COUNTS,
          received: Number(row.received),
          handled: Number(row.handled),
          rated: Number(row.rated),
          satisfied: Number(row.satisfied),
        };
        if (counts.received === 0) continue;
        county = addCounts(county, counts);
        if (row.township !== '') townships.set(row.township, counts);
      }
      return { townships, county };
    },

    /** The cells as stored, in key order (tests compare them before and after a refresh). */
    async cells(): Promise<Array<Record<string, unknown>>> {
      const rows = await cells.cells();
      return rows.map((row) =>
        Object.fromEntries(
          Object.entries(row).map(([k, v]) => [k, k === 'township' ? v : Number(v)])
        )
      );
    },
  };
};

export type StatsAggregateService = ReturnType<typeof statsAggregate>;
export default statsAggregate;
