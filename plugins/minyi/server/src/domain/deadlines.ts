import type { WorkingCalendar } from './calendar';
import { type Refusal, refuse } from './result';
import type { Level } from './vocabulary';

/** The category fields that set time limits, as on the category content type. */
export interface CategoryTimeLimits {
  readonly gridDays: number;
  readonly townshipDays: number;
  readonly countyDays: number;
  /** Set for urgent categories: the limit is this many working hours at every level. */
  readonly urgentHours?: number | null;
}

export type TimeLimit =
  | { readonly unit: 'working-days'; readonly amount: number }
  | { readonly unit: 'working-hours'; readonly amount: number };

const DAYS_FIELD: Readonly<Record<Level, 'gridDays' | 'townshipDays' | 'countyDays'>> = {
  grid: 'gridDays',
  township: 'townshipDays',
  county: 'countyDays',
};

/** The limits used where a category sets none (the configured defaults, MINYI_* / config). */
export interface DefaultTimeLimits {
  readonly gridDays: number;
  readonly townshipDays: number;
  readonly countyDays: number;
  readonly warningOffsetHours: number;
}

/**
 * A category's limit fields as stored: each may be unset (null or absent). The per-level warning
 * offsets fall back to the category's all-levels `warningOffsetHours`, which falls back to the
 * default: so a category stored before the per-level offsets existed warns as it did at every level.
 */
export interface StoredCategoryLimits {
  readonly gridDays?: number | null;
  readonly townshipDays?: number | null;
  readonly countyDays?: number | null;
  readonly urgentHours?: number | null;
  readonly warningOffsetHours?: number | null;
  readonly gridWarningOffsetHours?: number | null;
  readonly townshipWarningOffsetHours?: number | null;
  readonly countyWarningOffsetHours?: number | null;
}

/** The limits in force for one category: every level's days and warning offset decided. */
export interface EffectiveLimits extends CategoryTimeLimits {
  readonly urgentHours: number | null;
  /** Working hours before the due time at which an item at that level is warned (催办). */
  readonly warningOffsetHours: Readonly<Record<Level, number>>;
}

export const WARNING_OFFSET_FIELD: Readonly<
  Record<
    Level,
    'gridWarningOffsetHours' | 'townshipWarningOffsetHours' | 'countyWarningOffsetHours'
  >
> = {
  grid: 'gridWarningOffsetHours',
  township: 'townshipWarningOffsetHours',
  county: 'countyWarningOffsetHours',
};

const isSet = (value: number | null | undefined): value is number =>
  value !== null && value !== undefined;

/**
 * The one rule for a category's effective limits: the category's own value where it sets one,
 * else the default. An item without a category (null) gets the defaults; urgentHours has no default.
 */
export function effectiveLimits(
  category: StoredCategoryLimits | null | undefined,
  defaults: DefaultTimeLimits
): EffectiveLimits {
  const own = category ?? {};
  const allLevels = isSet(own.warningOffsetHours)
    ? own.warningOffsetHours
    : defaults.warningOffsetHours;
  const offsetAt = (level: Level): number => {
    const value = own[WARNING_OFFSET_FIELD[level]];
    return isSet(value) ? value : allLevels;
  };
  return {
    gridDays: isSet(own.gridDays) ? own.gridDays : defaults.gridDays,
    townshipDays: isSet(own.townshipDays) ? own.townshipDays : defaults.townshipDays,
    countyDays: isSet(own.countyDays) ? own.countyDays : defaults.countyDays,
    urgentHours: isSet(own.urgentHours) ? own.urgentHours : null,
    warningOffsetHours: {
      grid: offsetAt('grid'),
      township: offsetAt('township'),
      county: offsetAt('county'),
    },
  };
}

/** urgentHours wins over the level's days: an urgent matter is urgent wherever it sits. */
export function timeLimitFor(category: CategoryTimeLimits, level: Level): TimeLimit {
  const { urgentHours } = category;
  if (urgentHours !== null && urgentHours !== undefined) {
    if (!(urgentHours > 0 && Number.isFinite(urgentHours))) {
      throw new RangeError(`urgentHours must be more than 0, got ${urgentHours}`);
    }
    return { unit: 'working-hours', amount: urgentHours };
  }
  const days = category[DAYS_FIELD[level]];
  if (!Number.isInteger(days) || days < 1) {
    throw new RangeError(`${DAYS_FIELD[level]} must be a whole number of at least 1, got ${days}`);
  }
  return { unit: 'working-days', amount: days };
}

/** When an item that reaches `level` at `from` must be done by. */
export function dueAtFor(
  calendar: WorkingCalendar,
  category: CategoryTimeLimits,
  level: Level,
  from: Date
): Date {
  const limit = timeLimitFor(category, level);
  return limit.unit === 'working-hours'
    ? calendar.addWorkingHours(from, limit.amount)
    : calendar.addWorkingDays(from, limit.amount);
}

/** The moment to warn (催办): from then on at most `warningOffsetHours` of working time remain. */
export function warningTimeFor(
  calendar: WorkingCalendar,
  dueAt: Date,
  warningOffsetHours: number
): Date {
  return calendar.subtractWorkingHours(dueAt, warningOffsetHours);
}

export interface ExtensionRequest {
  readonly currentDueAt: Date;
  /** More working days counted from the current due, or a new deadline. */
  readonly extension: { readonly workingDays: number } | { readonly until: Date };
  readonly reason: string;
}

export type ExtensionRefusalCode = 'REASON_REQUIRED' | 'INVALID_EXTENSION' | 'NOT_LATER_THAN_DUE';

export type ExtensionResult =
  | { readonly ok: true; readonly dueAt: Date; readonly reason: string }
  | Refusal<ExtensionRefusalCode>;

/**
 * The new deadline of an extension (延期). A requested deadline outside working time is moved back
 * to the end of the working time before it, because a deadline on a Sunday means Friday evening
 * to whoever works; the result must still be later than the current deadline.
 */
export function extendDueAt(calendar: WorkingCalendar, request: ExtensionRequest): ExtensionResult {
  const reason = request.reason.trim();
  if (reason === '') {
    return refuse('REASON_REQUIRED', '延期须说明理由', 'An extension needs a reason');
  }
  let dueAt: Date;
  if ('workingDays' in request.extension) {
    const { workingDays } = request.extension;
    if (!Number.isInteger(workingDays) || workingDays < 1) {
      return refuse(
        'INVALID_EXTENSION',
        '延期天数须为正整数',
        'Extension days must be a whole number of at least 1'
      );
    }
    dueAt = calendar.addWorkingDays(request.currentDueAt, workingDays);
  } else {
    if (Number.isNaN(request.extension.until.getTime())) {
      return refuse(
        'INVALID_EXTENSION',
        '延期时限无效',
        'The requested deadline is not a valid date'
      );
    }
    dueAt = calendar.subtractWorkingHours(request.extension.until, 0);
  }
  if (dueAt <= request.currentDueAt) {
    return refuse(
      'NOT_LATER_THAN_DUE',
      '延期后的办理时限须晚于当前时限',
      'The new deadline must be later than the current one in working time'
    );
  }
  return { ok: true, dueAt, reason };
}

export interface PausedClock {
  readonly dueAt: Date;
  /** When the handler started waiting for the resident (补充材料、约定上门时间). */
  readonly pausedAt: Date;
  readonly resumedAt: Date;
}

/** The deadline after a pause: the working time spent waiting for the resident does not count. */
export function resumedDueAt(calendar: WorkingCalendar, clock: PausedClock): Date {
  if (clock.resumedAt < clock.pausedAt) {
    throw new RangeError('A clock cannot resume before it was paused');
  }
  return calendar.addWorkingHours(
    clock.dueAt,
    calendar.workingHoursBetween(clock.pausedAt, clock.resumedAt)
  );
}
