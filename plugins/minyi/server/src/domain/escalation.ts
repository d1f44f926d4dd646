import type { WorkingCalendar } from './calendar';
import { type CategoryTimeLimits, type EffectiveLimits, dueAtFor } from './deadlines';
import {
  ACTIVE_STATUSES,
  type ItemStatus,
  type Level,
  LEVELS,
  isTerminalStatus,
  nextLevel,
} from './vocabulary';

/** What the sweep needs to know about one item; field names as on the item content type. */
export interface SweepItem {
  readonly status: ItemStatus;
  readonly level: Level;
  readonly dueAt: Date | null;
  readonly warnedAt: Date | null;
  readonly overdueFlaggedAt: Date | null;
  readonly escalationCount: number;
  /** Set while the clock is stopped waiting for the resident; a stopped clock cannot run out. */
  readonly pausedAt?: Date | null;
}

/** A category's limits as the sweep applies them: `effectiveLimits` of the category. */
export type SweepCategory = EffectiveLimits;

/**
 * The field values that make "once" mean once per deadline: whoever changes an item's dueAt
 * (escalation, extension, resuming a pause, reopening) writes these with it, so the new deadline
 * gets its own warning and its own overdue flag.
 */
export const DUE_CHANGE_RESETS = { warnedAt: null, overdueFlaggedAt: null } as const;

export type SweepDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'warn'; readonly event: 'warned' }
  | {
      readonly kind: 'escalate';
      readonly event: 'escalated';
      readonly fromLevel: Level;
      /** Item fields to write. */
      readonly changes: {
        readonly status: 'escalated';
        readonly level: Level;
        readonly dueAt: Date;
        readonly escalationCount: number;
        readonly warnedAt: null;
        readonly overdueFlaggedAt: null;
      };
    }
  /** Overdue at county level: for the lead leader and the next bulletin (通报). */
  | { readonly kind: 'flag-overdue'; readonly event: 'overdue-flagged' };

/**
 * One sweep step for one item at `now`. An item is overdue once `now` is past `dueAt` (a deadline
 * of 18:00 is met at 18:00). Overdue below the county: one level up with a fresh deadline for the
 * new level counted from now. Overdue at the county: flagged once. Not yet overdue: warned once,
 * when no more than the category's warning offset for the item's level of working time is left.
 */
export function decideSweepAction(
  item: SweepItem,
  category: SweepCategory,
  now: Date,
  calendar: WorkingCalendar
): SweepDecision {
  const { dueAt } = item;
  if (isTerminalStatus(item.status) || dueAt === null || isSet(item.pausedAt)) {
    return { kind: 'none' };
  }
  if (dueAt < now) {
    const step = escalationStep(calendar, category, item.level, now);
    if (step !== null) {
      return {
        kind: 'escalate',
        event: 'escalated',
        fromLevel: item.level,
        changes: {
          status: 'escalated',
          level: step.toLevel,
          dueAt: step.dueAt,
          escalationCount: item.escalationCount + 1,
          ...DUE_CHANGE_RESETS,
        },
      };
    }
    return isSet(item.overdueFlaggedAt)
      ? { kind: 'none' }
      : { kind: 'flag-overdue', event: 'overdue-flagged' };
  }
  if (
    !isSet(item.warnedAt) &&
    dueAt <= calendar.workingHorizon(now, category.warningOffsetHours[item.level])
  ) {
    return { kind: 'warn', event: 'warned' };
  }
  return { kind: 'none' };
}

/** Where an overdue item at `level` goes and its new deadline; null at county. */
export function escalationStep(
  calendar: WorkingCalendar,
  category: CategoryTimeLimits,
  level: Level,
  now: Date
): { toLevel: Level; dueAt: Date } | null {
  const toLevel = nextLevel(level);
  return toLevel === null ? null : { toLevel, dueAt: dueAtFor(calendar, category, toLevel, now) };
}

/**
 * The same decision as set-based conditions, for a sweep over millions of rows. Every item
 * condition also requires status IN activeStatuses, paused_at IS NULL and due_at IS NOT NULL.
 * The three parts are disjoint (overdue or not), so they may run in any order, and each is
 * idempotent because it sets what its own condition tests.
 *
 * - escalate:      level IN escalate.levels AND due_at < escalate.dueBefore; new level and due per
 *                  (category, level) group from `escalationStep`, escalation_count + 1, resets.
 * - flag-overdue:  level = 'county' AND due_at < flagOverdue.dueBefore AND overdue_flagged_at IS NULL.
 * - warn:          per distinct warning offset, category's warning_offset_hours = offsetHours AND
 *                  warned_at IS NULL AND due_at >= dueFrom AND due_at <= dueUntil.
 */
export interface SweepPlan {
  readonly now: Date;
  readonly activeStatuses: readonly ItemStatus[];
  readonly escalate: { readonly levels: readonly Level[]; readonly dueBefore: Date };
  readonly flagOverdue: { readonly level: Level; readonly dueBefore: Date };
  readonly warn: ReadonlyArray<{
    readonly offsetHours: number;
    readonly dueFrom: Date;
    readonly dueUntil: Date;
  }>;
}

/** `warningOffsets`: the distinct warningOffsetHours among categories (a handful). */
export function planSweep(
  calendar: WorkingCalendar,
  now: Date,
  warningOffsets: readonly number[]
): SweepPlan {
  return {
    now,
    activeStatuses: ACTIVE_STATUSES,
    escalate: { levels: LEVELS.filter((level) => nextLevel(level) !== null), dueBefore: now },
    flagOverdue: { level: 'county', dueBefore: now },
    warn: [...new Set(warningOffsets)].map((offsetHours) => ({
      offsetHours,
      dueFrom: now,
      dueUntil: calendar.workingHorizon(now, offsetHours),
    })),
  };
}

function isSet(value: Date | null | undefined): boolean {
  return value !== null && value !== undefined;
}

/**
 * The fixed parts of the sweep's candidate conditions, as SQL with literal values: open, unpaused items
 * below the county (escalate), or at the county and not yet flagged (flag-overdue). The hot-path indexes
 * `items_escalation_due_idx` and `items_overdue_flag_due_idx` are partial indexes over exactly these
 * conditions (database/migrations/…hot-path-indexes.js spells the same text, and a test keeps the two
 * equal), so each candidate page costs what it returns. The values must be literals, not bound
 * parameters: SQLite uses a partial index only when the query's WHERE contains the index's terms as
 * written. They come from the vocabulary, never from input; the guard below keeps it that way.
 */
export function sweepCandidateCondition(
  plan: Pick<SweepPlan, 'activeStatuses' | 'escalate' | 'flagOverdue'>,
  part: 'escalate' | 'flag-overdue',
  alias = ''
): string {
  const literal = (value: string): string => {
    if (!/^[a-z][a-z-]*$/.test(value)) throw new Error(`not a vocabulary word: ${value}`);
    return `'${value}'`;
  };
  const column = (name: string): string => (alias ? `${alias}.${name}` : name);
  const open = [
    `${column('state')} in (${plan.activeStatuses.map(literal).join(', ')})`,
    `${column('paused_at')} is null`,
  ];
  return (
    part === 'escalate'
      ? [...open, `${column('level')} in (${plan.escalate.levels.map(literal).join(', ')})`]
      : [
          ...open,
          `${column('level')} = ${literal(plan.flagOverdue.level)}`,
          `${column('overdue_flagged_at')} is null`,
        ]
  ).join(' and ');
}
