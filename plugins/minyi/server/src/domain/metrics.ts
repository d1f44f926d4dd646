import type { ItemStatus } from './vocabulary';

/**
 * Unit metrics (DESIGN §3 Metrics), shared by spot-check bulletins, periodic reports, the
 * dashboard and the public stats. Everything is built from additive counts, so the same rates come
 * out whether the counts were added up here item by item or by SQL aggregates (services/metrics-sql).
 *
 * - received: items received in the period (receivedAt in [start, end)) that were not refused
 *   (state ≠ rejected: out of scope or a duplicate is not a matter to handle);
 * - signed off (签收): of those, accepted by a handling unit (acceptedAt set);
 * - handled: of those, resolved or closed now;
 * - on time: handled with resolvedAt at or before the (possibly extended) dueAt, or with no deadline;
 * - rated / satisfied: of the received, those with a satisfaction rating / rated very satisfied,
 *   satisfied or basically satisfied;
 * - working days to resolve: per handled item with resolvedAt, the working days after the local
 *   day it was received up to and including the local day it was resolved (same day = 0).
 */

export const SATISFACTIONS = [
  'very-satisfied',
  'satisfied',
  'basically-satisfied',
  'dissatisfied',
] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const SATISFIED: readonly Satisfaction[] = [
  'very-satisfied',
  'satisfied',
  'basically-satisfied',
];
export const HANDLED_STATUSES: readonly ItemStatus[] = ['resolved', 'closed'];
export const NOT_RECEIVED_STATUSES: readonly ItemStatus[] = ['rejected'];

export interface UnitCounts {
  received: number;
  signedOff: number;
  handled: number;
  onTime: number;
  rated: number;
  satisfied: number;
  /** Handled items with a resolvedAt (the denominator of the average working days). */
  timedHandled: number;
  /** Sum of their working days to resolve. */
  workingDaysToResolve: number;
}

export const ZERO_COUNTS: Readonly<UnitCounts> = Object.freeze({
  received: 0,
  signedOff: 0,
  handled: 0,
  onTime: 0,
  rated: 0,
  satisfied: 0,
  timedHandled: 0,
  workingDaysToResolve: 0,
});

export function addCounts(a: UnitCounts, b: UnitCounts): UnitCounts {
  return {
    received: a.received + b.received,
    signedOff: a.signedOff + b.signedOff,
    handled: a.handled + b.handled,
    onTime: a.onTime + b.onTime,
    rated: a.rated + b.rated,
    satisfied: a.satisfied + b.satisfied,
    timedHandled: a.timedHandled + b.timedHandled,
    workingDaysToResolve: a.workingDaysToResolve + b.workingDaysToResolve,
  };
}

/** What the metrics read of an item. */
export interface MetricItem {
  readonly state: ItemStatus;
  readonly receivedAt: Date;
  readonly acceptedAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly dueAt: Date | null;
  readonly satisfaction: Satisfaction | null;
}

export interface Bounds {
  readonly start: Date;
  readonly end: Date;
}

export function isReceivedIn(
  item: Pick<MetricItem, 'state' | 'receivedAt'>,
  bounds: Bounds
): boolean {
  const at = item.receivedAt.getTime();
  return (
    at >= bounds.start.getTime() &&
    at < bounds.end.getTime() &&
    !NOT_RECEIVED_STATUSES.includes(item.state)
  );
}

/**
 * Working days between two instants' local days, as the difference of a running count of working
 * days (so sums over many items can be taken from per-day histograms, as SQL does).
 */
export type WorkingDayIndex = (at: Date) => number;

/** The counts one received item contributes. */
export function countItem(item: MetricItem, workingDayIndex: WorkingDayIndex): UnitCounts {
  const handled = HANDLED_STATUSES.includes(item.state);
  const resolvedAt = handled ? item.resolvedAt : null;
  const onTime =
    handled &&
    resolvedAt !== null &&
    (item.dueAt === null || resolvedAt.getTime() <= item.dueAt.getTime());
  return {
    received: 1,
    signedOff: item.acceptedAt !== null ? 1 : 0,
    handled: handled ? 1 : 0,
    onTime: onTime ? 1 : 0,
    rated: item.satisfaction !== null ? 1 : 0,
    satisfied: item.satisfaction !== null && SATISFIED.includes(item.satisfaction) ? 1 : 0,
    timedHandled: resolvedAt !== null ? 1 : 0,
    workingDaysToResolve:
      resolvedAt !== null ? workingDayIndex(resolvedAt) - workingDayIndex(item.receivedAt) : 0,
  };
}

/** Adds up the counts of the items received in the period, per unit key (an item may count for several units). */
export function countByUnit<T extends MetricItem>(
  items: readonly T[],
  bounds: Bounds,
  unitsOf: (item: T) => readonly string[],
  workingDayIndex: WorkingDayIndex
): Map<string, UnitCounts> {
  const byUnit = new Map<string, UnitCounts>();
  for (const item of items) {
    if (!isReceivedIn(item, bounds)) continue;
    const counts = countItem(item, workingDayIndex);
    for (const unit of new Set(unitsOf(item)))
      byUnit.set(unit, addCounts(byUnit.get(unit) ?? ZERO_COUNTS, counts));
  }
  return byUnit;
}

// ---------------------------------------------------------------------------------------------
// Rates
// ---------------------------------------------------------------------------------------------

/** A rate, or null when its denominator is 0 (never a division by zero). */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** "93.76%" for 541 / 577; null when there is nothing to divide by. */
export function formatPercent(numerator: number, denominator: number): string | null {
  if (denominator <= 0) return null;
  const basisPoints = Math.round((numerator * 10000) / denominator);
  return `${(basisPoints / 100).toFixed(2)}%`;
}

export function formatRate(value: number | null): string | null {
  return value === null ? null : `${(Math.round(value * 10000) / 100).toFixed(2)}%`;
}

export interface SpotCheckCounts {
  sampled: number;
  passed: number;
}

export interface UnitRates {
  resolutionRate: number | null;
  onTimeRate: number | null;
  signOffRate: number | null;
  satisfactionRate: number | null;
  spotCheckPassRate: number | null;
  averageWorkingDaysToResolve: number | null;
}

export function ratesOf(counts: UnitCounts, spotCheck?: SpotCheckCounts): UnitRates {
  const average =
    counts.timedHandled > 0
      ? Math.round((counts.workingDaysToResolve / counts.timedHandled) * 100) / 100
      : null;
  return {
    resolutionRate: rate(counts.handled, counts.received),
    onTimeRate: rate(counts.onTime, counts.handled),
    signOffRate: rate(counts.signedOff, counts.received),
    satisfactionRate: rate(counts.satisfied, counts.rated),
    spotCheckPassRate: spotCheck ? rate(spotCheck.passed, spotCheck.sampled) : null,
    averageWorkingDaysToResolve: average,
  };
}

// ---------------------------------------------------------------------------------------------
// Units, ranking, thresholds
// ---------------------------------------------------------------------------------------------

export type UnitKind = 'township' | 'department';

export interface Unit {
  readonly kind: UnitKind;
  /** Township grid code or department code. */
  readonly code: string;
  readonly name: string;
}

export interface UnitMetrics extends UnitRates {
  readonly unit: Unit;
  readonly counts: UnitCounts;
  readonly spotCheck: SpotCheckCounts | null;
  /** 1-based rank among the ranked units of its kind; null when it has too few items to rank. */
  rank: number | null;
}

export interface RankingOptions {
  /** Units with fewer received items are listed, not ranked. */
  readonly minSample: number;
}

/**
 * Every unit is listed (those without items with zero counts and null rates). Units with at
 * least `minSample` received items are ranked by resolution rate, then satisfaction rate, then
 * spot-check pass rate (a missing rate counts as lowest), then code for a stable order; the rest
 * follow, unranked, by code.
 */
export function rankUnits(
  units: readonly Unit[],
  counts: ReadonlyMap<string, UnitCounts>,
  options: RankingOptions,
  spotChecks: ReadonlyMap<string, SpotCheckCounts> = new Map()
): UnitMetrics[] {
  const all: UnitMetrics[] = units.map((unit) => {
    const unitCounts = counts.get(unit.code) ?? { ...ZERO_COUNTS };
    const spotCheck = spotChecks.get(unit.code) ?? null;
    return {
      unit,
      counts: unitCounts,
      spotCheck,
      ...ratesOf(unitCounts, spotCheck ?? undefined),
      rank: null,
    };
  });
  const byCode = (a: UnitMetrics, b: UnitMetrics) =>
    a.unit.code < b.unit.code ? -1 : a.unit.code > b.unit.code ? 1 : 0;
  const ranked = all.filter((m) => m.counts.received >= options.minSample && m.counts.received > 0);
  const unranked = all.filter((m) => !ranked.includes(m)).sort(byCode);
  const key = (value: number | null) => value ?? -1;
  ranked.sort(
    (a, b) =>
      key(b.resolutionRate) - key(a.resolutionRate) ||
      key(b.satisfactionRate) - key(a.satisfactionRate) ||
      key(b.spotCheckPassRate) - key(a.spotCheckPassRate) ||
      byCode(a, b)
  );
  ranked.forEach((m, index) => (m.rank = index + 1));
  return [...ranked, ...unranked];
}

/** Lowest acceptable rates, as fractions (0.9 = 90%); a missing one is not checked. */
export interface Thresholds {
  readonly resolutionRate?: number;
  readonly satisfactionRate?: number;
  readonly spotCheckPassRate?: number;
  readonly onTimeRate?: number;
}

export const THRESHOLD_LABELS_ZH: Readonly<Record<keyof Thresholds, string>> = {
  resolutionRate: '民意解决率',
  satisfactionRate: '群众满意率',
  spotCheckPassRate: '抽查通过率',
  onTimeRate: '按期办结率',
};

export interface Shortfall {
  readonly metric: keyof Thresholds;
  readonly value: number;
  readonly threshold: number;
}

/**
 * Where a ranked unit falls below the thresholds. Unranked units (too few items) and rates that
 * cannot be computed are never judged: no notice on too little evidence.
 */
export function shortfallsOf(metrics: UnitMetrics, thresholds: Thresholds): Shortfall[] {
  if (metrics.rank === null) return [];
  const found: Shortfall[] = [];
  for (const metric of Object.keys(THRESHOLD_LABELS_ZH) as Array<keyof Thresholds>) {
    const threshold = thresholds[metric];
    const value = metrics[metric];
    if (threshold === undefined || value === null) continue;
    if (value < threshold) found.push({ metric, value, threshold });
  }
  return found;
}
