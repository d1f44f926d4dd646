import { DateTime } from 'luxon';
import { localDayNumberer } from './local-days';
import { NOT_RECEIVED_STATUSES, countItem, type Bounds, type Satisfaction } from './metrics';
import type { ItemStatus } from './vocabulary';
import { townshipOfPath } from './grid-path';

/**
 * The dashboard's pre-aggregated cells: per (local month received, township, facet, unit key) the
 * counts of the items received that month and not refused — the same counts the metrics define
 * (countItem), plus "escalated at least once". Each counted item is in four cells, one per facet:
 * `total` (key ''), its lead `department` (id, '' = none), its `channel` ('' = none) and its
 * `category` (id, '' = none). A period of whole local months (every month, quarter and year the
 * dashboard offers) is the sum of ≤ 12 × townships × units rows instead of a scan of its items.
 *
 * What an item adds is remembered per item (its "member" row), so a refresh subtracts what a
 * changed item added before and adds what it adds now, whatever changed — its state, its
 * times, its grid or a relation row.
 */

export const DASHBOARD_FACETS = ['total', 'department', 'channel', 'category'] as const;
export type DashboardFacet = (typeof DASHBOARD_FACETS)[number];

/** What the cells read of an item (and of its lead-department and category links). */
export interface CellSourceRow {
  readonly itemId: number;
  readonly receivedAt: Date | null;
  readonly state: string | null;
  readonly acceptedAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly dueAt: Date | null;
  readonly satisfaction: string | null;
  readonly escalationCount: number | null;
  readonly channel: string | null;
  readonly gridPath: string | null;
  readonly departmentId: number | null;
  readonly categoryId: number | null;
}

/** The counts an item adds to each of its cells (0 or 1 each). */
export interface CellFlags {
  received: number;
  signedOff: number;
  handled: number;
  onTime: number;
  rated: number;
  satisfied: number;
  escalated: number;
}

export const CELL_FLAGS: ReadonlyArray<keyof CellFlags> = [
  'received',
  'signedOff',
  'handled',
  'onTime',
  'rated',
  'satisfied',
  'escalated',
];

/** One counted item: where it counts and what it adds. */
export interface CellMember extends CellFlags {
  readonly itemId: number;
  /** Local month as yyyymm (202610). */
  readonly month: number;
  /** Township code ('' = none): the second code of the grid path, as the metrics' SQL reads it. */
  readonly township: string;
  /** Lead department id as text ('' = none). */
  readonly department: string;
  readonly channel: string;
  /** Category id as text ('' = none). */
  readonly category: string;
}

export interface DashboardCell extends CellFlags {
  readonly month: number;
  readonly township: string;
  readonly facet: DashboardFacet;
  readonly unitKey: string;
}

/** yyyymm of the local month an instant falls in; the month is looked up once per local day. */
export function localMonthNumberer(zone: string): (at: Date) => number {
  const dayOf = localDayNumberer(zone);
  const byDay = new Map<number, number>();
  return (at: Date) => {
    const day = dayOf(at);
    let month = byDay.get(day);
    if (month === undefined) {
      const local = DateTime.fromMillis(day * 86_400_000, { zone: 'UTC' });
      month = local.year * 100 + local.month;
      byDay.set(day, month);
    }
    return month;
  };
}

/** The instant a local month (yyyymm) begins. */
function startOfLocalMonth(month: number, zone: string): Date {
  return DateTime.fromObject(
    { year: Math.floor(month / 100), month: month % 100, day: 1 },
    { zone }
  ).toJSDate();
}

/** A half-open range of months [from, to), as yyyymm. */
export interface MonthRange {
  readonly from: number;
  readonly to: number;
}

/** The months [from, to) a period covers, or null unless both bounds are local month starts. */
export function monthRangeOf(bounds: Bounds, zone: string): MonthRange | null {
  const monthOf = localMonthNumberer(zone);
  const from = monthOf(bounds.start);
  const to = monthOf(bounds.end);
  if (startOfLocalMonth(from, zone).getTime() !== bounds.start.getTime()) return null;
  if (startOfLocalMonth(to, zone).getTime() !== bounds.end.getTime()) return null;
  return from <= to ? { from, to } : null;
}

/** The month yyyymm of a month key '2026-10'. */
export const monthNumberOfKey = (key: string): number =>
  Number(key.slice(0, 4)) * 100 + Number(key.slice(5, 7));

// The working days to resolve are not on the dashboard; countItem needs an index for them.
const NO_WORKING_DAYS = () => 0;

/** Where an item counts and what it adds, or null when it counts nowhere (no received time, refused). */
export function memberOf(row: CellSourceRow, monthOf: (at: Date) => number): CellMember | null {
  if (
    !row.receivedAt ||
    row.state === null ||
    NOT_RECEIVED_STATUSES.includes(row.state as ItemStatus)
  )
    return null;
  const counts = countItem(
    {
      state: row.state as ItemStatus,
      receivedAt: row.receivedAt,
      acceptedAt: row.acceptedAt,
      resolvedAt: row.resolvedAt,
      dueAt: row.dueAt,
      satisfaction: row.satisfaction as Satisfaction | null,
    },
    NO_WORKING_DAYS
  );
  return {
    itemId: row.itemId,
    month: monthOf(row.receivedAt),
    township: townshipOfPath(row.gridPath) ?? '',
    department: row.departmentId === null ? '' : String(row.departmentId),
    channel: row.channel ?? '',
    category: row.categoryId === null ? '' : String(row.categoryId),
    received: counts.received,
    signedOff: counts.signedOff,
    handled: counts.handled,
    onTime: counts.onTime,
    rated: counts.rated,
    satisfied: counts.satisfied,
    escalated: (row.escalationCount ?? 0) > 0 ? 1 : 0,
  };
}

const unitKeyOf = (member: CellMember, facet: DashboardFacet): string =>
  facet === 'total' ? '' : member[facet];

export type DashboardCellKey = string;
export const cellKeyOf = (cell: Omit<DashboardCell, keyof CellFlags>): DashboardCellKey =>
  `${cell.month}|${cell.township}|${cell.facet}|${cell.unitKey}`;

/**
 * The net change per cell when the members `before` are replaced by the members `after`
 * (either may be empty): applied to cells that counted `before`, gives cells that count `after`.
 * Cells whose net change is nothing are left out. Summing `after` alone gives fresh cells.
 */
export function cellDeltas(
  before: readonly CellMember[],
  after: readonly CellMember[]
): Map<DashboardCellKey, DashboardCell> {
  const deltas = new Map<DashboardCellKey, DashboardCell & CellFlags>();
  const add = (member: CellMember, sign: number) => {
    for (const facet of DASHBOARD_FACETS) {
      const place = {
        month: member.month,
        township: member.township,
        facet,
        unitKey: unitKeyOf(member, facet),
      };
      const key = cellKeyOf(place);
      const cell = deltas.get(key) ?? {
        ...place,
        received: 0,
        signedOff: 0,
        handled: 0,
        onTime: 0,
        rated: 0,
        satisfied: 0,
        escalated: 0,
      };
      for (const flag of CELL_FLAGS) cell[flag] += sign * member[flag];
      deltas.set(key, cell);
    }
  };
  for (const member of before) add(member, -1);
  for (const member of after) add(member, 1);
  for (const [key, cell] of deltas)
    if (CELL_FLAGS.every((flag) => cell[flag] === 0)) deltas.delete(key);
  return deltas;
}

/** The month (yyyymm) after `month`. */
export function monthAfter(month: number): number {
  const year = Math.floor(month / 100);
  const m = month % 100;
  return m === 12 ? (year + 1) * 100 + 1 : year * 100 + m + 1;
}

/**
 * The cells' first build runs in chunks, each its own short transaction (services/stats/
 * dashboard-cells.ts), with a build row saying who builds, in which zone, up to which item id, and
 * when it last advanced. These are the rules a refresh follows, given what it read under the
 * cells' table lock.
 */
export interface CellsBuildRow {
  readonly zone: string;
  /** The process that runs it (a token per process). */
  readonly owner: string;
  /** When it last advanced a chunk (or started). */
  readonly heartbeatAt: Date;
}

export interface CellsSituation {
  /** The county's time zone now. */
  readonly zone: string;
  /** The state row of the last completed build, if any. */
  readonly state: { readonly zone: string } | null;
  /** The build under way, if any. */
  readonly build: CellsBuildRow | null;
  /** Changed-item marks waiting. */
  readonly pendingMarks: number;
  /** A full build was asked for. */
  readonly full: boolean;
  /** This process's owner token. */
  readonly me: string;
  /** Another call in this process is running the build's steps right now. */
  readonly otherCallBuilding: boolean;
  readonly now: Date;
}

export interface CellsBuildLimits {
  /** More marks than this and a build from all items is cheaper than folding them in. */
  readonly fullRebuildMarks: number;
  /** A build that has not advanced for this long is taken to be abandoned. */
  readonly staleAfterMs: number;
}

export const CELLS_BUILD_LIMITS: CellsBuildLimits = {
  fullRebuildMarks: 20_000,
  staleAfterMs: 120_000,
};

/**
 * start: clear everything and write a new build row; step: advance our own build by a chunk;
 * take-over: an abandoned build becomes ours and advances from its cursor; wait: someone else is
 * building (answer "being built", touch nothing); incremental: fold the marks in; none: nothing
 * to do.
 */
export type CellsPlan = 'start' | 'step' | 'take-over' | 'wait' | 'incremental' | 'none';

/** A build whose last step is older than the limit (a heartbeat from the future is fresh). */
export function buildIsStale(heartbeatAt: Date, now: Date, staleAfterMs: number): boolean {
  return now.getTime() - heartbeatAt.getTime() >= staleAfterMs;
}

export function planCellsRefresh(
  s: CellsSituation,
  limits: CellsBuildLimits = CELLS_BUILD_LIMITS
): CellsPlan {
  if (s.build) {
    // One build at a time: a fresh one held elsewhere, or being stepped by another call here, is left alone.
    if (s.otherCallBuilding) return 'wait';
    const stale = buildIsStale(s.build.heartbeatAt, s.now, limits.staleAfterMs);
    if (s.build.owner !== s.me && !stale) return 'wait';
    // Months cut in another zone cannot be continued: the zone changed under the build.
    if (s.build.zone !== s.zone) return 'start';
    return s.build.owner === s.me ? 'step' : 'take-over';
  }
  if (s.full || !s.state || s.state.zone !== s.zone || s.pendingMarks > limits.fullRebuildMarks)
    return s.otherCallBuilding ? 'wait' : 'start';
  return s.pendingMarks === 0 ? 'none' : 'incremental';
}

/** The cells answer for the items (after folding the marks in) only when no build is needed or under way. */
export const cellsServe = (plan: CellsPlan): boolean => plan === 'incremental' || plan === 'none';
