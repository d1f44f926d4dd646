import { localDayNumberer, startOfLocalDay } from './local-days';
import {
  HANDLED_STATUSES,
  NOT_RECEIVED_STATUSES,
  SATISFIED,
  type Bounds,
  type Satisfaction,
} from './metrics';
import type { ItemStatus } from './vocabulary';
import { townshipOfPath } from './grid-path';

/**
 * The public stats' pre-aggregated cells are keyed by local day number (local-days.ts): a period
 * can be summed from them only when both its bounds fall on local midnights (every month, week,
 * quarter and year does). A refresh adds up the change marks the triggers on `items` leave (the
 * row as it was, −1, and as it is, +1) into per-cell deltas.
 */

/** A half-open range of local day numbers [from, to). */
export interface DayRange {
  readonly from: number;
  readonly to: number;
}

/** The days [from, to) a period covers, or null when a bound is not a local midnight in the zone. */
export function dayRangeOf(bounds: Bounds, zone: string): DayRange | null {
  const dayOf = localDayNumberer(zone);
  const from = dayOf(bounds.start);
  const to = dayOf(bounds.end);
  if (startOfLocalDay(from, zone).getTime() !== bounds.start.getTime()) return null;
  if (startOfLocalDay(to, zone).getTime() !== bounds.end.getTime()) return null;
  return from <= to ? { from, to } : null;
}

/** What a change mark remembers of an item row (before or after the change). */
export interface MarkedRow {
  readonly receivedAt: Date | null;
  readonly state: string | null;
  readonly satisfaction: string | null;
  readonly gridPath: string | null;
}

/** The counts one item adds to its (local day, township) cell. */
export interface CellCounts {
  received: number;
  handled: number;
  rated: number;
  satisfied: number;
}

export type CellKey = `${number}|${string}`;

/**
 * The cell an item row counts in and what it adds there, or null when it counts nowhere (no
 * received time, no state, or refused): the same rules as the metrics' SQL (metrics.ts).
 */
export function cellOf(
  row: MarkedRow,
  dayOf: (at: Date) => number
): { day: number; township: string; counts: CellCounts } | null {
  if (
    !row.receivedAt ||
    row.state === null ||
    NOT_RECEIVED_STATUSES.includes(row.state as ItemStatus)
  )
    return null;
  return {
    day: dayOf(row.receivedAt),
    // The township is the second code of the path '/county/township/…/' ('' = none), as townshipSql reads it.
    township: townshipOfPath(row.gridPath) ?? '',
    counts: {
      received: 1,
      handled: HANDLED_STATUSES.includes(row.state as ItemStatus) ? 1 : 0,
      rated: row.satisfaction === null ? 0 : 1,
      satisfied: SATISFIED.includes(row.satisfaction as Satisfaction) ? 1 : 0,
    },
  };
}

/**
 * The net change per cell of a batch of marks (+1: a row as it now is, −1: a row as it was):
 * applied to cells that counted the items before the batch, gives the cells of the items after.
 * Cells whose net change is nothing are left out.
 */
export function cellDeltas(
  marks: ReadonlyArray<MarkedRow & { sign: number }>,
  dayOf: (at: Date) => number
): Map<CellKey, { day: number; township: string; counts: CellCounts }> {
  const deltas = new Map<CellKey, { day: number; township: string; counts: CellCounts }>();
  for (const mark of marks) {
    const cell = cellOf(mark, dayOf);
    if (!cell) continue;
    const key: CellKey = `${cell.day}|${cell.township}`;
    const delta = deltas.get(key) ?? {
      day: cell.day,
      township: cell.township,
      counts: { received: 0, handled: 0, rated: 0, satisfied: 0 },
    };
    delta.counts.received += mark.sign * cell.counts.received;
    delta.counts.handled += mark.sign * cell.counts.handled;
    delta.counts.rated += mark.sign * cell.counts.rated;
    delta.counts.satisfied += mark.sign * cell.counts.satisfied;
    deltas.set(key, delta);
  }
  for (const [key, delta] of deltas)
    if (Object.values(delta.counts).every((n) => n === 0)) deltas.delete(key);
  return deltas;
}
