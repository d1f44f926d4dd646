import fc from 'fast-check';
import { DateTime } from 'luxon';
import { createWorkingCalendar } from './calendar';
import { localDayNumberer, offsetSpans, workingDayCounter, workingDayIndex } from './local-days';

/** What the SQL does with the spans: the first span whose end is after the instant gives the offset. */
function dayBySpans(spans: Array<{ until: number; offsetMs: number }>, at: number): number {
  const span = spans.find((s) => at < s.until) ?? spans[spans.length - 1];
  return Math.floor((at + span.offsetMs) / 86_400_000);
}

describe('local days', () => {
  for (const zone of ['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe']) {
    it(`numbers local days like luxon does, also through the offset spans SQL uses (${zone})`, () => {
      const from = DateTime.fromISO('2026-01-01', { zone }).toJSDate();
      const to = DateTime.fromISO('2027-01-01', { zone }).toJSDate();
      const spans = offsetSpans(from, to, zone);
      const dayOf = localDayNumberer(zone);
      fc.assert(
        fc.property(fc.integer({ min: from.getTime(), max: to.getTime() - 1 }), (t) => {
          const expected = Math.round(
            DateTime.fromMillis(t, { zone })
              .startOf('day')
              .setZone('UTC', { keepLocalTime: true })
              .toMillis() / 86_400_000
          );
          expect(dayOf(new Date(t))).toBe(expected);
          expect(dayBySpans(spans, t)).toBe(expected);
        }),
        { numRuns: 2000 }
      );
    });
  }

  it('counts working days as differences of a running count, agreeing with the calendar', () => {
    const calendar = createWorkingCalendar({ timeZone: 'Asia/Shanghai' });
    const index = workingDayIndex(calendar);
    const counter = workingDayCounter(calendar);
    expect(counter(20_000)).toBe(0); // the first day asked is the origin
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 0, max: 60 }),
        (startDay, span) => {
          const a = DateTime.fromISO('2025-01-01', { zone: 'Asia/Shanghai' }).plus({
            days: startDay,
            hours: 10,
          });
          const b = a.plus({ days: span, hours: 3 });
          const expected =
            span === 0
              ? 0
              : calendar.workingDaysInRange(
                  a.plus({ days: 1 }).toISODate() as string,
                  b.toISODate() as string
                );
          expect(index(b.toJSDate()) - index(a.toJSDate())).toBe(expected);
        }
      ),
      { numRuns: 300 }
    );
  });
});
