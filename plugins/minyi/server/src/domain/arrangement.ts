import { DateTime } from 'luxon';

/**
 * One year's official holiday arrangement (放假调休), in the shape a county types it into the
 * settings from the State Council notice: dates as 'YYYY-MM-DD', or an inclusive range
 * 'YYYY-MM-DD/YYYY-MM-DD' (ISO 8601 interval notation) so a notice's lines copy across directly.
 */
export interface YearArrangement {
  /** Where the dates come from, e.g. the notice number, so a reviewer can check them. */
  readonly source?: string;
  /** Days off, weekdays included. */
  readonly off: readonly string[];
  /** Weekend days that are working days (调休上班). */
  readonly work: readonly string[];
}

/** Keyed by the year the notice is for ("2027"); numeric keys are fine in object literals. */
export type Arrangements = Readonly<Record<string, YearArrangement>>;

export type DayKind = 'off' | 'work';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const YEAR_KEY = /^\d{4}$/;
/** Longer ranges are almost certainly typos (the longest official break is nine days). */
const MAX_RANGE_DAYS = 31;

/**
 * A year given in `overrides` replaces that year wholesale rather than merging date by date:
 * a notice is published as a whole, and replacing is the only way to undo a wrongly entered date.
 */
export function mergeArrangements(base: Arrangements, overrides: Arrangements = {}): Arrangements {
  return { ...base, ...overrides };
}

/** Human-readable problems, empty when the arrangements are usable; for settings forms. */
export function arrangementErrors(arrangements: Arrangements): string[] {
  return expand(arrangements).errors;
}

/** The day kind of every date an arrangement mentions; throws when the input has errors. */
export function dayKindsByDate(arrangements: Arrangements): ReadonlyMap<string, DayKind> {
  const { kinds, errors } = expand(arrangements);
  if (errors.length > 0) {
    throw new ArrangementError(errors);
  }
  return kinds;
}

export class ArrangementError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid holiday arrangement: ${problems.join('; ')}`);
    this.name = 'ArrangementError';
  }
}

function expand(arrangements: Arrangements): { kinds: Map<string, DayKind>; errors: string[] } {
  const kinds = new Map<string, DayKind>();
  const errors: string[] = [];
  for (const [yearKey, arrangement] of Object.entries(arrangements)) {
    if (!YEAR_KEY.test(yearKey)) {
      errors.push(`"${yearKey}" is not a year`);
      continue;
    }
    const year = Number(yearKey);
    for (const kind of ['off', 'work'] as const) {
      for (const entry of arrangement[kind]) {
        const dates = datesOf(entry);
        if (typeof dates === 'string') {
          errors.push(`${yearKey} ${kind} "${entry}": ${dates}`);
          continue;
        }
        for (const date of dates) {
          // A New Year arrangement may reach into the neighbouring December or January.
          if (Math.abs(date.year - year) > 1) {
            errors.push(`${yearKey} ${kind} "${entry}": outside the arrangement's year`);
            break;
          }
          if (kind === 'work' && date.weekday <= 5) {
            errors.push(`${yearKey} work "${entry}": ${date.toISODate()} is a weekday anyway`);
            continue;
          }
          const isoDate = date.toISODate() as string;
          const earlier = kinds.get(isoDate);
          if (earlier !== undefined && earlier !== kind) {
            errors.push(`${isoDate} is listed both as off and as work`);
          }
          kinds.set(isoDate, kind);
        }
      }
    }
  }
  return { kinds, errors };
}

/** The dates an entry stands for, or why it cannot be read. */
function datesOf(entry: string): DateTime[] | string {
  const [fromText, toText = fromText, extra] = entry.split('/');
  if (extra !== undefined) {
    return 'expected a date or "from/to"';
  }
  const from = parseIsoDate(fromText);
  const to = parseIsoDate(toText);
  if (from === null || to === null) {
    return 'expected YYYY-MM-DD';
  }
  const days = Math.round(to.diff(from, 'days').days) + 1;
  if (days < 1) {
    return 'range ends before it starts';
  }
  if (days > MAX_RANGE_DAYS) {
    return `range longer than ${MAX_RANGE_DAYS} days`;
  }
  return Array.from({ length: days }, (_, offset) => from.plus({ days: offset }));
}

function parseIsoDate(text: string): DateTime | null {
  if (!ISO_DATE.test(text)) {
    return null;
  }
  const date = DateTime.fromISO(text, { zone: 'UTC' });
  return date.isValid ? date : null;
}
