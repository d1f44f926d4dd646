import { DateTime } from 'luxon';
import type { CalendarStatus } from '../../../shared/settings';

/** The dashboard warns from this month on (November) when next year has no arrangement. */
export const WARN_FROM_MONTH = 11;

/**
 * Whether next year's holiday arrangement is missing, and whether to say so. The State Council
 * publishes the next year's arrangement in late October or November; from 1 November a county
 * without it would start the year with deadlines on Monday–Friday only.
 */
export function calendarStatus(
  now: Date,
  timeZone: string,
  builtInYears: readonly number[],
  enteredYears: readonly number[]
): CalendarStatus {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const year = local.year;
  const nextYear = year + 1;
  const arrangedYears = [...new Set([...builtInYears, ...enteredYears])].sort((a, b) => a - b);
  const nextYearHasArrangement = arrangedYears.includes(nextYear);
  return {
    year,
    nextYear,
    nextYearHasArrangement,
    warn: !nextYearHasArrangement && local.month >= WARN_FROM_MONTH,
    arrangedYears,
    builtInYears: [...builtInYears].sort((a, b) => a - b),
    enteredYears: [...enteredYears].sort((a, b) => a - b),
  };
}
