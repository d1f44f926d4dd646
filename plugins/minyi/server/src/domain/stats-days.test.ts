import fc from 'fast-check';
import { periodBounds } from './job-period';
import { dayRangeOf, dayRuns } from './stats-days';

describe('dayRuns', () => {
  it('covers exactly the given days with disjoint, non-adjacent runs in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), (days) => {
        const runs = dayRuns(days);
        const covered = runs.flatMap((run) => Array.from({ length: run.to - run.from }, (_, i) => run.from + i));
        expect(covered).toEqual([...new Set(days)].sort((a, b) => a - b));
        for (let i = 1; i < runs.length; i++) expect(runs[i].from).toBeGreaterThan(runs[i - 1].to);
      }),
    );
  });
});

describe('dayRangeOf', () => {
  const zone = 'Asia/Shanghai';
  it('gives the local days of every stats period (month, week, quarter, year)', () => {
    for (const [key, unit, days] of [['2026-10', 'month', 31], ['2026-W44', 'week', 7], ['2026-Q4', 'quarter', 92], ['2026', 'year', 365], ['2028-02', 'month', 29]] as const) {
      const bounds = periodBounds(key, zone, { unit });
      expect(bounds).not.toBeNull();
      const range = dayRangeOf(bounds!, zone);
      expect(range).not.toBeNull();
      expect(range!.to - range!.from).toBe(days);
    }
    // 2026-10-01 local is day 20727 (2026-10-01 is 20727 days after 1970-01-01).
    expect(dayRangeOf(periodBounds('2026-10', zone, { unit: 'month' })!, zone)!.from).toBe(Date.UTC(2026, 9, 1) / 86_400_000);
  });

  it('refuses bounds that are not local midnights (they cannot be summed from day cells)', () => {
    expect(dayRangeOf({ start: new Date('2026-10-01T00:00:00Z'), end: new Date('2026-11-01T00:00:00Z') }, zone)).toBeNull();
    expect(dayRangeOf({ start: new Date('2026-09-30T16:00:00Z'), end: new Date('2026-10-31T16:00:01Z') }, zone)).toBeNull();
  });

  it('handles a zone with daylight saving time (local midnights move against UTC)', () => {
    const bounds = periodBounds('2026-03', 'Europe/Berlin', { unit: 'month' })!;
    expect(dayRangeOf(bounds, 'Europe/Berlin')).toEqual({ from: Date.UTC(2026, 2, 1) / 86_400_000, to: Date.UTC(2026, 3, 1) / 86_400_000 });
  });
});
