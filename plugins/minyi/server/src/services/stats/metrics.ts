import type { Core } from '@strapi/strapi';
import { localDayNumberer, workingDayCounter, workingDayIndex } from '../../domain/local-days';
import {
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
import {
  COUNTY_KEY,
  HANDLED_SQL,
  ON_TIME_SQL,
  SATISFIED_SQL,
  itemMetricsRepository,
  type Grouping,
} from '../../repositories/item-metrics';
import { toDate } from '../../repositories/sql-rows';
import { minyiConfig, minyiService } from '../../plugin';
import { townshipOfPath } from '../../domain/grid-path';

export { COUNTY_KEY, HANDLED_SQL, ON_TIME_SQL, SATISFIED_SQL, type Grouping };

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

/**
 * Unit metrics for large data: one set-based, grouped statement per grouping (plus two small
 * per-day histograms for the working days), so the work stays in the database and only a row per
 * unit comes back. `countsInJs` computes the same counts by loading the rows — the reference the
 * tests and the benchmark compare against.
 */
const metrics = ({ strapi }: { strapi: Core.Strapi }) => {
  const statements = itemMetricsRepository(strapi);
  const zone = () => minyiConfig(strapi).timezone;
  const calendar = () => minyiService(strapi, 'calendar').get();

  /** The township code of an item: the second code of its grid path '/county/township/…/'. */
  const townshipSql = (): string => statements.townshipSql();

  /** The local day number of a datetime column, by constant-offset spans (epoch arithmetic on both dialects). */
  function localDayExpr(column: string, from: Date, to: Date): { sql: string; bindings: Date[] } {
    return statements.localDayExpr(column, from, to, zone());
  }

  const toNumber = (value: unknown) => Number(value ?? 0);

  async function countsInSql(
    bounds: Bounds,
    grouping: Grouping,
    options: CountOptions = {}
  ): Promise<Map<string, UnitCounts>> {
    const rows = await statements.countRows(bounds, grouping);
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
      const day = localDayExpr(column, new Date(bounds.start.getTime() - 86_400_000), spanEnd);
      const rows2 = await statements.dayHistogram(bounds, grouping, day);
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
    const rows = await statements.publicCountRows(bounds);
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
    const rows = await statements.periodRows(bounds);
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
    const { townships, departments } = await statements.units();
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
