import fc from 'fast-check';
import { CHINA_HOLIDAY_ARRANGEMENTS } from './holidays-cn';
import { createWorkingCalendar } from './calendar';
import { parseCategoryLimits, parseSection } from './settings-schema';
import {
  calendarArrangements,
  changedPaths,
  effectiveSettings,
  settingsFromConfig,
} from './settings-merge';

const context = { jobNames: ['escalation', 'outbox'], builtInYears: [2025, 2026] };
const paths = (problems: Array<{ path: Array<string | number> }>) =>
  problems.map((p) => p.path.join('.')).sort();

describe('settings schemas', () => {
  it('accepts good values of every section', () => {
    expect(
      parseSection(context, 'metrics', {
        minSample: 10,
        thresholds: { resolutionRate: 90, satisfactionRate: 90, spotCheckPassRate: 80 },
      }).ok
    ).toBe(true);
    expect(parseSection(context, 'spotCheck', { percent: 12.5, min: 0, max: 3 }).ok).toBe(true);
    expect(
      parseSection(context, 'jobs', { timezone: 'Asia/Urumqi', schedules: { outbox: '* * * * *' } })
        .ok
    ).toBe(true);
    expect(parseSection(context, 'notifications', { reportRecipients: [] }).ok).toBe(true);
    expect(
      parseSection(context, 'calendar', {
        years: { '2027': { off: ['2027-02-06/2027-02-12'], work: ['2027-01-30'] } },
      }).ok
    ).toBe(true);
  });

  it('names every wrong field, in Chinese and English', () => {
    const result = parseSection(context, 'spotCheck', { percent: 101, min: -1, max: 0, extra: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(paths(result.problems)).toEqual(['', 'max', 'min', 'percent']);
    for (const problem of result.problems) {
      expect(problem.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(problem.message).toMatch(/[a-z]/);
      expect(problem.message).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('refuses min above max, unknown jobs, bad cron, unknown zones and built-in years', () => {
    const spot = parseSection(context, 'spotCheck', { percent: 10, min: 5, max: 2 });
    expect(!spot.ok && paths(spot.problems)).toEqual(['min']);
    expect(
      parseSection(context, 'spotCheck', { percent: 10, min: 1, max: 2, strata: ['township'] }).ok
    ).toBe(true);
    for (const strata of [[], ['village'], ['township', 'township'], 'township']) {
      const bad = parseSection(context, 'spotCheck', { percent: 10, min: 1, max: 2, strata });
      expect(!bad.ok && paths(bad.problems).every((p) => p.startsWith('strata'))).toBe(true);
      expect(!bad.ok && bad.problems[0].messageZh).toMatch(/抽查分层|分层/);
    }
    const jobs = parseSection(context, 'jobs', {
      timezone: 'Nowhere/City',
      schedules: { escalation: '61 * * * *', nope: '* * * * *' },
    });
    expect(!jobs.ok && paths(jobs.problems)).toEqual([
      'schedules.escalation',
      'schedules.nope',
      'timezone',
    ]);
    const calendar = parseSection(context, 'calendar', {
      years: { '2026': { off: [], work: [] }, '1999': { off: [], work: [] } },
    });
    expect(!calendar.ok && paths(calendar.problems)).toEqual(['years.1999', 'years.2026']);
  });

  it('locates each wrong calendar entry (list and index)', () => {
    const result = parseSection(context, 'calendar', {
      years: { '2027': { off: ['2027-02-06', '2027-13-01'], work: ['2027-02-09', '2027-02-06'] } },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(paths(result.problems)).toEqual([
      'years.2027.off.1',
      'years.2027.work.0',
      'years.2027.work.1',
    ]);
  });

  it('checks category limits as the content type does', () => {
    expect(
      parseCategoryLimits({
        gridDays: 1,
        townshipDays: 60,
        countyDays: 90,
        urgentHours: null,
        warningOffsetHours: 0,
      }).ok
    ).toBe(true);
    const bad = parseCategoryLimits({
      gridDays: 61,
      townshipDays: 1,
      countyDays: 91,
      warningOffsetHours: -1,
    });
    expect(!bad.ok && paths(bad.problems)).toEqual([
      'countyDays',
      'gridDays',
      'urgentHours',
      'warningOffsetHours',
    ]);
  });

  it('checks the per-level warning offsets field by field, in Chinese; empty falls back', () => {
    const base = {
      gridDays: 3,
      townshipDays: 5,
      countyDays: 10,
      urgentHours: null,
      warningOffsetHours: 8,
    };
    const set = parseCategoryLimits({
      ...base,
      gridWarningOffsetHours: null,
      townshipWarningOffsetHours: 4,
      countyWarningOffsetHours: 240,
    });
    expect(set.ok && set.value).toEqual({
      ...base,
      gridWarningOffsetHours: null,
      townshipWarningOffsetHours: 4,
      countyWarningOffsetHours: 240,
    });
    const bad = parseCategoryLimits({
      ...base,
      gridWarningOffsetHours: -1,
      townshipWarningOffsetHours: 2.5,
      countyWarningOffsetHours: '8',
    });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(paths(bad.problems)).toEqual([
      'countyWarningOffsetHours',
      'gridWarningOffsetHours',
      'townshipWarningOffsetHours',
    ]);
    const township = bad.problems.find((p) => p.path[0] === 'townshipWarningOffsetHours');
    expect(township?.messageZh).toBe('乡镇预警提前量须为 0–240 的整数');
  });

  it('never accepts a minimum sample outside 1–100000 or a fraction (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), (minSample) => {
        const result = parseSection(context, 'metrics', {
          minSample,
          thresholds: { resolutionRate: 1, satisfactionRate: 1, spotCheckPassRate: 1 },
        });
        expect(result.ok).toBe(
          Number.isInteger(minSample) && minSample >= 1 && minSample <= 100_000
        );
      })
    );
  });
});

describe('merging', () => {
  const defaults = settingsFromConfig({
    timezone: 'Asia/Shanghai',
    jobs: { schedules: {} },
    audit: {
      minSample: 10,
      sampling: { percent: 10, min: 2, max: 20 },
      thresholds: { resolutionRate: 90, satisfactionRate: 90, spotCheckPassRate: 80 },
      reportRecipients: ['a@example.gov.cn'],
    },
  });

  it('replaces a stored section whole and keeps the defaults of the others', () => {
    const effective = effectiveSettings(defaults, { spotCheck: { percent: 5, min: 1, max: 3 } });
    expect(effective.spotCheck).toEqual({ percent: 5, min: 1, max: 3 });
    expect(effective.metrics).toBe(defaults.metrics);
  });

  it('makes the calendar from built-in plus entered years; built-in years win', () => {
    const merged = calendarArrangements(CHINA_HOLIDAY_ARRANGEMENTS, {
      '2026': { off: [], work: [] },
      '2027': { off: ['2027-02-08'], work: [] },
    });
    expect(Object.keys(merged).sort()).toEqual(['2025', '2026', '2027']);
    expect(merged['2026']).toBe(CHINA_HOLIDAY_ARRANGEMENTS[2026]);
    const calendar = createWorkingCalendar({ arrangements: merged, useBuiltInArrangements: false });
    expect(calendar.isWorkingDay('2027-02-08')).toBe(false);
    expect(calendar.isWorkingDay('2026-02-16')).toBe(false);
  });

  it('an entered year changes working days of that year only (property)', () => {
    const day = fc
      .integer({ min: 0, max: 364 })
      .map((offset) =>
        new Date(Date.UTC(2027, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10)
      );
    fc.assert(
      fc.property(
        fc.uniqueArray(day, { maxLength: 20 }),
        fc.integer({ min: 0, max: 729 }),
        (off, probe) => {
          const withYear = createWorkingCalendar({
            arrangements: calendarArrangements(CHINA_HOLIDAY_ARRANGEMENTS, {
              '2027': { off, work: [] },
            }),
            useBuiltInArrangements: false,
          });
          const builtIn = createWorkingCalendar();
          const date = new Date(Date.UTC(2026, 0, 1) + probe * 86_400_000)
            .toISOString()
            .slice(0, 10);
          const expected =
            date.startsWith('2027') && off.includes(date) ? false : builtIn.isWorkingDay(date);
          expect(withYear.isWorkingDay(date)).toBe(expected);
        }
      )
    );
  });

  it('lists the changed paths for the log', () => {
    expect(changedPaths(defaults.metrics, { ...defaults.metrics, minSample: 3 })).toEqual([
      'minSample',
    ]);
    expect(changedPaths(defaults.metrics, defaults.metrics)).toEqual([]);
  });
});
