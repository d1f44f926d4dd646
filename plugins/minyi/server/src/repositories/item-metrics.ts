import type { Core } from '@strapi/strapi';
import { offsetSpans } from '../domain/local-days';
import { HANDLED_STATUSES, NOT_RECEIVED_STATUSES, SATISFIED, type Bounds } from '../domain/metrics';

type Connection = Core.Strapi['db']['connection'];

/** How items are grouped: by township (top of the grid path), by lead department, or all together. */
export type Grouping = 'township' | 'department' | 'county';
/** The key of the single group of the 'county' grouping. */
export const COUNTY_KEY = '*';

export interface CountRow {
  unit: string | null;
  received: number | string;
  signed_off: number | string;
  handled: number | string;
  on_time: number | string;
  rated: number | string;
  satisfied: number | string;
  timed_handled: number | string;
  last_resolved: unknown;
}

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');
// Fixed vocabularies from the domain, never user input: safe to inline, and lets the planner see constants.
export const HANDLED_SQL = `i.state IN (${list(HANDLED_STATUSES)})`;
export const SATISFIED_SQL = `i.satisfaction IN (${list(SATISFIED)})`;
/** Handled by the (possibly extended) deadline: the on-time rate's numerator. */
export const ON_TIME_SQL = `${HANDLED_SQL} AND i.resolved_at IS NOT NULL AND (i.due_at IS NULL OR i.resolved_at <= i.due_at)`;

/**
 * The metrics' set-based statements over items (services/stats/metrics.ts adds them up): one
 * grouped statement per grouping, two per-day histograms for the working days, the public counts
 * in one statement, and the rows of a period for the JavaScript reference.
 */
export function itemMetricsRepository(strapi: Core.Strapi) {
  const knex = (): Connection => strapi.db.connection;
  const isPostgres = () => strapi.db.dialect.client === 'postgres';

  /** The township code of an item: the second code of its grid path '/county/township/…/'. */
  function townshipSql(): string {
    if (isPostgres()) return "NULLIF(split_part(i.grid_path, '/', 3), '')";
    const afterCounty = "substr(substr(i.grid_path, 2), instr(substr(i.grid_path, 2), '/') + 1)";
    return `NULLIF(substr(${afterCounty}, 1, instr(${afterCounty}, '/') - 1), '')`;
  }

  /** Items received in the period and not refused, with the grouping's unit column. */
  function receivedItems(db: Connection, bounds: Bounds, grouping: Grouping) {
    const query = db('items as i')
      .where('i.received_at', '>=', bounds.start)
      .where('i.received_at', '<', bounds.end)
      .whereNotIn('i.state', [...NOT_RECEIVED_STATUSES]);
    if (grouping === 'department') {
      query
        .join('items_lead_department_lnk as l', 'l.item_id', 'i.id')
        .join('departments as d', 'd.id', 'l.department_id');
    }
    // Fixed SQL text chosen here, never user input.
    const unit =
      grouping === 'township'
        ? townshipSql()
        : grouping === 'department'
          ? 'd.code'
          : `'${COUNTY_KEY}'`;
    return { query, unit };
  }

  /** The local day number of a datetime column, by constant-offset spans (epoch arithmetic on both dialects). */
  function localDayExpr(
    column: string,
    from: Date,
    to: Date,
    zone: string
  ): { sql: string; bindings: Date[] } {
    const spans = offsetSpans(from, to, zone);
    const epochMs = isPostgres() ? `(extract(epoch from ${column}) * 1000)` : column;
    const day = (offsetMs: number) =>
      isPostgres()
        ? `floor((${epochMs} + ${offsetMs}) / 86400000)::integer`
        : `CAST((${epochMs} + ${offsetMs}) / 86400000 AS INTEGER)`;
    if (spans.length === 1) return { sql: day(spans[0].offsetMs), bindings: [] };
    const cases = spans.slice(0, -1).map((span) => `WHEN ${column} < ? THEN ${day(span.offsetMs)}`);
    return {
      sql: `CASE ${cases.join(' ')} ELSE ${day(spans[spans.length - 1].offsetMs)} END`,
      bindings: spans.slice(0, -1).map((s) => new Date(s.until)),
    };
  }

  return {
    townshipSql,
    localDayExpr,

    /** The counts of the period per unit of the grouping (the county: one group). */
    async countRows(bounds: Bounds, grouping: Grouping): Promise<CountRow[]> {
      const db = knex();
      const { query, unit } = receivedItems(db, bounds, grouping);
      // One group per unit; the county is a single group (a GROUP BY on a constant is not portable).
      if (grouping !== 'county') query.groupByRaw('1');
      return query.select(
        db.raw(`${unit} AS unit`),
        db.raw('count(*) AS received'),
        db.raw('count(i.accepted_at) AS signed_off'),
        db.raw(`sum(CASE WHEN ${HANDLED_SQL} THEN 1 ELSE 0 END) AS handled`),
        db.raw(`sum(CASE WHEN ${ON_TIME_SQL} THEN 1 ELSE 0 END) AS on_time`),
        db.raw('count(i.satisfaction) AS rated'),
        db.raw(`sum(CASE WHEN ${SATISFIED_SQL} THEN 1 ELSE 0 END) AS satisfied`),
        db.raw(
          `sum(CASE WHEN ${HANDLED_SQL} AND i.resolved_at IS NOT NULL THEN 1 ELSE 0 END) AS timed_handled`
        ),
        db.raw(`max(CASE WHEN ${HANDLED_SQL} THEN i.resolved_at END) AS last_resolved`)
      );
    },

    /** Timed handled items of the period per (unit, local day of `column`). */
    async dayHistogram(
      bounds: Bounds,
      grouping: Grouping,
      day: { sql: string; bindings: Date[] }
    ): Promise<Array<{ unit: string | null; day: number | string; n: number | string }>> {
      const db = knex();
      const histogram = receivedItems(db, bounds, grouping);
      return histogram.query
        .whereRaw(HANDLED_SQL)
        .whereNotNull('i.resolved_at')
        .select(
          db.raw(`${histogram.unit} AS unit`),
          db.raw(`${day.sql} AS day`, day.bindings),
          db.raw('count(*) AS n')
        )
        .groupByRaw(grouping === 'county' ? '2' : '1, 2');
    },

    /** Received, handled, rated, satisfied per township (null: none) in one grouped statement. */
    async publicCountRows(bounds: Bounds): Promise<
      Array<{
        unit: string | null;
        received: number | string;
        handled: number | string;
        rated: number | string;
        satisfied: number | string;
      }>
    > {
      const db = knex();
      const { query, unit } = receivedItems(db, bounds, 'township');
      return query
        .groupByRaw('1')
        .select(
          db.raw(`${unit} AS unit`),
          db.raw('count(*) AS received'),
          db.raw(`sum(CASE WHEN ${HANDLED_SQL} THEN 1 ELSE 0 END) AS handled`),
          db.raw('count(i.satisfaction) AS rated'),
          db.raw(`sum(CASE WHEN ${SATISFIED_SQL} THEN 1 ELSE 0 END) AS satisfied`)
        );
    },

    /** Every item received in the period with what the metrics read of it (the JavaScript reference). */
    async periodRows(bounds: Bounds): Promise<Array<Record<string, unknown>>> {
      return knex()('items as i')
        .leftJoin('items_lead_department_lnk as l', 'l.item_id', 'i.id')
        .leftJoin('departments as d', 'd.id', 'l.department_id')
        .where('i.received_at', '>=', bounds.start)
        .where('i.received_at', '<', bounds.end)
        .select(
          'i.state',
          'i.received_at',
          'i.accepted_at',
          'i.resolved_at',
          'i.due_at',
          'i.satisfaction',
          'i.grid_path',
          'd.code as department'
        );
    },

    /** Every township and department, by code. */
    async units(): Promise<{
      townships: Array<{ code: string; name: string }>;
      departments: Array<{ code: string; name: string }>;
    }> {
      const db = knex();
      const townships: Array<{ code: string; name: string }> = await db('grids')
        .where('level', 'township')
        .orderBy('code')
        .select('code', 'name');
      const departments: Array<{ code: string; name: string }> = await db('departments')
        .orderBy('code')
        .select('code', 'name');
      return { townships, departments };
    },
  };
}
