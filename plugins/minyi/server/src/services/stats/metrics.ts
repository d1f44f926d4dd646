import type { Core } from '@strapi/strapi';
import {
  localDayNumberer,
  offsetSpans,
  workingDayCounter,
  workingDayIndex,
} from '../../domain/local-days';
import {
  HANDLED_STATUSES,
  NOT_RECEIVED_STATUSES,
  SATISFIED,
  ZERO_COUNTS,
  addCounts,
  countByUnit,
  rankUnits,
  ratesOf,
  type Bounds,
  type MetricItem,
  type Satisfaction,
  type SpotCheckCounts,
  type Unit,
  type UnitCounts,
  type UnitMetrics,
  type UnitRates,
} from '../../domain/metrics';
import type { ItemStatus } from '../../domain/vocabulary';
import { toDate } from '../../repositories/sql-rows';
import { minyiConfig, minyiService } from '../../plugin';
import { townshipOfPath } from '../../domain/grid-path';

type Connection = Core.Strapi['db']['connection'];

/** How items are grouped: by township (top of the grid path), by lead department, or all together. */
export type Grouping = 'township' | 'department' | 'county';
/** The key of the single group of the 'county' grouping. */
export const COUNTY_KEY = '*';

export interface CountOptions {
  /** Also sum the working days to resolve (two more grouped statements). Default true. */
  workingDays?: boolean;
  /** Keep the group of items without a unit under UNASSIGNED_KEY (the county is then the sum of all groups). */
  includeUnassigned?: boolean;
}

/** The key of the items without a township / department, when asked for. */
export const UNASSIGNED_KEY = '';

export interface SpotCheckByUnit {
  townships: ReadonlyMap<string, SpotCheckCounts>;
  departments: ReadonlyMap<string, SpotCheckCounts>;
}

export interface MetricsReport {
  bounds: { start: string; end: string };
  county: UnitCounts & UnitRates;
  townships: UnitMetrics[];
  departments: UnitMetrics[];
}

interface CountRow {
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
 * Unit metrics for large data: one set-based, grouped statement per grouping (plus two small
 * per-day histograms for the working days), so the work stays in the database and only a row per
 * unit comes back. `countsInJs` computes the same counts by loading the rows — the reference the
 * tests and the benchmark compare against.
 */
const metrics = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const isPostgres = () => strapi.db.dialect.client === 'postgres';
  const zone = () => minyiConfig(strapi).timezone;
  const calendar = () => minyiService(strapi, 'calendar').get();

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
  function localDayExpr(column: string, from: Date, to: Date): { sql: string; bindings: Date[] } {
    const spans = offsetSpans(from, to, zone());
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

  const toNumber = (value: unknown) => Number(value ?? 0);

  async function countsInSql(
    bounds: Bounds,
    grouping: Grouping,
    options: CountOptions = {}
  ): Promise<Map<string, UnitCounts>> {
    const db = knex();
    const { query, unit } = receivedItems(db, bounds, grouping);
    // One group per unit; the county is a single group (a GROUP BY on a constant is not portable).
    if (grouping !== 'county') query.groupByRaw('1');
    const rows: CountRow[] = await query.select(
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
    const byUnit = new Map<string, UnitCounts>();
    let lastResolved = bounds.end;
    for (const row of rows) {
      const unitless = row.unit === null || row.unit === '';
      if ((unitless && !options.includeUnassigned) || Number(row.received) === 0) continue;
      byUnit.set(unitless ? UNASSIGNED_KEY : String(row.unit), {
        received: toNumber(row.received),
        signedOff: toNumber(row.signed_off),
        handled: toNumber(row.handled),
        onTime: toNumber(row.on_time),
        rated: toNumber(row.rated),
        satisfied: toNumber(row.satisfied),
        timedHandled: toNumber(row.timed_handled),
        workingDaysToResolve: 0,
      });
      const last = toDate(row.last_resolved);
      if (last && last > lastResolved) lastResolved = last;
    }
    if (options.workingDays === false || byUnit.size === 0) return byUnit;

    // Σ (W(resolved day) − W(received day)) from two per-(unit, local day) histograms of the timed handled items.
    const counter = workingDayCounter(calendar());
    const spanEnd = new Date(lastResolved.getTime() + 2 * 86_400_000);
    for (const [column, sign] of [
      ['i.resolved_at', 1],
      ['i.received_at', -1],
    ] as const) {
      const histogram = receivedItems(db, bounds, grouping);
      const day = localDayExpr(column, new Date(bounds.start.getTime() - 86_400_000), spanEnd);
      const rows2: Array<{ unit: string | null; day: number | string; n: number | string }> =
        await histogram.query
          .whereRaw(HANDLED_SQL)
          .whereNotNull('i.resolved_at')
          .select(
            db.raw(`${histogram.unit} AS unit`),
            db.raw(`${day.sql} AS day`, day.bindings),
            db.raw('count(*) AS n')
          )
          .groupByRaw(grouping === 'county' ? '2' : '1, 2');
      for (const row of rows2) {
        const counts = byUnit.get(
          row.unit === null || row.unit === '' ? UNASSIGNED_KEY : String(row.unit)
        );
        if (counts)
          counts.workingDaysToResolve += sign * counter(toNumber(row.day)) * toNumber(row.n);
      }
    }
    return byUnit;
  }

  /**
   * What the public stats need (received, handled, rated, satisfied) per township and county-wide,
   * in ONE grouped statement: the county is the sum of every group, including items without a
   * township (the counts are additive). It reads only columns the items_metrics_idx index covers.
   */
  async function publicCountsInSql(
    bounds: Bounds
  ): Promise<{ townships: Map<string, UnitCounts>; county: UnitCounts }> {
    const db = knex();
    const { query, unit } = receivedItems(db, bounds, 'township');
    const rows: Array<{
      unit: string | null;
      received: number | string;
      handled: number | string;
      rated: number | string;
      satisfied: number | string;
    }> = await query
      .groupByRaw('1')
      .select(
        db.raw(`${unit} AS unit`),
        db.raw('count(*) AS received'),
        db.raw(`sum(CASE WHEN ${HANDLED_SQL} THEN 1 ELSE 0 END) AS handled`),
        db.raw('count(i.satisfaction) AS rated'),
        db.raw(`sum(CASE WHEN ${SATISFIED_SQL} THEN 1 ELSE 0 END) AS satisfied`)
      );
    const townships = new Map<string, UnitCounts>();
    let county: UnitCounts = { ...ZERO_COUNTS };
    for (const row of rows) {
      const counts = {
        ...ZERO_COUNTS,
        received: toNumber(row.received),
        handled: toNumber(row.handled),
        rated: toNumber(row.rated),
        satisfied: toNumber(row.satisfied),
      };
      county = addCounts(county, counts);
      if (row.unit !== null && row.unit !== '') townships.set(String(row.unit), counts);
    }
    return { townships, county };
  }

  /** The same counts by loading every row of the period and adding up in JavaScript (reference / benchmark). */
  async function countsInJs(bounds: Bounds, grouping: Grouping): Promise<Map<string, UnitCounts>> {
    const db = knex();
    const rows: Array<Record<string, unknown>> = await db('items as i')
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
    type Row = MetricItem & { township: string | null; department: string | null };
    const items: Row[] = rows.map((row) => ({
      state: row.state as ItemStatus,
      receivedAt: toDate(row.received_at) as Date,
      acceptedAt: toDate(row.accepted_at),
      resolvedAt: toDate(row.resolved_at),
      dueAt: toDate(row.due_at),
      satisfaction: (row.satisfaction as Satisfaction | null) ?? null,
      township: townshipOfPath(String(row.grid_path ?? '')),
      department: (row.department as string | null) ?? null,
    }));
    const unitsOf = (item: Row): string[] => {
      if (grouping === 'county') return [COUNTY_KEY];
      const unit = item[grouping];
      return unit ? [unit] : [];
    };
    return countByUnit(items, bounds, unitsOf, workingDayIndex(calendar()));
  }

  async function units(): Promise<{ townships: Unit[]; departments: Unit[] }> {
    const db = knex();
    const townships: Array<{ code: string; name: string }> = await db('grids')
      .where('level', 'township')
      .orderBy('code')
      .select('code', 'name');
    const departments: Array<{ code: string; name: string }> = await db('departments')
      .orderBy('code')
      .select('code', 'name');
    return {
      townships: townships.map((t) => ({ kind: 'township', code: t.code, name: t.name })),
      departments: departments.map((d) => ({ kind: 'department', code: d.code, name: d.name })),
    };
  }

  return {
    countsInSql,
    publicCountsInSql,
    countsInJs,
    units,
    // SQL pieces the public stats' day cells (stats-aggregate) are computed with, so both read items alike.
    townshipSql,
    localDayExpr,
    localDayNumberer: () => localDayNumberer(zone()),

    /** Every township and department (listed even without items), ranked, with the county total. */
    async report(
      bounds: Bounds,
      spotChecks: SpotCheckByUnit = { townships: new Map(), departments: new Map() }
    ): Promise<MetricsReport> {
      const { minSample } = minyiConfig(strapi).audit;
      const { townships, departments } = await units();
      // Two statements' worth, not three: every item is in exactly one township group (or none), so
      // the county is the sum of the township groups including the items without a township.
      const withUnassigned = await countsInSql(bounds, 'township', { includeUnassigned: true });
      const byDepartment = await countsInSql(bounds, 'department');
      const countyCounts = [...withUnassigned.values()].reduce(addCounts, { ...ZERO_COUNTS });
      const byTownship = new Map([...withUnassigned].filter(([code]) => code !== UNASSIGNED_KEY));
      return {
        bounds: { start: bounds.start.toISOString(), end: bounds.end.toISOString() },
        county: { ...countyCounts, ...ratesOf(countyCounts) },
        townships: rankUnits(townships, byTownship, { minSample }, spotChecks.townships),
        departments: rankUnits(departments, byDepartment, { minSample }, spotChecks.departments),
      };
    },
  };
};

export type MetricsService = ReturnType<typeof metrics>;
export default metrics;
