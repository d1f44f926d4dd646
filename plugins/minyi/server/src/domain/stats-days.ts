import { localDayNumberer, startOfLocalDay } from './local-days';
import type { Bounds } from './metrics';

/**
 * The public stats' pre-aggregated cells are keyed by local day number (local-days.ts): a period
 * can be summed from them only when both its bounds fall on local midnights (every month, week,
 * quarter and year does), and a refresh recomputes the changed days as a few contiguous runs.
 */

/** A half-open run of local day numbers [from, to). */
export interface DayRun {
  readonly from: number;
  readonly to: number;
}

/** The days [from, to) a period covers, or null when a bound is not a local midnight in the zone. */
export function dayRangeOf(bounds: Bounds, zone: string): DayRun | null {
  const dayOf = localDayNumberer(zone);
  const from = dayOf(bounds.start);
  const to = dayOf(bounds.end);
  if (startOfLocalDay(from, zone).getTime() !== bounds.start.getTime()) return null;
  if (startOfLocalDay(to, zone).getTime() !== bounds.end.getTime()) return null;
  return from <= to ? { from, to } : null;
}

/** Distinct days as the fewest contiguous runs, in ascending order. */
export function dayRuns(days: Iterable<number>): DayRun[] {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs: DayRun[] = [];
  for (const day of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.to === day) runs[runs.length - 1] = { from: last.from, to: day + 1 };
    else runs.push({ from: day, to: day + 1 });
  }
  return runs;
}
