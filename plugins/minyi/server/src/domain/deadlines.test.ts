import fc from 'fast-check';
import { createWorkingCalendar } from './calendar';
import {
  type CategoryTimeLimits,
  type DefaultTimeLimits,
  type StoredCategoryLimits,
  WARNING_OFFSET_FIELD,
  dueAtFor,
  effectiveLimits,
  extendDueAt,
  resumedDueAt,
  timeLimitFor,
  warningTimeFor,
} from './deadlines';
import { LEVELS } from './vocabulary';

const shanghai = (local: string): Date => new Date(`${local}+08:00`);
const calendar = createWorkingCalendar();
const ordinary: CategoryTimeLimits = { gridDays: 3, townshipDays: 5, countyDays: 10 };
const urgent: CategoryTimeLimits = { ...ordinary, urgentHours: 4 };

describe('due times', () => {
  it('counts the level’s working days from the category', () => {
    const monday = shanghai('2026-03-09T10:00:00');
    expect(timeLimitFor(ordinary, 'township')).toEqual({ unit: 'working-days', amount: 5 });
    expect(dueAtFor(calendar, ordinary, 'grid', monday)).toEqual(shanghai('2026-03-12T18:00:00'));
    expect(dueAtFor(calendar, ordinary, 'township', monday)).toEqual(
      shanghai('2026-03-16T18:00:00')
    );
    expect(dueAtFor(calendar, ordinary, 'county', monday)).toEqual(shanghai('2026-03-23T18:00:00'));
  });

  it('lets urgentHours win at every level', () => {
    for (const level of LEVELS) {
      expect(timeLimitFor(urgent, level)).toEqual({ unit: 'working-hours', amount: 4 });
    }
    expect(dueAtFor(calendar, urgent, 'county', shanghai('2026-03-06T16:00:00'))).toEqual(
      shanghai('2026-03-09T10:00:00')
    );
  });

  it('refuses categories that would give no time at all', () => {
    expect(() => timeLimitFor({ ...ordinary, gridDays: 0 }, 'grid')).toThrow(RangeError);
    expect(() => timeLimitFor({ ...ordinary, urgentHours: 0 }, 'grid')).toThrow(RangeError);
    expect(timeLimitFor({ ...ordinary, urgentHours: null }, 'grid').unit).toBe('working-days');
  });

  it('warns the offset’s working hours ahead of the due time', () => {
    expect(warningTimeFor(calendar, shanghai('2026-03-12T18:00:00'), 8)).toEqual(
      shanghai('2026-03-11T18:00:00')
    );
    expect(warningTimeFor(calendar, shanghai('2026-03-09T10:00:00'), 4)).toEqual(
      shanghai('2026-03-06T16:00:00')
    );
  });

  it('puts every due time inside working time, strictly after the start, for any category and level', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: shanghai('2025-01-01T00:00:00'),
          max: shanghai('2027-06-30T00:00:00'),
          noInvalidDate: true,
        }),
        fc.record({
          gridDays: fc.integer({ min: 1, max: 60 }),
          townshipDays: fc.integer({ min: 1, max: 60 }),
          countyDays: fc.integer({ min: 1, max: 90 }),
          urgentHours: fc.option(fc.integer({ min: 1, max: 72 }), { nil: null }),
        }),
        fc.constantFrom(...LEVELS),
        (from, category, level) => {
          const due = dueAtFor(calendar, category, level, from);
          return calendar.isWorkingTime(due) && due > from;
        }
      )
    );
  });
});

describe('extensions (延期)', () => {
  const currentDueAt = shanghai('2026-03-12T18:00:00');

  it('adds working days to the current due time', () => {
    expect(
      extendDueAt(calendar, {
        currentDueAt,
        extension: { workingDays: 2 },
        reason: ' 需协调供水公司 ',
      })
    ).toEqual({
      ok: true,
      dueAt: shanghai('2026-03-16T18:00:00'),
      reason: '需协调供水公司',
    });
  });

  it('moves a requested deadline outside working time back to the last working moment', () => {
    const sunday = shanghai('2026-03-15T23:59:59');
    expect(
      extendDueAt(calendar, { currentDueAt, extension: { until: sunday }, reason: '等待检测结果' })
    ).toEqual({
      ok: true,
      dueAt: shanghai('2026-03-13T18:00:00'),
      reason: '等待检测结果',
    });
  });

  it('needs a reason, a later deadline and a sensible amount', () => {
    const codeOf = (result: ReturnType<typeof extendDueAt>): string =>
      result.ok ? 'ok' : result.code;
    expect(
      codeOf(extendDueAt(calendar, { currentDueAt, extension: { workingDays: 1 }, reason: '  ' }))
    ).toBe('REASON_REQUIRED');
    expect(
      codeOf(extendDueAt(calendar, { currentDueAt, extension: { workingDays: 0 }, reason: 'x' }))
    ).toBe('INVALID_EXTENSION');
    expect(
      codeOf(
        extendDueAt(calendar, { currentDueAt, extension: { until: new Date('nope') }, reason: 'x' })
      )
    ).toBe('INVALID_EXTENSION');
    expect(
      codeOf(
        extendDueAt(calendar, { currentDueAt, extension: { until: currentDueAt }, reason: 'x' })
      )
    ).toBe('NOT_LATER_THAN_DUE');
    // Thursday night snaps back to Thursday 18:00, the current deadline itself.
    const thursdayNight = shanghai('2026-03-12T23:00:00');
    expect(
      codeOf(
        extendDueAt(calendar, { currentDueAt, extension: { until: thursdayNight }, reason: 'x' })
      )
    ).toBe('NOT_LATER_THAN_DUE');
  });
});

describe('pausing for the resident', () => {
  it('shifts the due time by the working time spent waiting', () => {
    const dueAt = shanghai('2026-03-12T18:00:00');
    // Waiting from Monday 16:00 to Tuesday 10:00 costs 2 + 2 working hours.
    const resumed = resumedDueAt(calendar, {
      dueAt,
      pausedAt: shanghai('2026-03-09T16:00:00'),
      resumedAt: shanghai('2026-03-10T10:00:00'),
    });
    expect(resumed).toEqual(shanghai('2026-03-13T12:00:00'));
    expect(
      resumedDueAt(calendar, {
        dueAt,
        pausedAt: shanghai('2026-03-07T09:00:00'),
        resumedAt: shanghai('2026-03-08T20:00:00'),
      })
    ).toEqual(dueAt);
    expect(() =>
      resumedDueAt(calendar, { dueAt, pausedAt: dueAt, resumedAt: shanghai('2026-03-01T00:00:00') })
    ).toThrow(RangeError);
  });

  it('keeps the working time left unchanged across any pause', () => {
    const instant = fc.date({
      min: shanghai('2026-01-01T00:00:00'),
      max: shanghai('2026-12-31T00:00:00'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(
        instant,
        instant,
        fc.integer({ min: 0, max: 30 * 24 * 60 }),
        (pausedAt, dueAt, pausedMinutes) => {
          const resumedAt = new Date(pausedAt.getTime() + pausedMinutes * 60_000);
          const newDue = resumedDueAt(calendar, { dueAt, pausedAt, resumedAt });
          const leftBefore = calendar.workingHoursBetween(pausedAt, dueAt);
          const leftAfter = calendar.workingHoursBetween(resumedAt, newDue);
          return Math.abs(leftBefore - leftAfter) < 1e-9;
        }
      )
    );
  });
});

describe('effective limits of a category', () => {
  const defaults: DefaultTimeLimits = {
    gridDays: 3,
    townshipDays: 5,
    countyDays: 10,
    warningOffsetHours: 8,
  };

  it('takes the category’s values over the defaults, field by field', () => {
    expect(effectiveLimits({ townshipDays: 2, urgentHours: null }, defaults)).toEqual({
      gridDays: 3,
      townshipDays: 2,
      countyDays: 10,
      urgentHours: null,
      warningOffsetHours: { grid: 8, township: 8, county: 8 },
    });
    expect(
      effectiveLimits(
        { gridDays: 1, warningOffsetHours: 4, countyWarningOffsetHours: 16, urgentHours: 6 },
        defaults
      )
    ).toEqual({
      gridDays: 1,
      townshipDays: 5,
      countyDays: 10,
      urgentHours: 6,
      warningOffsetHours: { grid: 4, township: 4, county: 16 },
    });
  });

  it('gives an item without a category the defaults, and never a default urgency', () => {
    expect(effectiveLimits(null, defaults)).toEqual({
      gridDays: 3,
      townshipDays: 5,
      countyDays: 10,
      urgentHours: null,
      warningOffsetHours: { grid: 8, township: 8, county: 8 },
    });
    expect(effectiveLimits(undefined, defaults)).toEqual(effectiveLimits({}, defaults));
  });

  const unset = fc.constantFrom(null, undefined);
  const maybe = (value: fc.Arbitrary<number>) => fc.oneof(value, unset);
  const anyStored: fc.Arbitrary<StoredCategoryLimits> = fc.record({
    gridDays: maybe(fc.integer({ min: 1, max: 30 })),
    townshipDays: maybe(fc.integer({ min: 1, max: 30 })),
    countyDays: maybe(fc.integer({ min: 1, max: 60 })),
    urgentHours: maybe(fc.integer({ min: 1, max: 72 })),
    warningOffsetHours: maybe(fc.integer({ min: 0, max: 240 })),
    gridWarningOffsetHours: maybe(fc.integer({ min: 0, max: 240 })),
    townshipWarningOffsetHours: maybe(fc.integer({ min: 0, max: 240 })),
    countyWarningOffsetHours: maybe(fc.integer({ min: 0, max: 240 })),
  });
  const anyDefaults: fc.Arbitrary<DefaultTimeLimits> = fc.record({
    gridDays: fc.integer({ min: 1, max: 30 }),
    townshipDays: fc.integer({ min: 1, max: 30 }),
    countyDays: fc.integer({ min: 1, max: 60 }),
    warningOffsetHours: fc.integer({ min: 0, max: 240 }),
  });
  const given = (value: number | null | undefined, fallback: number) => value ?? fallback;

  it('is the category’s value where set, else the level’s fallback chain, for any category', () => {
    fc.assert(
      fc.property(anyStored, anyDefaults, (stored, fallback) => {
        const limits = effectiveLimits(stored, fallback);
        const allLevels = given(stored.warningOffsetHours, fallback.warningOffsetHours);
        return (
          limits.gridDays === given(stored.gridDays, fallback.gridDays) &&
          limits.townshipDays === given(stored.townshipDays, fallback.townshipDays) &&
          limits.countyDays === given(stored.countyDays, fallback.countyDays) &&
          limits.urgentHours === (stored.urgentHours ?? null) &&
          LEVELS.every(
            (level) =>
              limits.warningOffsetHours[level] ===
              given(stored[WARNING_OFFSET_FIELD[level]], allLevels)
          )
        );
      })
    );
  });

  it('always yields limits a due time can be computed from at every level', () => {
    const monday = shanghai('2026-03-09T10:00:00');
    fc.assert(
      fc.property(anyStored, anyDefaults, (stored, fallback) => {
        const limits = effectiveLimits(stored, fallback);
        return LEVELS.every((level) => dueAtFor(calendar, limits, level, monday) > monday);
      })
    );
  });

  it('leaves a category with every field set unchanged by the defaults', () => {
    fc.assert(
      fc.property(anyStored, anyDefaults, anyDefaults, (stored, one, other) => {
        const full: StoredCategoryLimits = {
          gridDays: stored.gridDays ?? 1,
          townshipDays: stored.townshipDays ?? 2,
          countyDays: stored.countyDays ?? 3,
          urgentHours: stored.urgentHours ?? null,
          warningOffsetHours: stored.warningOffsetHours ?? 4,
          gridWarningOffsetHours: stored.gridWarningOffsetHours,
          townshipWarningOffsetHours: stored.townshipWarningOffsetHours,
          countyWarningOffsetHours: stored.countyWarningOffsetHours,
        };
        expect(effectiveLimits(full, one)).toEqual(effectiveLimits(full, other));
      })
    );
  });
});
