import { DateTime } from 'luxon';
import { type Arrangements, dayKindsByDate, mergeArrangements } from './arrangement';
import { createDayTable } from './day-table';
import { CHINA_HOLIDAY_ARRANGEMENTS } from './holidays-cn';
import { DEFAULT_WORKING_HOURS, type WorkingWindow, parseWorkingHours } from './working-hours';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface CalendarConfig {
  /** IANA zone the county works in. */
  readonly timeZone?: string;
  readonly workingHours?: readonly WorkingWindow[];
  /** Per-year arrangements entered by the county; a year given here replaces the built-in one. */
  readonly arrangements?: Arrangements;
  /** false ignores the built-in 2025/2026 data, e.g. for a county outside mainland rules. */
  readonly useBuiltInArrangements?: boolean;
}

/**
 * Working-time arithmetic for deadlines. All instants are JS Dates (UTC); the calendar alone knows
 * the zone. "Working time" is every instant inside a working window of a working day, both window
 * ends included. A date is a working day when its year's arrangement says "work", or, when the
 * arrangement is silent or the year has none, when it is Monday–Friday.
 *
 * Moving forward lands on the earliest instant that has the wanted working time behind it (a
 * deadline falls at 18:00 Friday, not 08:00 Monday); moving backward lands on the earliest instant
 * that still has the wanted working time ahead of it.
 */
export interface WorkingCalendar {
  readonly timeZone: string;
  readonly workingHours: readonly WorkingWindow[];
  /** A Date is judged by its local date; a string must be a local 'YYYY-MM-DD'. */
  isWorkingDay(date: Date | string): boolean;
  isWorkingTime(at: Date): boolean;
  /** `at` itself when inside working time, else the start of the next working window. */
  nextWorkingTime(at: Date): Date;
  /**
   * The end of the n-th working day after the start day (n ≥ 1, whole). The start day is the day
   * of `nextWorkingTime(start)`: an item arriving at night or at the weekend starts next morning.
   */
  addWorkingDays(start: Date, days: number): Date;
  addWorkingHours(start: Date, hours: number): Date;
  /** The earliest instant from which `hours` of working time remain until `end`. */
  subtractWorkingHours(end: Date, hours: number): Date;
  /** The latest instant t with no more than `hours` of working time between `start` and t. */
  workingHorizon(start: Date, hours: number): Date;
  /** Working time from a to b in hours; negative when b is before a. */
  workingHoursBetween(a: Date, b: Date): number;
  /**
   * Working days after a's start day (as in addWorkingDays) up to and including b's local date;
   * 0 when there are none. Consistent with addWorkingDays: counting to its result gives n back.
   */
  workingDaysBetween(a: Date, b: Date): number;
  /** Working days among the local dates from..to, both included ('YYYY-MM-DD'). */
  workingDaysInRange(fromDate: string, toDate: string): number;
  /** Years with an arrangement loaded, ascending. */
  arrangedYears(): number[];
  /** Those of `years` that fall back to Monday–Friday because no arrangement is loaded. */
  yearsWithoutArrangement(years: readonly number[]): number[];
}

const MS_PER_HOUR = 3_600_000;

export function createWorkingCalendar(config: CalendarConfig = {}): WorkingCalendar {
  const timeZone = config.timeZone ?? DEFAULT_TIME_ZONE;
  if (!DateTime.now().setZone(timeZone).isValid) {
    throw new RangeError(`Unknown time zone "${timeZone}"`);
  }
  const workingHours = config.workingHours ?? DEFAULT_WORKING_HOURS;
  const arrangements = mergeArrangements(
    config.useBuiltInArrangements === false ? {} : CHINA_HOLIDAY_ARRANGEMENTS,
    config.arrangements
  );
  const days = createDayTable(
    timeZone,
    parseWorkingHours(workingHours),
    dayKindsByDate(arrangements)
  );
  const years = Object.keys(arrangements)
    .map(Number)
    .sort((a, b) => a - b);

  const nextWorkingInstant = (instant: number): number => {
    for (let day = days.dayOf(instant); ; day += 1) {
      for (const [start, end] of days.spans(day)) {
        if (instant <= end) {
          return Math.max(start, instant);
        }
      }
    }
  };

  const addWorkingMs = (start: number, ms: number): number => {
    if (ms === 0) {
      return start;
    }
    let remaining = ms;
    for (let day = days.dayOf(start); ; day += 1) {
      for (const [spanStart, spanEnd] of days.spans(day)) {
        if (spanEnd <= start) {
          continue;
        }
        const from = Math.max(spanStart, start);
        if (remaining <= spanEnd - from) {
          return from + remaining;
        }
        remaining -= spanEnd - from;
      }
    }
  };

  const subtractWorkingMs = (end: number, ms: number): number => {
    let remaining = ms;
    for (let day = days.dayOf(end); ; day -= 1) {
      for (const [spanStart, spanEnd] of [...days.spans(day)].reverse()) {
        if (spanStart >= end) {
          continue;
        }
        const to = Math.min(spanEnd, end);
        // Strictly less: on an exact fit the earliest such instant is the previous span's end.
        if (remaining < to - spanStart) {
          return to - remaining;
        }
        remaining -= to - spanStart;
      }
    }
  };

  /** Working time stands still from a span's end until the next span starts. */
  const lastInstantWithSameWorkingTime = (instant: number): number => {
    for (let day = days.dayOf(instant); ; day += 1) {
      for (const [start, end] of days.spans(day)) {
        if (start <= instant && instant < end) {
          return instant;
        }
        if (start > instant) {
          return start;
        }
      }
    }
  };

  const workingMsBetween = (a: number, b: number): number => {
    if (b < a) {
      return -workingMsBetween(b, a);
    }
    let total = 0;
    for (let day = days.dayOf(a), last = days.dayOf(b); day <= last; day += 1) {
      for (const [start, end] of days.spans(day)) {
        total += Math.max(0, Math.min(end, b) - Math.max(start, a));
      }
    }
    return total;
  };

  const countWorkingDays = (firstDay: number, lastDay: number): number => {
    let count = 0;
    for (let day = firstDay; day <= lastDay; day += 1) {
      count += days.isWorking(day) ? 1 : 0;
    }
    return count;
  };

  const dayOfDate = (date: Date | string): number => {
    if (typeof date !== 'string') {
      return days.dayOf(instantOf(date));
    }
    const day = days.dayOfIsoDate(date);
    if (day === null) {
      throw new RangeError(`"${date}" is not a YYYY-MM-DD date`);
    }
    return day;
  };

  return {
    timeZone,
    workingHours,
    isWorkingDay: (date) => days.isWorking(dayOfDate(date)),
    isWorkingTime: (at) => {
      const instant = instantOf(at);
      return days
        .spans(days.dayOf(instant))
        .some(([start, end]) => start <= instant && instant <= end);
    },
    nextWorkingTime: (at) => new Date(nextWorkingInstant(instantOf(at))),
    addWorkingDays: (start, count) => {
      if (!Number.isInteger(count) || count < 1) {
        throw new RangeError(`Working days must be a whole number of at least 1, got ${count}`);
      }
      let day = days.dayOf(nextWorkingInstant(instantOf(start)));
      for (let counted = 0; counted < count;) {
        day += 1;
        counted += days.isWorking(day) ? 1 : 0;
      }
      const spans = days.spans(day);
      return new Date(spans[spans.length - 1][1]);
    },
    addWorkingHours: (start, hours) => new Date(addWorkingMs(instantOf(start), msOf(hours))),
    subtractWorkingHours: (end, hours) => new Date(subtractWorkingMs(instantOf(end), msOf(hours))),
    workingHorizon: (start, hours) =>
      new Date(lastInstantWithSameWorkingTime(addWorkingMs(instantOf(start), msOf(hours)))),
    workingHoursBetween: (a, b) => workingMsBetween(instantOf(a), instantOf(b)) / MS_PER_HOUR,
    workingDaysBetween: (a, b) => {
      const startDay = days.dayOf(nextWorkingInstant(instantOf(a)));
      return countWorkingDays(startDay + 1, days.dayOf(instantOf(b)));
    },
    workingDaysInRange: (fromDate, toDate) =>
      countWorkingDays(dayOfDate(fromDate), dayOfDate(toDate)),
    arrangedYears: () => [...years],
    yearsWithoutArrangement: (wanted) => wanted.filter((year) => !years.includes(year)),
  };
}

function instantOf(date: Date): number {
  const instant = date.getTime();
  if (Number.isNaN(instant)) {
    throw new RangeError('Invalid Date');
  }
  return instant;
}

function msOf(hours: number): number {
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`Working hours must be a finite number of at least 0, got ${hours}`);
  }
  return Math.round(hours * MS_PER_HOUR);
}
