import fc from 'fast-check';
import { parseDashboardQuery } from './dashboard-query';

const ZONE = 'Asia/Shanghai';
const NOW = new Date('2026-12-01T02:00:00Z'); // 1 December 2026, 10:00 in the county

describe('the dashboard period', () => {
  it('defaults to the current month, with the previous month and 12 trend months', () => {
    const result = parseDashboardQuery({}, NOW, ZONE);
    if (!result.ok) throw new Error('refused');
    expect(result.value).toMatchObject({ unit: 'month', key: '2026-12', previousKey: '2026-11' });
    expect(result.value.bounds.start.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(result.value.trendMonths[0]).toBe('2026-01');
    expect(result.value.trendMonths[11]).toBe('2026-12');
  });

  it('takes quarters, years and ranges; a range is compared with as many days before it', () => {
    const quarter = parseDashboardQuery({ period: '2026-Q1' }, NOW, ZONE);
    expect(quarter.ok && quarter.value.previousKey).toBe('2025-Q4');
    const year = parseDashboardQuery({ period: '2026' }, NOW, ZONE);
    expect(year.ok && year.value.previousKey).toBe('2025');
    const range = parseDashboardQuery({ from: '2026-03-01', to: '2026-03-10' }, NOW, ZONE);
    if (!range.ok) throw new Error('refused');
    expect(range.value.previousKey).toBe('2026-02-19~2026-02-28');
    expect(range.value.previous.end).toEqual(range.value.bounds.start);
  });

  it('refuses bad input field by field', () => {
    const fields = (raw: unknown) => {
      const result = parseDashboardQuery(raw, NOW, ZONE);
      return result.ok ? [] : result.problems.map((p) => p.field);
    };
    expect(fields({ period: '2026-13' })).toEqual(['period']);
    expect(fields({ period: '26' })).toEqual(['period']);
    expect(fields({ from: '2026-01-01' })).toEqual(['to']);
    expect(fields({ from: '2026-02-30', to: '2026-03-01' })).toEqual(['from']);
    expect(fields({ from: '2026-03-02', to: '2026-03-01' })).toEqual(['to']);
    expect(fields({ from: '2025-01-01', to: '2026-03-01' })).toEqual(['to']);
    expect(fields({ period: '2026', from: '2026-01-01', to: '2026-01-02' })).toEqual(['period']);
    expect(fields({ sort: 'x' })).toEqual(['sort']);
  });

  it('a period and the one before it are adjacent and equally long (in local days)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('month', 'quarter', 'year'),
        (year, month, unit) => {
          const key =
            unit === 'month'
              ? `${year}-${String(month).padStart(2, '0')}`
              : unit === 'quarter'
                ? `${year}-Q${((month - 1) % 4) + 1}`
                : String(year);
          const result = parseDashboardQuery({ period: key }, NOW, ZONE);
          if (!result.ok) return false;
          return result.value.previous.end.getTime() === result.value.bounds.start.getTime();
        }
      )
    );
  });
});
