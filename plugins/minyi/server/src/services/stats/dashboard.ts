import type { Core } from '@strapi/strapi';
import type {
  DashboardCountRow,
  DashboardData,
  DashboardFigures,
  DashboardItemLink,
  DashboardNoticeLink,
  DashboardScope,
  DashboardTrendPoint,
  DashboardUnitRow,
  HomeFigures,
} from '../../../../shared/dashboard';
import type { ItemScope } from '../../domain/access-scope';
import type { DashboardPeriod } from '../../domain/dashboard-query';
import { periodBounds, periodKey } from '../../domain/job-period';
import { CHANNEL_LABELS_ZH } from '../../domain/labels';
import {
  ZERO_COUNTS,
  addCounts,
  rankUnits,
  ratesOf,
  type Bounds,
  type UnitCounts,
  type UnitMetrics,
} from '../../domain/metrics';
import { ITEM_CHANNELS, type ItemChannel } from '../../domain/partner-channel';
import { dayRangeOf } from '../../domain/stats-days';
import {
  monthAfter,
  monthNumberOfKey,
  monthRangeOf,
  type MonthRange,
} from '../../domain/dashboard-cells';
import {
  dashboardItemsRepository,
  type DashboardCountRow as CountRow,
  type DashboardFilter as Filter,
} from '../../repositories/dashboard-items';
import { toDate } from '../../repositories/sql-rows';
import { minyiConfig, minyiService } from '../../plugin';
import { Refusal } from '../../refusal';
import type { MetricsService } from './metrics';
import type { StatsAggregateService } from './stats-aggregate';
import type { CellSum, DashboardCellsService } from './dashboard-cells';
import { pathCodes, townshipOfPath } from '../../domain/grid-path';

/** Refused before anything is computed: the caller has no unit (no staff record, no county role). */
const noUnit = () =>
  new Refusal(403, 'NO_UNIT', {
    zh: '您的账号没有关联单位,无法查看数据看板',
    en: 'your account has no unit, so there is no dashboard to show',
  });

/** What is kept per (period, scope): the answer but for what is read fresh each time. */
type KeptFigures = Omit<DashboardData, 'timeZone' | 'calendarStatus'>;

/** Where the counts come from: the month cells when they serve the scope and period (auto), or the items (tests compare). */
export type DashboardSource = 'auto' | 'items';
/** The answer's `countedFrom` when counted from the items (a word of the answer, not the table). */
const COUNTED_FROM_ITEMS: DashboardData['countedFrom'] = `items`;

const ITEM_LIST_LIMIT = 10;
const TOP_CATEGORIES = 10;
const SOON_MS = 24 * 3_600_000;
const n = (value: unknown) => Number(value ?? 0);

const countsOfSum = (sum: CellSum): UnitCounts => ({
  ...ZERO_COUNTS,
  received: sum.received,
  signedOff: sum.signedOff,
  handled: sum.handled,
  onTime: sum.onTime,
  rated: sum.rated,
  satisfied: sum.satisfied,
});

const countsOf = (row: CountRow): UnitCounts => ({
  ...ZERO_COUNTS,
  received: n(row.received),
  signedOff: n(row.signed_off),
  handled: n(row.handled),
  onTime: n(row.on_time),
  rated: n(row.rated),
  satisfied: n(row.satisfied),
});

function figuresOf(counts: UnitCounts, escalated: number): DashboardFigures {
  const rates = ratesOf(counts);
  return {
    received: counts.received,
    handled: counts.handled,
    resolutionRate: rates.resolutionRate,
    onTimeRate: rates.onTimeRate,
    satisfactionRate: rates.satisfactionRate,
    escalated,
  };
}

const unitRow = (m: UnitMetrics): DashboardUnitRow => ({
  code: m.unit.code,
  name: m.unit.name,
  received: m.counts.received,
  handled: m.counts.handled,
  resolutionRate: m.resolutionRate,
  onTimeRate: m.onTimeRate,
  satisfactionRate: m.satisfactionRate,
  rank: m.rank,
});

/**
 * 数据看板: every figure by the metrics' own definition (HANDLED_SQL, ON_TIME_SQL, SATISFIED_SQL,
 * rankUnits and ratesOf, and countItem for the month cells — what the reports, bulletins and
 * GET /api/stats use), never from item rows loaded here. The county and a whole township, for a
 * month, quarter or year, are summed from the dashboard's month cells (dashboard-cells.ts); a
 * village grid, a department or a range of days count their items with grouped statements (the
 * trend of a county or township from the public stats' day cells). Answers are kept per (period,
 * scope) as long as GET /api/stats keeps its answers.
 */
const dashboard = ({ strapi }: { strapi: Core.Strapi }) => {
  const items = dashboardItemsRepository(strapi);
  const zone = () => minyiConfig(strapi).timezone;
  const audit = () => minyiConfig(strapi).audit;
  const metrics = (): MetricsService => minyiService(strapi, 'metrics');
  const aggregate = (): StatsAggregateService => minyiService(strapi, 'stats-aggregate');
  const cells = (): DashboardCellsService => minyiService(strapi, 'dashboard-cells');
  const settings = () => minyiService(strapi, 'settings');
  const cache = new Map<string, { expires: number; value: Promise<KeptFigures> }>();

  /** The caller's item scope as the dashboard shows it (a township officer's grid is a township). */
  async function resolveScope(
    scope: ItemScope
  ): Promise<{ filter: Filter; shown: DashboardScope }> {
    if (scope.kind === 'none') throw noUnit();
    if (scope.kind === 'county') return { filter: { kind: 'county' }, shown: { kind: 'county' } };
    if (scope.kind === 'department') {
      const row = await items.department(scope.departmentId);
      return {
        filter: { kind: 'department', id: scope.departmentId },
        shown: { kind: 'department', code: row?.code ?? '', name: row?.name ?? '' },
      };
    }
    const grid = await items.grid(scope.gridPath);
    const codes = pathCodes(scope.gridPath);
    const township = townshipOfPath(scope.gridPath);
    const filter: Filter = {
      kind: 'grid',
      path: scope.gridPath,
      township,
      wholeTownship: codes.length === 2,
    };
    if (grid?.level === 'township')
      return { filter, shown: { kind: 'township', code: grid.code, name: grid.name } };
    return { filter, shown: { kind: 'grid', path: scope.gridPath, name: grid?.name ?? '' } };
  }

  const filterKey = (filter: Filter) =>
    filter.kind === 'county' ? '*' : filter.kind === 'grid' ? `g:${filter.path}` : `d:${filter.id}`;

  /** One grouped statement: counts per (township, lead department) of the period. */
  async function unitCounts(bounds: Bounds, filter: Filter): Promise<CountRow[]> {
    return items.unitCounts(bounds, filter, metrics().townshipSql());
  }

  /** The headline counts of a period alone (the previous period needs no breakdown). */
  async function totalCounts(bounds: Bounds, filter: Filter): Promise<CountRow> {
    return items.totalCounts(bounds, filter);
  }

  async function channelAndCategoryCounts(bounds: Bounds, filter: Filter) {
    return items.channelAndCategoryCounts(bounds, filter);
  }

  /** 12 months of received / handled: from the day cells (county, township), else counted directly. */
  async function trend(months: string[], filter: Filter): Promise<DashboardTrendPoint[]> {
    const bounds = months.map((key) => periodBounds(key, zone(), { unit: 'month' }) as Bounds);
    const span: Bounds = { start: bounds[0].start, end: bounds[bounds.length - 1].end };
    const totals = months.map(() => ({ received: 0, handled: 0 }));
    const range = dayRangeOf(span, zone());
    const township = filter.kind === 'grid' ? filter.township : null;
    // The cells are per township: they serve the county and a whole township, not a village or a department.
    const cellsServe = filter.kind === 'county' || (filter.kind === 'grid' && filter.wholeTownship);
    if (cellsServe && range) {
      await aggregate().refresh();
      const rows = await items.dayCellSums(range, township);
      const monthRanges = bounds.map((b) => dayRangeOf(b, zone()));
      for (const row of rows) {
        const day = n(row.day);
        const index = monthRanges.findIndex((r) => r !== null && day >= r.from && day < r.to);
        if (index < 0) continue;
        totals[index].received += n(row.received);
        totals[index].handled += n(row.handled);
      }
    } else {
      const day = metrics().localDayExpr('i.received_at', span.start, span.end);
      const rows = await items.receivedByDay(span, filter, day);
      const dayOf = metrics().localDayNumberer();
      const starts = bounds.map((b) => dayOf(b.start));
      for (const row of rows) {
        let index = -1;
        starts.forEach((start, i) => {
          if (n(row.day) >= start) index = i;
        });
        if (index < 0) continue;
        totals[index].received += n(row.received);
        totals[index].handled += n(row.handled);
      }
    }
    return months.map((month, i) => ({
      month,
      ...totals[i],
      resolutionRate: totals[i].received > 0 ? totals[i].handled / totals[i].received : null,
    }));
  }

  async function openItems(
    filter: Filter,
    now: Date,
    which: 'overdue' | 'soon'
  ): Promise<{ count: number; items: DashboardItemLink[] }> {
    const { count, rows } = await items.openItems(filter, now, which, {
      limit: ITEM_LIST_LIMIT,
      soonMs: SOON_MS,
    });
    return {
      count: n(count),
      items: rows.map((row) => ({
        documentId: row.document_id,
        trackingCode: row.tracking_code,
        title: row.title,
        dueAt: toDate(row.due_at)?.toISOString() ?? null,
        state: row.state,
      })),
    };
  }

  /** Rectification notices past their rectify-by date and not yet rectified, addressed to the scope. */
  async function overdueRectifications(filter: Filter, now: Date): Promise<DashboardNoticeLink[]> {
    const today = periodKey(now, zone(), { unit: 'day' });
    const where: Record<string, unknown> = {
      kind: 'rectification',
      state: { $in: ['issued', 'acknowledged', 'returned'] },
      rectifyBy: { $lt: today },
    };
    if (filter.kind === 'grid' && filter.township) where.targetGrids = { code: filter.township };
    if (filter.kind === 'department') where.targetDepartments = { id: filter.id };
    const rows = await items.noticesByRectifyBy(where, ITEM_LIST_LIMIT * 5);
    return rows.map((row) => ({
      documentId: row.documentId,
      title: row.title,
      rectifyBy: row.rectifyBy,
      state: row.state,
    }));
  }

  interface Breakdown {
    total: UnitCounts;
    escalated: number;
    townships: Map<string, UnitCounts>;
    /** By lead department code. */
    departments: Map<string, UnitCounts>;
    previous: UnitCounts;
    previousEscalated: number;
    channels: Map<string, { received: number; handled: number }>;
    /** By category code, with its name. */
    categories: Map<string, { label: string; received: number; handled: number }>;
    trend: DashboardTrendPoint[];
  }

  /** Counted from the period's items (a village grid, a department, or a range of days). */
  async function fromItems(period: DashboardPeriod, filter: Filter): Promise<Breakdown> {
    // Independent statements: on PostgreSQL they run side by side on the pool's connections.
    const [byUnit, previousRow, byChannel, trendPoints] = await Promise.all([
      unitCounts(period.bounds, filter),
      totalCounts(period.previous, filter),
      channelAndCategoryCounts(period.bounds, filter),
      trend(period.trendMonths, filter),
    ]);
    let total: UnitCounts = { ...ZERO_COUNTS };
    let escalated = 0;
    const townships = new Map<string, UnitCounts>();
    const departments = new Map<string, UnitCounts>();
    for (const row of byUnit) {
      const counts = countsOf(row);
      total = addCounts(total, counts);
      escalated += n(row.escalated);
      if (row.township)
        townships.set(row.township, addCounts(townships.get(row.township) ?? ZERO_COUNTS, counts));
      if (row.department)
        departments.set(
          row.department,
          addCounts(departments.get(row.department) ?? ZERO_COUNTS, counts)
        );
    }
    const channels = new Map<string, { received: number; handled: number }>();
    const categories = new Map<string, { label: string; received: number; handled: number }>();
    for (const row of byChannel) {
      const c = channels.get(row.channel) ?? { received: 0, handled: 0 };
      c.received += n(row.received);
      c.handled += n(row.handled);
      channels.set(row.channel, c);
      // Top categories rank categorised items; an item without a category is in no row.
      if (row.category_code === null) continue;
      const key = row.category_code;
      const k = categories.get(key) ?? { label: row.category_name ?? '', received: 0, handled: 0 };
      k.received += n(row.received);
      k.handled += n(row.handled);
      categories.set(key, k);
    }
    return {
      total,
      escalated,
      townships,
      departments,
      previous: countsOf(previousRow),
      previousEscalated: n(previousRow.escalated),
      channels,
      categories,
      trend: trendPoints,
    };
  }

  /**
   * Summed from the month cells (dashboard-cells.ts), brought up to date first (`prepare`, by the
   * caller): the county or a whole township, for periods of whole months. ≤ 12 × townships × units
   * rows per statement.
   */
  async function fromCells(
    period: DashboardPeriod,
    township: string | null,
    range: MonthRange,
    previousRange: MonthRange
  ): Promise<Breakdown> {
    const trendRange: MonthRange = {
      from: monthNumberOfKey(period.trendMonths[0]),
      to: monthAfter(monthNumberOfKey(period.trendMonths[period.trendMonths.length - 1])),
    };
    const [byTownship, byDepartment, previousRows, byChannel, byCategory, byMonth, names] =
      await Promise.all([
        cells().sums('total', range, township, 'township'),
        cells().sums('department', range, township, 'unit_key'),
        cells().sums('total', previousRange, township, 'month'),
        cells().sums('channel', range, township, 'unit_key'),
        cells().sums('category', range, township, 'unit_key'),
        cells().sums('total', trendRange, township, 'month'),
        unitNames(),
      ]);
    let total: UnitCounts = { ...ZERO_COUNTS };
    let escalated = 0;
    const townships = new Map<string, UnitCounts>();
    for (const sum of byTownship) {
      const counts = countsOfSum(sum);
      total = addCounts(total, counts);
      escalated += sum.escalated;
      if (sum.group !== '') townships.set(sum.group, counts);
    }
    const departments = new Map<string, UnitCounts>();
    for (const sum of byDepartment) {
      const code = names.departments.get(sum.group);
      if (code !== undefined) departments.set(code, countsOfSum(sum));
    }
    let previous: UnitCounts = { ...ZERO_COUNTS };
    let previousEscalated = 0;
    for (const sum of previousRows) {
      previous = addCounts(previous, countsOfSum(sum));
      previousEscalated += sum.escalated;
    }
    const channels = new Map(
      byChannel.map((sum) => [sum.group, { received: sum.received, handled: sum.handled }])
    );
    const categories = new Map<string, { label: string; received: number; handled: number }>();
    for (const sum of byCategory) {
      const category = names.categories.get(sum.group);
      if (category)
        categories.set(category.code, {
          label: category.name,
          received: sum.received,
          handled: sum.handled,
        });
    }
    const monthly = new Map(byMonth.map((sum) => [Number(sum.group), sum]));
    const trendPoints = period.trendMonths.map((month) => {
      const sum = monthly.get(monthNumberOfKey(month));
      const received = sum?.received ?? 0;
      const handled = sum?.handled ?? 0;
      return { month, received, handled, resolutionRate: received > 0 ? handled / received : null };
    });
    return {
      total,
      escalated,
      townships,
      departments,
      previous,
      previousEscalated,
      channels,
      categories,
      trend: trendPoints,
    };
  }

  /** Department codes and category codes / names by id (the cells key them by id). */
  async function unitNames() {
    const [departments, categories] = await items.unitCodes();
    return {
      departments: new Map(departments.map((d) => [String(d.id), d.code])),
      categories: new Map(categories.map((c) => [String(c.id), c])),
    };
  }

  /** The cells serve the county and a whole township, for periods (and previous ones) of whole months. */
  function cellPlan(period: DashboardPeriod, filter: Filter) {
    const township =
      filter.kind === 'county'
        ? null
        : filter.kind === 'grid' && filter.wholeTownship
          ? filter.township
          : undefined;
    if (township === undefined) return null;
    const range = monthRangeOf(period.bounds, zone());
    const previousRange = monthRangeOf(period.previous, zone());
    return range && previousRange ? { township, range, previousRange } : null;
  }

  async function compute(
    period: DashboardPeriod,
    filter: Filter,
    shown: DashboardScope,
    now: Date,
    source: DashboardSource = 'auto'
  ) {
    const { minSample } = audit();
    const planned = source === 'auto' ? cellPlan(period, filter) : null;
    // Cells not built yet (or being built): their build runs in the background and this answer is
    // counted from the items — the same figures, without waiting for a build of every item.
    const plan = planned && (await cells().prepare()) ? planned : null;
    const [breakdown, overdue, soon, rectifications, units] = await Promise.all([
      plan
        ? fromCells(period, plan.township, plan.range, plan.previousRange)
        : fromItems(period, filter),
      openItems(filter, now, 'overdue'),
      openItems(filter, now, 'soon'),
      overdueRectifications(filter, now),
      metrics().units(),
    ]);
    const { total, escalated, townships, departments, channels, categories } = breakdown;
    // A township's dashboard lists its own township; a department's, the townships its items are in.
    const shownTownships =
      filter.kind === 'grid'
        ? units.townships.filter((t) => t.code === filter.township)
        : filter.kind === 'department'
          ? units.townships.filter((t) => townships.has(t.code))
          : units.townships;
    const shownDepartments =
      filter.kind === 'county'
        ? units.departments
        : units.departments.filter((d) => departments.has(d.code));

    // Every channel of the list, a channel without items in the period with zeros (and a stored
    // channel the list no longer has, should there be one, with its own counts).
    const channelCounts = new Map<string, { received: number; handled: number }>(
      ITEM_CHANNELS.map((channel) => [channel, { received: 0, handled: 0 }])
    );
    for (const [key, c] of channels) channelCounts.set(key, c);
    const channelRows: DashboardCountRow[] = [...channelCounts]
      .map(([key, c]) => ({ key, label: CHANNEL_LABELS_ZH[key as ItemChannel] ?? key, ...c }))
      .sort((a, b) => b.received - a.received || a.key.localeCompare(b.key));
    const categoryRows: DashboardCountRow[] = [...categories]
      .map(([key, c]) => ({ key, label: c.label, received: c.received, handled: c.handled }))
      .sort((a, b) => b.received - a.received || a.key.localeCompare(b.key))
      .slice(0, TOP_CATEGORIES);

    const data: KeptFigures = {
      period: {
        unit: period.unit,
        key: period.key,
        start: period.bounds.start.toISOString(),
        end: period.bounds.end.toISOString(),
        previousKey: period.previousKey,
        previousStart: period.previous.start.toISOString(),
        previousEnd: period.previous.end.toISOString(),
      },
      scope: shown,
      minSample,
      current: figuresOf(total, escalated),
      previous: figuresOf(breakdown.previous, breakdown.previousEscalated),
      overdueNow: overdue.count,
      dueSoonNow: soon.count,
      trend: breakdown.trend,
      townships: rankUnits(shownTownships, townships, { minSample }).map(unitRow),
      departments: rankUnits(shownDepartments, departments, { minSample }).map(unitRow),
      channels: channelRows,
      categories: categoryRows,
      overdueItems: overdue.items,
      dueSoonItems: soon.items,
      overdueRectifications: rectifications,
      computedAt: now.toISOString(),
      countedFrom: plan ? 'cells' : COUNTED_FROM_ITEMS,
    };
    return data;
  }

  return {
    resolveScope,

    /** The dashboard of a period for an item scope; kept `MINYI_STATS_CACHE_SECONDS` per (period, scope). */
    async data(
      period: DashboardPeriod,
      scope: ItemScope,
      now: Date = new Date(),
      options: { source?: DashboardSource } = {}
    ): Promise<DashboardData> {
      const { filter, shown } = await resolveScope(scope);
      // Of this answer, not of the kept figures: a year entered in the settings shows at once.
      const current = { timeZone: zone(), calendarStatus: settings().calendarStatus(now) };
      const ttl = audit().statsCacheSeconds * 1000;
      if (ttl === 0 || options.source)
        return { ...(await compute(period, filter, shown, now, options.source)), ...current };
      const key = `${period.key}|${filterKey(filter)}`;
      const at = now.getTime();
      const hit = cache.get(key);
      if (hit && hit.expires > at) return { ...(await hit.value), ...current };
      for (const [k, entry] of cache) if (entry.expires <= at) cache.delete(k);
      const value = compute(period, filter, shown, now);
      cache.set(key, { expires: at + ttl, value });
      value.catch(() => cache.delete(key));
      return { ...(await value), ...current };
    },

    /** The home page widgets: open and overdue items of the caller's unit, this month's rates. */
    async home(scope: ItemScope, now: Date = new Date()): Promise<HomeFigures> {
      const { filter, shown } = await resolveScope(scope);
      const month = periodKey(now, zone(), { unit: 'month' });
      const bounds = periodBounds(month, zone(), { unit: 'month' }) as Bounds;
      const [openCount, overdue, totals] = await Promise.all([
        items.openCount(filter),
        openItems(filter, now, 'overdue'),
        totalCounts(bounds, filter),
      ]);
      const rates = ratesOf(countsOf(totals));
      return {
        scope: shown,
        month,
        open: n(openCount),
        overdue: overdue.count,
        resolutionRate: rates.resolutionRate,
        satisfactionRate: rates.satisfactionRate,
      };
    },

    /** Forget every kept answer (tests, the benchmark's cold runs). */
    clearCache(): void {
      cache.clear();
    },
  };
};

export type DashboardService = ReturnType<typeof dashboard>;
export default dashboard;
