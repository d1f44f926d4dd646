import fc from 'fast-check';
import { createWorkingCalendar } from './calendar';
import {
  type SweepCategory,
  type SweepDecision,
  type SweepItem,
  type SweepPlan,
  decideSweepAction,
  planSweep,
} from './escalation';
import { ITEM_STATUSES, LEVELS, levelRank } from './vocabulary';

const shanghai = (local: string): Date => new Date(`${local}+08:00`);
const calendar = createWorkingCalendar();
const category: SweepCategory = {
  gridDays: 3,
  townshipDays: 5,
  countyDays: 10,
  urgentHours: null,
  warningOffsetHours: { grid: 8, township: 8, county: 8 },
};

const item = (overrides: Partial<SweepItem> = {}): SweepItem => ({
  status: 'in-progress',
  level: 'grid',
  dueAt: shanghai('2026-03-12T18:00:00'),
  warnedAt: null,
  overdueFlaggedAt: null,
  escalationCount: 0,
  ...overrides,
});

describe('escalation sweep decision', () => {
  it('warns once, at the warning offset before the due time', () => {
    expect(decideSweepAction(item(), category, shanghai('2026-03-11T17:59:00'), calendar)).toEqual({
      kind: 'none',
    });
    expect(decideSweepAction(item(), category, shanghai('2026-03-11T18:00:00'), calendar)).toEqual({
      kind: 'warn',
      event: 'warned',
    });
    // The evening before counts as the same working moment as Thursday 08:00.
    expect(
      decideSweepAction(item(), category, shanghai('2026-03-12T07:00:00'), calendar).kind
    ).toBe('warn');
    const warned = item({ warnedAt: shanghai('2026-03-11T18:00:00') });
    expect(decideSweepAction(warned, category, shanghai('2026-03-12T17:00:00'), calendar)).toEqual({
      kind: 'none',
    });
  });

  it('counts the due time itself as still on time', () => {
    expect(
      decideSweepAction(item(), category, shanghai('2026-03-12T18:00:00'), calendar).kind
    ).toBe('warn');
    const warned = item({ warnedAt: shanghai('2026-03-11T18:00:00') });
    expect(
      decideSweepAction(warned, category, shanghai('2026-03-12T18:00:00'), calendar).kind
    ).toBe('none');
  });

  it('escalates an overdue grid item to the township with a township deadline counted from now', () => {
    const now = shanghai('2026-03-12T18:05:00');
    expect(decideSweepAction(item({ escalationCount: 1 }), category, now, calendar)).toEqual({
      kind: 'escalate',
      event: 'escalated',
      fromLevel: 'grid',
      changes: {
        status: 'escalated',
        level: 'township',
        dueAt: shanghai('2026-03-20T18:00:00'),
        escalationCount: 2,
        warnedAt: null,
        overdueFlaggedAt: null,
      },
    });
  });

  it('uses urgent hours for the new level when the category is urgent', () => {
    const now = shanghai('2026-03-12T10:00:00');
    const decision = decideSweepAction(
      item({ level: 'township', dueAt: shanghai('2026-03-12T09:00:00') }),
      { ...category, urgentHours: 4 },
      now,
      calendar
    );
    expect(decision).toMatchObject({
      kind: 'escalate',
      changes: { level: 'county', dueAt: shanghai('2026-03-12T16:00:00') },
    });
  });

  it('flags an overdue county item once and never escalates past the county', () => {
    const now = shanghai('2026-03-13T09:00:00');
    const atCounty = item({ level: 'county', status: 'escalated' });
    expect(decideSweepAction(atCounty, category, now, calendar)).toEqual({
      kind: 'flag-overdue',
      event: 'overdue-flagged',
    });
    expect(
      decideSweepAction({ ...atCounty, overdueFlaggedAt: now }, category, now, calendar)
    ).toEqual({
      kind: 'none',
    });
  });

  it('leaves finished, paused and undated items alone', () => {
    const late = shanghai('2026-04-01T09:00:00');
    for (const status of ['resolved', 'closed', 'rejected'] as const) {
      expect(decideSweepAction(item({ status }), category, late, calendar)).toEqual({
        kind: 'none',
      });
    }
    expect(
      decideSweepAction(
        item({ pausedAt: shanghai('2026-03-10T09:00:00') }),
        category,
        late,
        calendar
      ).kind
    ).toBe('none');
    expect(decideSweepAction(item({ dueAt: null }), category, late, calendar).kind).toBe('none');
  });
});

describe('escalation invariants', () => {
  const instant = fc.date({
    min: shanghai('2025-06-01T00:00:00'),
    max: shanghai('2027-03-01T00:00:00'),
    noInvalidDate: true,
  });
  const anyItem = fc.record({
    status: fc.constantFrom(...ITEM_STATUSES),
    level: fc.constantFrom(...LEVELS),
    dueAt: fc.option(instant, { nil: null }),
    warnedAt: fc.option(instant, { nil: null }),
    overdueFlaggedAt: fc.option(instant, { nil: null }),
    escalationCount: fc.integer({ min: 0, max: 5 }),
    pausedAt: fc.option(instant, { nil: null, freq: 5 }),
  });
  const anyCategory = fc.record({
    gridDays: fc.integer({ min: 1, max: 20 }),
    townshipDays: fc.integer({ min: 1, max: 20 }),
    countyDays: fc.integer({ min: 1, max: 30 }),
    urgentHours: fc.option(fc.integer({ min: 1, max: 72 }), { nil: null, freq: 3 }),
    warningOffsetHours: fc.record({
      grid: fc.integer({ min: 0, max: 48 }),
      township: fc.integer({ min: 0, max: 48 }),
      county: fc.integer({ min: 0, max: 48 }),
    }),
  });

  it('never goes down a level: escalation is exactly one step up, with a later deadline', () => {
    fc.assert(
      fc.property(anyItem, anyCategory, instant, (snapshot, sweepCategory, now) => {
        const decision = decideSweepAction(snapshot, sweepCategory, now, calendar);
        if (decision.kind !== 'escalate') {
          return true;
        }
        return (
          levelRank(decision.changes.level) === levelRank(snapshot.level) + 1 &&
          decision.changes.escalationCount === snapshot.escalationCount + 1 &&
          decision.changes.dueAt > now &&
          calendar.isWorkingTime(decision.changes.dueAt)
        );
      })
    );
  });

  it('does nothing twice: after applying a decision the same sweep neither escalates nor flags again', () => {
    fc.assert(
      fc.property(anyItem, anyCategory, instant, (snapshot, sweepCategory, now) => {
        const first = decideSweepAction(snapshot, sweepCategory, now, calendar);
        const after = apply(snapshot, first, now);
        const second = decideSweepAction(after, sweepCategory, now, calendar);
        if (first.kind === 'none' || first.kind === 'warn' || first.kind === 'flag-overdue') {
          return second.kind === 'none';
        }
        return second.kind === 'none' || second.kind === 'warn';
      })
    );
  });

  it('makes the same decision as the set-based plan a bulk sweep runs', () => {
    fc.assert(
      fc.property(anyItem, anyCategory, instant, (snapshot, sweepCategory, now) => {
        const plan = planSweep(calendar, now, [
          ...Object.values(sweepCategory.warningOffsetHours),
          8,
        ]);
        const decided = decideSweepAction(snapshot, sweepCategory, now, calendar).kind;
        return (
          decided === planned(plan, snapshot, sweepCategory.warningOffsetHours[snapshot.level])
        );
      })
    );
  });
});

function apply(snapshot: SweepItem, decision: SweepDecision, now: Date): SweepItem {
  switch (decision.kind) {
    case 'none':
      return snapshot;
    case 'warn':
      return { ...snapshot, warnedAt: now };
    case 'flag-overdue':
      return { ...snapshot, overdueFlaggedAt: now };
    case 'escalate':
      return { ...snapshot, ...decision.changes };
  }
}

/** The plan's conditions evaluated as a WHERE clause would evaluate them on one row. */
function planned(plan: SweepPlan, row: SweepItem, offsetHours: number): SweepDecision['kind'] {
  const { dueAt } = row;
  if (!plan.activeStatuses.includes(row.status) || dueAt === null || row.pausedAt) {
    return 'none';
  }
  if (plan.escalate.levels.includes(row.level) && dueAt < plan.escalate.dueBefore) {
    return 'escalate';
  }
  if (
    row.level === plan.flagOverdue.level &&
    dueAt < plan.flagOverdue.dueBefore &&
    row.overdueFlaggedAt === null
  ) {
    return 'flag-overdue';
  }
  const window = plan.warn.find((part) => part.offsetHours === offsetHours);
  if (window && row.warnedAt === null && dueAt >= window.dueFrom && dueAt <= window.dueUntil) {
    return 'warn';
  }
  return 'none';
}
