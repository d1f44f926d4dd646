import fc from 'fast-check';
import { arrangementErrors } from './arrangement';
import { createWorkingCalendar } from './calendar';

/** Local Shanghai wall-clock time as an instant. */
const shanghai = (local: string): Date => new Date(`${local}+08:00`);

const calendar = createWorkingCalendar();

describe('official arrangements (holidays-cn.md)', () => {
  it('treats 2026-01-04, a Sunday, as a working day and New Year 2026 as off', () => {
    expect(calendar.isWorkingDay('2026-01-04')).toBe(true);
    expect(calendar.isWorkingDay(shanghai('2026-01-04T10:00:00'))).toBe(true);
    expect(['2026-01-01', '2026-01-02', '2026-01-03'].map(calendar.isWorkingDay)).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('follows National Day 2026 (Oct 1–7 off, Sat Oct 10 working) and 2025 (Oct 1–8 off, Sat Oct 11 working)', () => {
    expect(calendar.isWorkingDay('2026-10-07')).toBe(false);
    // The notice ends the 2026 break on Oct 7, so Thursday Oct 8 is an ordinary working day.
    expect(calendar.isWorkingDay('2026-10-08')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false);
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true);
  });

  it('steps over the 2026 Spring Festival: Fri Feb 13 → Sat Feb 14 (调休) → Tue Feb 24', () => {
    const friday = shanghai('2026-02-13T10:00:00');
    expect(calendar.addWorkingDays(friday, 1)).toEqual(shanghai('2026-02-14T18:00:00'));
    expect(calendar.addWorkingDays(friday, 2)).toEqual(shanghai('2026-02-24T18:00:00'));
    expect(calendar.addWorkingHours(shanghai('2026-02-14T17:00:00'), 2)).toEqual(
      shanghai('2026-02-24T09:00:00')
    );
  });

  it('counts the official 16 working days in February 2026', () => {
    expect(calendar.workingDaysInRange('2026-02-01', '2026-02-28')).toBe(16);
    expect(
      calendar.workingDaysBetween(shanghai('2026-01-30T18:00:00'), shanghai('2026-02-28T18:00:00'))
    ).toBe(16);
  });

  it('gives 248 working days in each of 2025 and 2026 (261 weekdays − 18/19 off + 5/6 调休)', () => {
    expect(calendar.workingDaysInRange('2025-01-01', '2025-12-31')).toBe(248);
    expect(calendar.workingDaysInRange('2026-01-01', '2026-12-31')).toBe(248);
  });

  it('transcribes the built-in data without errors', () => {
    expect(calendar.arrangedYears()).toEqual([2025, 2026]);
  });
});

describe('years without an arrangement', () => {
  it('fall back to Monday–Friday and are reported', () => {
    expect(calendar.yearsWithoutArrangement([2025, 2026, 2027, 2028])).toEqual([2027, 2028]);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(true); // a Friday: no New Year is invented
    expect(calendar.isWorkingDay('2027-01-02')).toBe(false);
  });

  it('take the arrangement a county enters, and an entered year replaces the built-in one', () => {
    const county = createWorkingCalendar({
      arrangements: {
        2027: { off: ['2027-01-01'], work: ['2027-01-02'] },
        2026: { off: [], work: [] },
      },
    });
    expect(county.yearsWithoutArrangement([2026, 2027])).toEqual([]);
    expect(county.isWorkingDay('2027-01-01')).toBe(false);
    expect(county.isWorkingDay('2027-01-02')).toBe(true);
    expect(county.isWorkingDay('2026-02-16')).toBe(true);
    expect(county.isWorkingDay('2025-01-01')).toBe(false);
  });

  it('can ignore the built-in data', () => {
    const plain = createWorkingCalendar({ useBuiltInArrangements: false });
    expect(plain.isWorkingDay('2026-01-01')).toBe(true);
    expect(plain.yearsWithoutArrangement([2026])).toEqual([2026]);
  });
});

describe('arrangement input', () => {
  it('rejects typos instead of silently shifting deadlines', () => {
    expect(arrangementErrors({ 2027: { off: ['2027-02-30'], work: [] } })).toHaveLength(1);
    expect(arrangementErrors({ 2027: { off: ['2027-02-10/2027-02-01'], work: [] } })).toHaveLength(
      1
    );
    expect(arrangementErrors({ 2027: { off: ['2027-01-01/2027-12-31'], work: [] } })).toHaveLength(
      1
    );
    expect(arrangementErrors({ 2027: { off: [], work: ['2027-01-04'] } })).toEqual([
      '2027 work "2027-01-04": 2027-01-04 is a weekday anyway',
    ]);
    expect(arrangementErrors({ 2027: { off: ['2027-01-02'], work: ['2027-01-02'] } })).toHaveLength(
      1
    );
    expect(arrangementErrors({ 2030: { off: ['2027-01-01'], work: [] } })).toHaveLength(1);
    expect(arrangementErrors({ next: { off: [], work: [] } })).toHaveLength(1);
    expect(() =>
      createWorkingCalendar({ arrangements: { 2027: { off: ['soon'], work: [] } } })
    ).toThrow(/Invalid holiday arrangement/);
  });

  it('accepts a New Year arrangement reaching into the previous December', () => {
    expect(
      arrangementErrors({ 2028: { off: ['2028-01-01/2028-01-03'], work: ['2027-12-25'] } })
    ).toEqual([]);
  });
});

describe('working time', () => {
  it('defaults to 08:00–12:00 and 14:00–18:00, both ends included', () => {
    expect(calendar.isWorkingTime(shanghai('2026-03-09T08:00:00'))).toBe(true);
    expect(calendar.isWorkingTime(shanghai('2026-03-09T12:30:00'))).toBe(false);
    expect(calendar.isWorkingTime(shanghai('2026-03-09T18:00:00'))).toBe(true);
    expect(calendar.isWorkingTime(shanghai('2026-03-09T18:00:01'))).toBe(false);
    expect(calendar.isWorkingTime(shanghai('2026-03-07T10:00:00'))).toBe(false); // Saturday
    expect(calendar.nextWorkingTime(shanghai('2026-03-06T19:00:00'))).toEqual(
      shanghai('2026-03-09T08:00:00')
    );
  });

  it('starts the day count at the next working time', () => {
    const tuesdayEnd = shanghai('2026-03-10T18:00:00');
    expect(calendar.addWorkingDays(shanghai('2026-03-09T10:00:00'), 1)).toEqual(tuesdayEnd); // Monday
    expect(calendar.addWorkingDays(shanghai('2026-03-09T07:00:00'), 1)).toEqual(tuesdayEnd); // Monday, early
    expect(calendar.addWorkingDays(shanghai('2026-03-06T20:00:00'), 1)).toEqual(tuesdayEnd); // Friday night
    expect(calendar.addWorkingDays(shanghai('2026-03-07T10:00:00'), 1)).toEqual(tuesdayEnd); // Saturday
    expect(() => calendar.addWorkingDays(tuesdayEnd, 0)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(tuesdayEnd, 1.5)).toThrow(RangeError);
  });

  it('adds and subtracts working hours across lunch, nights and weekends', () => {
    expect(calendar.addWorkingHours(shanghai('2026-03-09T11:00:00'), 2)).toEqual(
      shanghai('2026-03-09T15:00:00')
    );
    expect(calendar.addWorkingHours(shanghai('2026-03-06T17:00:00'), 2)).toEqual(
      shanghai('2026-03-09T09:00:00')
    );
    expect(calendar.addWorkingHours(shanghai('2026-03-06T17:00:00'), 1)).toEqual(
      shanghai('2026-03-06T18:00:00')
    );
    expect(calendar.subtractWorkingHours(shanghai('2026-03-12T18:00:00'), 8)).toEqual(
      shanghai('2026-03-11T18:00:00')
    );
    expect(calendar.subtractWorkingHours(shanghai('2026-03-09T10:00:00'), 3)).toEqual(
      shanghai('2026-03-06T17:00:00')
    );
    expect(
      calendar.workingHoursBetween(shanghai('2026-03-06T17:00:00'), shanghai('2026-03-09T09:00:00'))
    ).toBe(2);
    expect(
      calendar.workingHoursBetween(shanghai('2026-03-09T09:00:00'), shanghai('2026-03-06T17:00:00'))
    ).toBe(-2);
  });

  it('reaches as far as the same working time allows', () => {
    // Two hours from Friday 16:00 is used up at 18:00, but the clock stands still until Monday 08:00.
    expect(calendar.workingHorizon(shanghai('2026-03-06T16:00:00'), 2)).toEqual(
      shanghai('2026-03-09T08:00:00')
    );
    expect(calendar.workingHorizon(shanghai('2026-03-09T09:00:00'), 1)).toEqual(
      shanghai('2026-03-09T10:00:00')
    );
  });

  it('takes its zone and windows from configuration', () => {
    const utc = createWorkingCalendar({
      timeZone: 'UTC',
      workingHours: [{ from: '09:00', to: '17:00' }],
    });
    // 20:00 UTC on Saturday 2026-01-03 (off) is already Sunday 2026-01-04 (调休, working) in Shanghai.
    expect(utc.isWorkingDay(new Date('2026-01-03T20:00:00Z'))).toBe(false);
    expect(calendar.isWorkingDay(new Date('2026-01-03T20:00:00Z'))).toBe(true);
    expect(utc.addWorkingDays(new Date('2026-03-09T10:00:00Z'), 1)).toEqual(
      new Date('2026-03-10T17:00:00Z')
    );
    expect(() => createWorkingCalendar({ timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => createWorkingCalendar({ workingHours: [{ from: '14:00', to: '12:00' }] })).toThrow(
      /working hours/
    );
    expect(() => createWorkingCalendar({ workingHours: [] })).toThrow(/working hours/);
    expect(() => createWorkingCalendar({ workingHours: [{ from: '8:00', to: '24:00' }] })).toThrow(
      /working hours/
    );
    const joined = createWorkingCalendar({
      workingHours: [
        { from: '08:00', to: '12:00' },
        { from: '12:00', to: '13:00' },
      ],
    });
    expect(
      joined.workingHoursBetween(shanghai('2026-03-09T00:00:00'), shanghai('2026-03-10T00:00:00'))
    ).toBe(5);
  });
});

describe('working-time invariants', () => {
  const firstInstant = shanghai('2024-12-01T00:00:00').getTime();
  const dayMs = 86_400_000;
  /** Random instants, plus instants on and one millisecond around window edges and midnight. */
  const instant = fc.oneof(
    fc.date({
      min: new Date(firstInstant),
      max: shanghai('2027-12-31T23:59:59'),
      noInvalidDate: true,
    }),
    fc
      .record({
        day: fc.integer({ min: 0, max: 1000 }),
        minute: fc.constantFrom(0, 8 * 60, 12 * 60, 14 * 60, 18 * 60),
        nudge: fc.constantFrom(-1, 0, 1),
      })
      .map(
        ({ day, minute, nudge }) => new Date(firstInstant + day * dayMs + minute * 60_000 + nudge)
      )
  );
  const minutes = fc.integer({ min: 1, max: 60 * 80 });

  it('puts every due time inside working time and strictly after the start', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 }), (start, days) => {
        const due = calendar.addWorkingDays(start, days);
        return calendar.isWorkingTime(due) && due > start;
      })
    );
    fc.assert(
      fc.property(instant, minutes, (start, workingMinutes) => {
        const due = calendar.addWorkingHours(start, workingMinutes / 60);
        return calendar.isWorkingTime(due) && due > start;
      })
    );
  });

  it('gives n back when counting the working days it added', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 }), (start, days) => {
        return calendar.workingDaysBetween(start, calendar.addWorkingDays(start, days)) === days;
      })
    );
  });

  it('measures back exactly the working hours it added or subtracted', () => {
    fc.assert(
      fc.property(instant, minutes, (start, workingMinutes) => {
        const later = calendar.addWorkingHours(start, workingMinutes / 60);
        const earlier = calendar.subtractWorkingHours(start, workingMinutes / 60);
        const minutesBetween = (a: Date, b: Date): number =>
          Math.round(calendar.workingHoursBetween(a, b) * 60);
        return (
          minutesBetween(start, later) === workingMinutes &&
          minutesBetween(earlier, start) === workingMinutes
        );
      })
    );
  });

  it('agrees on warnings whether asked per item or as a horizon for a bulk query', () => {
    fc.assert(
      fc.property(instant, instant, fc.integer({ min: 0, max: 40 }), (now, due, offsetHours) => {
        const warnFrom = calendar.subtractWorkingHours(due, offsetHours);
        return warnFrom <= now === due <= calendar.workingHorizon(now, offsetHours);
      })
    );
  });
});
