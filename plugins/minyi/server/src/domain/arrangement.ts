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
  return expand(arrangements).problems.map((problem) => problem.en);
}

/** One problem of an arrangement, in Chinese and English, with the entry it is about. */
export interface ArrangementProblem {
  readonly year: string;
  /** The list and the index of the entry at fault; absent for a problem of the year itself. */
  readonly kind?: DayKind;
  readonly index?: number;
  readonly zh: string;
  readonly en: string;
}

/** The problems of the arrangements, bilingual and located: the settings page's 400 answers. */
export function arrangementProblems(arrangements: Arrangements): ArrangementProblem[] {
  return expand(arrangements).problems;
}

/** The day kind of every date an arrangement mentions; throws when the input has errors. */
export function dayKindsByDate(arrangements: Arrangements): ReadonlyMap<string, DayKind> {
  const { kinds, problems } = expand(arrangements);
  if (problems.length > 0) {
    throw new ArrangementError(problems.map((problem) => problem.en));
  }
  return kinds;
}

export class ArrangementError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid holiday arrangement: ${problems.join('; ')}`);
    this.name = 'ArrangementError';
  }
}

const KIND_ZH: Readonly<Record<DayKind, string>> = { off: '放假', work: '调休上班' };

function expand(arrangements: Arrangements): {
  kinds: Map<string, DayKind>;
  problems: ArrangementProblem[];
} {
  const kinds = new Map<string, DayKind>();
  const problems: ArrangementProblem[] = [];
  for (const [yearKey, arrangement] of Object.entries(arrangements)) {
    if (!YEAR_KEY.test(yearKey)) {
      problems.push({
        year: yearKey,
        zh: `“${yearKey}”不是年份`,
        en: `"${yearKey}" is not a year`,
      });
      continue;
    }
    const year = Number(yearKey);
    for (const kind of ['off', 'work'] as const) {
      arrangement[kind].forEach((entry, index) => {
        const at = { year: yearKey, kind, index };
        const where = {
          zh: `${yearKey} 年${KIND_ZH[kind]}“${entry}”`,
          en: `${yearKey} ${kind} "${entry}"`,
        };
        const dates = datesOf(entry);
        if (!Array.isArray(dates)) {
          problems.push({ ...at, zh: `${where.zh}:${dates.zh}`, en: `${where.en}: ${dates.en}` });
          return;
        }
        for (const date of dates) {
          // A New Year arrangement may reach into the neighbouring December or January.
          if (Math.abs(date.year - year) > 1) {
            problems.push({
              ...at,
              zh: `${where.zh}:不在该年度内`,
              en: `${where.en}: outside the arrangement's year`,
            });
            break;
          }
          const isoDate = date.toISODate() as string;
          if (kind === 'work' && date.weekday <= 5) {
            problems.push({
              ...at,
              zh: `${where.zh}:${isoDate} 本来就是工作日(调休上班只填周末)`,
              en: `${where.en}: ${isoDate} is a weekday anyway`,
            });
            continue;
          }
          const earlier = kinds.get(isoDate);
          if (earlier !== undefined && earlier !== kind) {
            problems.push({
              ...at,
              zh: `${isoDate} 同时填为放假和调休上班`,
              en: `${isoDate} is listed both as off and as work`,
            });
          }
          kinds.set(isoDate, kind);
        }
      });
    }
  }
  return { kinds, problems };
}

/** The dates an entry stands for, or why it cannot be read. */
function datesOf(entry: string): DateTime[] | { zh: string; en: string } {
  const [fromText, toText = fromText, extra] = entry.split('/');
  if (extra !== undefined) {
    return { zh: '应为一个日期或“起/止”区间', en: 'expected a date or "from/to"' };
  }
  const from = parseIsoDate(fromText);
  const to = parseIsoDate(toText);
  if (from === null || to === null) {
    return { zh: '日期应为 YYYY-MM-DD 格式的有效日期', en: 'expected YYYY-MM-DD' };
  }
  const days = Math.round(to.diff(from, 'days').days) + 1;
  if (days < 1) {
    return { zh: '区间的结束早于开始', en: 'range ends before it starts' };
  }
  if (days > MAX_RANGE_DAYS) {
    return { zh: `区间超过 ${MAX_RANGE_DAYS} 天`, en: `range longer than ${MAX_RANGE_DAYS} days` };
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
