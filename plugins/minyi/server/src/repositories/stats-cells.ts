import type { Core } from '@strapi/strapi';
import { NOT_RECEIVED_STATUSES } from '../domain/metrics';
import {
  STATS_CHANGES_TABLE,
  STATS_DAYS_TABLE,
  STATS_STATE_TABLE,
} from '../database/stats-aggregate-tables';
import { HANDLED_SQL, SATISFIED_SQL } from './item-metrics';
import { rowsOf, toDate } from './sql-rows';

type Knex = Core.Strapi['db']['connection'];

/** Cells per upsert statement (6 bindings each: well under SQLite's limit). */
const UPSERT_BATCH = 500;
const STATE_ID = 1;

/** One cell's change: the counts to add to (day, township). */
export interface StatsCellDelta {
  day: number;
  township: string;
  counts: { received: number; handled: number; rated: number; satisfied: number };
}

/**
 * The public stats' day cells, their change marks and their state row (database/stats-aggregate-tables.ts):
 * the statements services/stats/stats-aggregate.ts refreshes and reads them with, each in the
 * caller's transaction `trx` where it takes one.
 */
export function statsCellsRepository(strapi: Core.Strapi) {
  const knex = (): Knex => strapi.db.connection;
  const isPostgres = () => strapi.db.dialect.client === 'postgres';

  return {
    /** One transaction for a refresh: REPEATABLE READ on PostgreSQL, so it reads one snapshot. */
    transaction<T>(work: (trx: Knex) => Promise<T>): Promise<T> {
      return isPostgres()
        ? knex().transaction(work, { isolationLevel: 'repeatable read' })
        : knex().transaction(work);
    },

    /**
     * One refresh at a time (PostgreSQL; SQLite has a single writer); readers of the cells are not
     * blocked. Taken before the transaction's first query, so its snapshot starts after the lock.
     */
    async lock(trx: Knex): Promise<void> {
      if (isPostgres()) await trx.raw(`LOCK TABLE ${STATS_DAYS_TABLE} IN EXCLUSIVE MODE`);
    },

    async isBuilt(trx: Knex): Promise<boolean> {
      return Boolean(await trx(STATS_STATE_TABLE).where({ id: STATE_ID }).first());
    },

    async pendingMarks(trx: Knex): Promise<number> {
      return Number((await trx(STATS_CHANGES_TABLE).count('* as n'))[0]?.n ?? 0);
    },

    /** Removes every mark and every cell (a full rebuild follows). */
    async clear(trx: Knex): Promise<void> {
      await trx(STATS_CHANGES_TABLE).delete();
      await trx(STATS_DAYS_TABLE).delete();
    },

    /** The first and last received time of all items. */
    async receivedSpan(trx: Knex): Promise<{ first: Date | null; last: Date | null }> {
      const span = await trx('items')
        .min('received_at as first')
        .max('received_at as last')
        .first();
      return { first: toDate(span?.first), last: toDate(span?.last) };
    },

    /** INSERT the cells of all items (a full rebuild), by the day and township expressions given. */
    async insertAllCells(
      trx: Knex,
      day: { sql: string; bindings: Date[] },
      townshipSql: string
    ): Promise<void> {
      const select = trx('items as i')
        .whereNotNull('i.received_at')
        .whereNotIn('i.state', [...NOT_RECEIVED_STATUSES])
        .select(
          trx.raw(`${day.sql} AS day`, day.bindings),
          trx.raw(`COALESCE(${townshipSql}, '') AS township`),
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
    },

    async countDays(trx: Knex): Promise<number> {
      return Number((await trx(STATS_DAYS_TABLE).countDistinct('day as n'))[0]?.n ?? 0);
    },

    /** Removes the marks and answers exactly those; marks committed later stay for the next refresh. */
    async takeMarks(trx: Knex): Promise<Array<Record<string, unknown>>> {
      return rowsOf(
        await trx.raw(
          `DELETE FROM ${STATS_CHANGES_TABLE} RETURNING sign, received_at, state, satisfaction, grid_path`
        )
      );
    },

    /** Adds the deltas to their cells (creating missing ones) and drops cells left with no item. */
    async applyDeltas(trx: Knex, deltas: Iterable<StatsCellDelta>): Promise<void> {
      const rows = [...deltas].map((d) => ({
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
    },

    async markState(trx: Knex, now: Date, built: boolean): Promise<void> {
      if (built) {
        await trx(STATS_STATE_TABLE).delete();
        await trx(STATS_STATE_TABLE).insert({ id: STATE_ID, built_at: now, refreshed_at: now });
      } else {
        await trx(STATS_STATE_TABLE).where({ id: STATE_ID }).update({ refreshed_at: now });
      }
    },

    /** The cells of days [from, to) summed per township. */
    async sums(range: { from: number; to: number }): Promise<
      Array<{
        township: string;
        received: unknown;
        handled: unknown;
        rated: unknown;
        satisfied: unknown;
      }>
    > {
      return knex()(STATS_DAYS_TABLE)
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
    },

    /** The cells as stored, in key order. */
    async cells(): Promise<Array<Record<string, unknown>>> {
      return knex()(STATS_DAYS_TABLE).orderBy(['day', 'township']).select('*');
    },
  };
}
