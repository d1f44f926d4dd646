import { DateTime } from 'luxon';
import type { WorkingCalendar } from './calendar';

/**
 * Local calendar days as numbers (0 = 1970-01-01 in the county's zone), and a running count of
 * working days over them, so that "working days from the day received to the day resolved" is a
 * difference of two look-ups — summable from per-day histograms (SQL) or item by item (JS) alike.
 */

const MS_PER_DAY = 86_400_000;
const MS_PER_QUARTER_HOUR = 900_000;

/** The local day number of an instant; the zone's offset is looked up once per UTC quarter-hour. */
export function localDayNumberer(zone: string): (at: Date) => number {
  const offsetByQuarter = new Map<number, number>();
  return (at: Date) => {
    const t = at.getTime();
    const quarter = Math.floor(t / MS_PER_QUARTER_HOUR);
    let offset = offsetByQuarter.get(quarter);
    if (offset === undefined) {
      offset = DateTime.fromMillis(quarter * MS_PER_QUARTER_HOUR, { zone }).offset * 60_000;
      offsetByQuarter.set(quarter, offset);
    }
    return Math.floor((t + offset) / MS_PER_DAY);
  };
}

export function isoDateOfDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The instant a local day begins. */
export function startOfLocalDay(day: number, zone: string): Date {
  return DateTime.fromISO(isoDateOfDayNumber(day), { zone }).toJSDate();
}

/**
 * W(day): working days after an origin day up to and including `day` (negative before it). Only
 * differences are meaningful; the origin is the first day asked about. Cached per day.
 */
export function workingDayCounter(calendar: WorkingCalendar): (day: number) => number {
  let origin: number | null = null;
  const cache = new Map<number, number>();
  return (day: number) => {
    origin ??= day;
    let value = cache.get(day);
    if (value === undefined) {
      if (day === origin) value = 0;
      else if (day > origin)
        value = calendar.workingDaysInRange(
          isoDateOfDayNumber(origin + 1),
          isoDateOfDayNumber(day)
        );
      else
        value = -calendar.workingDaysInRange(
          isoDateOfDayNumber(day + 1),
          isoDateOfDayNumber(origin)
        );
      cache.set(day, value);
    }
    return value;
  };
}

/** The metrics' WorkingDayIndex for a calendar: W(local day of the instant). */
export function workingDayIndex(calendar: WorkingCalendar): (at: Date) => number {
  const dayOf = localDayNumberer(calendar.timeZone);
  const counter = workingDayCounter(calendar);
  return (at: Date) => counter(dayOf(at));
}

/**
 * Spans of constant UTC offset covering [from, to) (the last one open-ended): SQL that has only
 * epoch arithmetic (SQLite) turns an instant into its local day with its span's offset. Probed day
 * by day; a day whose offset changes is searched in 15-minute steps for the instant it does.
 */
export function offsetSpans(
  from: Date,
  to: Date,
  zone: string
): Array<{ until: number; offsetMs: number }> {
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  const spans: Array<{ until: number; offsetMs: number }> = [];
  let day = from.getTime();
  let offset = offsetAt(day);
  while (day < to.getTime()) {
    const next = day + MS_PER_DAY;
    if (offsetAt(next) !== offset) {
      let at = day;
      while (offsetAt(at) === offset) at += 15 * 60_000;
      spans.push({ until: at, offsetMs: offset * 60_000 });
      offset = offsetAt(at);
    }
    day = next;
  }
  spans.push({ until: Number.POSITIVE_INFINITY, offsetMs: offset * 60_000 });
  return spans;
}
