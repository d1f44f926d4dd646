import { DateTime } from 'luxon';
import type { DayKind } from './arrangement';
import type { MinuteWindow } from './working-hours';

/** A working window on one day, as UTC epoch milliseconds; both ends are working time. */
export type Span = readonly [start: number, end: number];

/** Local calendar days, numbered like epoch days (0 = 1970-01-01) in the calendar's zone. */
export interface DayTable {
  dayOf(instant: number): number;
  /** The day number of a local 'YYYY-MM-DD', or null when the text is not such a date. */
  dayOfIsoDate(isoDate: string): number | null;
  isWorking(day: number): boolean;
  /** The day's working windows in order; empty on days off. */
  spans(day: number): readonly Span[];
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Deadline arithmetic walks day by day, and asking luxon about a zone costs far more than a map
 * look-up, so each day's facts are worked out once, and a day's windows only when asked for.
 * A county touches a few thousand days at most.
 */
export function createDayTable(
  timeZone: string,
  windows: readonly MinuteWindow[],
  kindsByDate: ReadonlyMap<string, DayKind>
): DayTable {
  const workingByDay = new Map<number, boolean>();
  const spansByDay = new Map<number, readonly Span[]>();

  const isWorking = (day: number): boolean => {
    let working = workingByDay.get(day);
    if (working === undefined) {
      const civil = civilDate(day);
      const kind = kindsByDate.get(civil.toISOString().slice(0, 10));
      const weekday = civil.getUTCDay();
      working = kind === undefined ? weekday >= 1 && weekday <= 5 : kind === 'work';
      workingByDay.set(day, working);
    }
    return working;
  };

  const spans = (day: number): readonly Span[] => {
    let daySpans = spansByDay.get(day);
    if (daySpans === undefined) {
      const civil = civilDate(day);
      daySpans = isWorking(day)
        ? windows.map((window): Span => [
            wallClock(civil, window.startMinute),
            wallClock(civil, window.endMinute),
          ])
        : [];
      spansByDay.set(day, daySpans);
    }
    return daySpans;
  };

  /** A DST gap moves a wall-clock time forward, as the clocks on the wall do. */
  const wallClock = (civil: Date, minute: number): number =>
    DateTime.fromObject(
      {
        year: civil.getUTCFullYear(),
        month: civil.getUTCMonth() + 1,
        day: civil.getUTCDate(),
        hour: Math.floor(minute / 60),
        minute: minute % 60,
      },
      { zone: timeZone }
    ).toMillis();

  return {
    dayOf: (instant) => {
      const local = DateTime.fromMillis(instant, { zone: timeZone });
      return Date.UTC(local.year, local.month - 1, local.day) / MS_PER_DAY;
    },
    dayOfIsoDate: (isoDate) => {
      const midnight = ISO_DATE.test(isoDate) ? Date.parse(`${isoDate}T00:00:00Z`) : Number.NaN;
      if (Number.isNaN(midnight) || new Date(midnight).toISOString().slice(0, 10) !== isoDate) {
        return null;
      }
      return midnight / MS_PER_DAY;
    },
    isWorking,
    spans,
  };
}

/** A UTC Date at the epoch day's midnight carries the local civil date in its UTC fields. */
function civilDate(day: number): Date {
  return new Date(day * MS_PER_DAY);
}
