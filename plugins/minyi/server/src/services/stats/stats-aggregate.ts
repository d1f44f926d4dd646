import type { Core } from '@strapi/strapi';
import { localDayNumberer } from '../../domain/local-days';
import {
  NOT_RECEIVED_STATUSES,
  ZERO_COUNTS,
  addCounts,
  type Bounds,
  type UnitCounts,
} from '../../domain/metrics';
import { cellDeltas, dayRangeOf } from '../../domain/stats-days';
import { rowsOf, toDate } from '../../repositories/sql-rows';
import { HANDLED_SQL, SATISFIED_SQL, type MetricsService } from './metrics';
import {
  STATS_DAYS_TABLE,
  STATS_CHANGES_TABLE,
  STATS_STATE_TABLE,
} from '../../database/stats-aggregate-tables';
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
/** Cells per upsert statement (6 bindings each: well under SQLite's limit). */
const UPSERT_BATCH = 500;
const STATE_ID = 1;

/**
 * GET /api/stats from pre-aggregated day cells (stats-aggregate-tables.ts): a period is the sum of
 * ≤ 366 days × townships rows instead of a scan of its items. The cells are kept current by
 * `refresh`: it takes the change marks the triggers left (each row as it was, −1, and as it is, +1)
 * and adds their net counts to the cells, in one transaction, without reading `items`; the `stats-refresh` job runs it every minute and every
 * cold stats answer runs it first, so an answer is never behind the items it was computed at.
 */
const statsAggregate = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const isPostgres = () => strapi.db.dialect.client === 'postgres';
  const zone = () => minyiConfig(strapi).timezone;
  const metrics = (): MetricsService => minyiService(strapi, 'metrics');

  /** INSERT the cells of all items (a full rebuild). */
  async function insertAllCells(trx: Knex): Promise<void> {
    const span = await trx('items').min('received_at as first').max('received_at as last').first();
    const first = toDate(span?.first);
    const last = toDate(span?.last);
    if (!first || !last) return;
    const day = metrics().localDayExpr(
      'i.received_at',
      new Date(first.getTime() - 86_400_000),
      new Date(last.getTime() + 86_400_000)
    );
    const select = trx('items as i')
      .whereNotNull('i.received_at')
      .whereNotIn('i.state', [...NOT_RECEIVED_STATUSES])
      .select(
        trx.raw(`${day.sql} AS day`, day.bindings),
        trx.raw(`COALESCE(${metrics().townshipSql()}, '') AS township`),
        trx.raw('count(*) AS received'),
        trx.raw(`sum(CASE WHEN ${HANDLED_SQL} THEN 1 ELSE 0 END) AS handled`),
        trx.raw('count(i.satisfaction) AS rated'),
        trx.raw(`sum(CASE WHEN ${SATISFIED_SQL} THEN 1 ELSE 0 END) AS satisfied`)
      )
      .groupByRaw('1, 2');
    const { sql, bindings } = select.toSQL();
    await trx.raw(
      `INSERT INTO ${STATS_DAYS_TABLE} (day, township, received, handled, rated, satisfied) ${sql}`,
      bindings
    );
  }

  /** Adds the deltas to their cells (creating missing ones) and drops cells left with no item. */
  async function applyDeltas(trx: Knex, deltas: ReturnType<typeof cellDeltas>): Promise<void> {
    const rows = [...deltas.values()].map((d) => ({
      day: d.day,
      township: d.township,
      ...d.counts,
    }));
    for (let i = 0; i < rows.length; i += UPSERT_BATCH) {
      await trx(STATS_DAYS_TABLE)
        .insert(rows.slice(i, i + UPSERT_BATCH))
        .onConflict(['day', 'township'])
        .merge({
          received: trx.raw(`${STATS_DAYS_TABLE}.received + excluded.received`),
          handled: trx.raw(`${STATS_DAYS_TABLE}.handled + excluded.handled`),
          rated: trx.raw(`${STATS_DAYS_TABLE}.rated + excluded.rated`),
          satisfied: trx.raw(`${STATS_DAYS_TABLE}.satisfied + excluded.satisfied`),
        });
    }
    await trx(STATS_DAYS_TABLE).where('received', '<=', 0).delete();
  }

  async function markState(trx: Knex, now: Date, built: boolean): Promise<void> {
    if (built) {
      await trx(STATS_STATE_TABLE).delete();
      await trx(STATS_STATE_TABLE).insert({ id: STATE_ID, built_at: now, refreshed_at: now });
    } else {
      await trx(STATS_STATE_TABLE).where({ id: STATE_ID }).update({ refreshed_at: now });
    }
  }

  async function refreshIn(
    trx: Knex,
    options: { full?: boolean }
  ): Promise<Omit<StatsRefreshSummary, 'ms'>> {
    // One refresh at a time (PostgreSQL; SQLite has a single writer); readers of the cells are not
    // blocked. Taken before the transaction's first query, so its snapshot starts after the lock.
    if (isPostgres()) await trx.raw(`LOCK TABLE ${STATS_DAYS_TABLE} IN EXCLUSIVE MODE`);
    const built = await trx(STATS_STATE_TABLE).where({ id: STATE_ID }).first();
    const pending = Number((await trx(STATS_CHANGES_TABLE).count('* as n'))[0]?.n ?? 0);
    if (options.full || !built || pending > FULL_REBUILD_MARKS) {
      // One snapshot (REPEATABLE READ on PostgreSQL): the marks removed are exactly the changes the
      // items read here contain; marks committed after it stay, and are applied next time.
      await trx(STATS_CHANGES_TABLE).delete();
      await trx(STATS_DAYS_TABLE).delete();
      await insertAllCells(trx);
      await markState(trx, new Date(), true);
      const days = Number((await trx(STATS_DAYS_TABLE).countDistinct('day as n'))[0]?.n ?? 0);
      return { mode: 'full', days, marks: pending };
    }
    if (pending === 0) return { mode: 'none', days: 0, marks: 0 };
    // Exactly the marks this statement removes are applied; later ones stay for the next refresh.
    const taken = rowsOf(
      await trx.raw(
        `DELETE FROM ${STATS_CHANGES_TABLE} RETURNING sign, received_at, state, satisfaction, grid_path`
      )
    );
    const marks = taken.map((row) => ({
      sign: Number(row.sign),
      receivedAt: toDate(row.received_at),
      state: (row.state as string | null) ?? null,
      satisfaction: (row.satisfaction as string | null) ?? null,
      gridPath: (row.grid_path as string | null) ?? null,
    }));
    const deltas = cellDeltas(marks, localDayNumberer(zone()));
    await applyDeltas(trx, deltas);
    await markState(trx, new Date(), false);
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
      const summary = isPostgres()
        ? await knex().transaction((trx) => refreshIn(trx, options), {
            isolationLevel: 'repeatable read',
          })
        : await knex().transaction((trx) => refreshIn(trx, options));
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
      const rows: Array<{
        township: string;
        received: unknown;
        handled: unknown;
        rated: unknown;
        satisfied: unknown;
      }> = await knex()(STATS_DAYS_TABLE)
        .where('day', '>=', range.from)
        .where('day', '<', range.to)
        .groupBy('township')
        .select(
          'township',
          knex().raw('sum(received) AS received'),
          knex().raw('sum(handled) AS handled'),
          knex().raw('sum(rated) AS rated'),
          knex().raw('sum(satisfied) AS satisfied')
        );
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
      const rows: Array<Record<string, unknown>> = await knex()(STATS_DAYS_TABLE)
        .orderBy(['day', 'township'])
        .select('*');
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
