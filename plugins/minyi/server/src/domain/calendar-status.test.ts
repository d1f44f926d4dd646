import fc from 'fast-check';
import { calendarStatus } from './calendar-status';

const ZONE = 'Asia/Shanghai';

describe('calendarStatus: next year missing from 1 November', () => {
  it('does not warn on 31 October, warns on 1 November (local time)', () => {
    expect(calendarStatus(new Date('2026-10-31T15:59:59Z'), ZONE, [2025, 2026], []).warn).toBe(
      false
    );
    // 2026-11-01 00:00 in Shanghai is 2026-10-31 16:00 UTC.
    const status = calendarStatus(new Date('2026-10-31T16:00:00Z'), ZONE, [2025, 2026], []);
    expect(status).toMatchObject({
      year: 2026,
      nextYear: 2027,
      nextYearHasArrangement: false,
      warn: true,
    });
  });

  it('stops warning once next year is entered', () => {
    const status = calendarStatus(new Date('2026-12-01T00:00:00Z'), ZONE, [2025, 2026], [2027]);
    expect(status).toMatchObject({ nextYearHasArrangement: true, warn: false });
    expect(status.arrangedYears).toEqual([2025, 2026, 2027]);
  });

  it('warns exactly in November and December of a year whose next year is missing', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z') }),
        fc.boolean(),
        (now, nextEntered) => {
          const local = new Date(now.getTime() + 8 * 3600_000); // Shanghai has no DST
          const year = local.getUTCFullYear();
          const status = calendarStatus(now, ZONE, [2025, 2026], nextEntered ? [year + 1] : []);
          const late = local.getUTCMonth() >= 10;
          const nextKnown = nextEntered || [2025, 2026].includes(year + 1);
          expect(status.year).toBe(year);
          expect(status.warn).toBe(late && !nextKnown);
        }
      )
    );
  });
});
