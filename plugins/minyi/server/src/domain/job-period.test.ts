import fc from 'fast-check';
import {
  PERIOD_KEY_PATTERN,
  PERIOD_UNITS,
  type PeriodSpec,
  decideRun,
  isLeaseLive,
  isValidJobName,
  jobNameFromScheduleEnvKey,
  leaseExpiresAt,
  leaseRenewalIntervalMs,
  parseInstant,
  parseRunRequest,
  periodBounds,
  periodKey,
  periodOf,
  retentionCutoff,
  scheduleEnvKey,
} from './job-period';

const SHANGHAI = 'Asia/Shanghai';
const shanghai = (local: string): Date => new Date(`${local}+08:00`);

describe('period keys in the county zone', () => {
  it('names a 5-minute slot by its local start', () => {
    expect(periodKey(shanghai('2026-12-01T09:05:00'), SHANGHAI, { unit: 'minute', step: 5 })).toBe(
      '2026-12-01T09:05'
    );
    expect(
      periodKey(shanghai('2026-12-01T09:09:59.999'), SHANGHAI, { unit: 'minute', step: 5 })
    ).toBe('2026-12-01T09:05');
    expect(periodKey(shanghai('2026-12-01T09:10:00'), SHANGHAI, { unit: 'minute', step: 5 })).toBe(
      '2026-12-01T09:10'
    );
  });

  it('uses the county date, not UTC: 01:00 in Shanghai is still the previous day in UTC', () => {
    const at = shanghai('2026-12-01T01:00:00');
    expect(at.toISOString().slice(0, 10)).toBe('2026-11-30');
    expect(periodKey(at, SHANGHAI, { unit: 'day' })).toBe('2026-12-01');
    expect(periodKey(shanghai('2026-12-01T00:00:00'), SHANGHAI, { unit: 'month' })).toBe('2026-12');
    expect(periodKey(shanghai('2026-11-30T23:59:59'), SHANGHAI, { unit: 'month' })).toBe('2026-11');
  });

  it('names ISO weeks by their week-year (Monday start; 2026-12-31 is in 2026-W53, 2027-01-03 too)', () => {
    expect(periodKey(shanghai('2026-11-30T08:30:00'), SHANGHAI, { unit: 'week' })).toBe('2026-W49');
    expect(periodKey(shanghai('2026-11-29T23:59:00'), SHANGHAI, { unit: 'week' })).toBe('2026-W48');
    expect(periodKey(shanghai('2026-12-31T12:00:00'), SHANGHAI, { unit: 'week' })).toBe('2026-W53');
    expect(periodKey(shanghai('2027-01-03T12:00:00'), SHANGHAI, { unit: 'week' })).toBe('2026-W53');
    expect(periodKey(shanghai('2027-01-04T00:00:00'), SHANGHAI, { unit: 'week' })).toBe('2027-W01');
  });

  it('names hours, quarters and years', () => {
    const at = shanghai('2026-10-01T10:30:00');
    expect(periodKey(at, SHANGHAI, { unit: 'hour' })).toBe('2026-10-01T10');
    expect(periodKey(at, SHANGHAI, { unit: 'hour', step: 6 })).toBe('2026-10-01T06');
    expect(periodKey(at, SHANGHAI, { unit: 'quarter' })).toBe('2026-Q4');
    expect(periodKey(at, SHANGHAI, { unit: 'year' })).toBe('2026');
  });

  it('shifts whole periods with offset: the monthly spot-check on 1 December reports on November', () => {
    const at = shanghai('2026-12-01T09:00:00');
    expect(periodKey(at, SHANGHAI, { unit: 'month', offset: -1 })).toBe('2026-11');
    expect(
      periodKey(shanghai('2026-01-01T09:00:00'), SHANGHAI, { unit: 'month', offset: -1 })
    ).toBe('2025-12');
    expect(
      periodKey(shanghai('2026-01-01T09:00:00'), SHANGHAI, { unit: 'quarter', offset: -1 })
    ).toBe('2025-Q4');
    expect(periodKey(at, SHANGHAI, { unit: 'minute', step: 5, offset: -1 })).toBe(
      '2026-12-01T08:55'
    );
  });

  it('refuses steps that do not restart on the hour or at midnight, and steps on larger units', () => {
    expect(() => periodKey(new Date(), SHANGHAI, { unit: 'minute', step: 7 })).toThrow(/divide 60/);
    expect(() => periodKey(new Date(), SHANGHAI, { unit: 'hour', step: 5 })).toThrow(/divide 24/);
    expect(() => periodKey(new Date(), SHANGHAI, { unit: 'month', step: 2 })).toThrow(/no step/);
    expect(() => periodOf({ unit: 'minute', step: 0 })).toThrow(/≥ 1/);
    expect(() => periodKey(new Date(), 'Mars/Olympus', { unit: 'day' })).toThrow(/time zone/);
  });

  it('reads keys back into bounds and refuses malformed or unaligned ones', () => {
    expect(periodBounds('2026-11', SHANGHAI, { unit: 'month' })).toEqual({
      start: shanghai('2026-11-01T00:00:00'),
      end: shanghai('2026-12-01T00:00:00'),
    });
    expect(periodBounds('2026-W49', SHANGHAI, { unit: 'week' })).toEqual({
      start: shanghai('2026-11-30T00:00:00'),
      end: shanghai('2026-12-07T00:00:00'),
    });
    expect(periodBounds('2026-12-01T09:05', SHANGHAI, { unit: 'minute', step: 5 })?.end).toEqual(
      shanghai('2026-12-01T09:10:00')
    );
    for (const [key, spec] of [
      ['2026-13', { unit: 'month' }],
      ['2026-11-31', { unit: 'day' }],
      ['2026-W54', { unit: 'week' }],
      ['2025-W53', { unit: 'week' }], // 2025 has 52 ISO weeks
      ['2026-12-01T09:03', { unit: 'minute', step: 5 }],
      ['2026-12', { unit: 'day' }],
      ['2026-Q5', { unit: 'quarter' }],
    ] as Array<[string, PeriodSpec]>) {
      expect(periodBounds(key, SHANGHAI, spec)).toBeNull();
    }
  });

  const specs: fc.Arbitrary<PeriodSpec> = fc.oneof(
    fc.record({
      unit: fc.constant('minute' as const),
      step: fc.constantFrom(1, 2, 5, 10, 15, 30, 60),
    }),
    fc.record({ unit: fc.constant('hour' as const), step: fc.constantFrom(1, 2, 3, 6, 12, 24) }),
    fc
      .constantFrom(...PERIOD_UNITS.filter((unit) => unit !== 'minute' && unit !== 'hour'))
      .map((unit) => ({ unit }))
  );
  const instants = fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2099-12-31T00:00:00Z'),
    noInvalidDate: true,
  });

  it('property: the period of t contains t, and its key reads back to the same period', () => {
    fc.assert(
      fc.property(instants, specs, fc.constantFrom(SHANGHAI, 'UTC'), (t, spec, zone) => {
        const key = periodKey(t, zone, spec);
        expect(key).toMatch(PERIOD_KEY_PATTERN);
        const bounds = periodBounds(key, zone, spec);
        expect(bounds).not.toBeNull();
        expect(bounds!.start.getTime()).toBeLessThanOrEqual(t.getTime());
        expect(t.getTime()).toBeLessThan(bounds!.end.getTime());
        expect(periodKey(bounds!.start, zone, spec)).toBe(key);
        // The next period begins where this one ends and has a different key.
        expect(periodKey(bounds!.end, zone, spec)).not.toBe(key);
      })
    );
  });

  it('property: calendar periods also contain t in a zone with daylight saving', () => {
    fc.assert(
      fc.property(
        instants,
        fc.constantFrom<PeriodSpec>(
          { unit: 'day' },
          { unit: 'week' },
          { unit: 'month' },
          { unit: 'quarter' },
          { unit: 'year' }
        ),
        (t, spec) => {
          const bounds = periodBounds(
            periodKey(t, 'America/New_York', spec),
            'America/New_York',
            spec
          )!;
          expect(bounds.start.getTime()).toBeLessThanOrEqual(t.getTime());
          expect(t.getTime()).toBeLessThan(bounds.end.getTime());
        }
      )
    );
  });

  it('property: keys sort in time order within a unit (string order = chronological order)', () => {
    fc.assert(
      fc.property(instants, instants, specs, (a, b, spec) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(periodKey(early, SHANGHAI, spec) <= periodKey(late, SHANGHAI, spec)).toBe(true);
      })
    );
  });

  it('property: offset -1 names the period just before', () => {
    fc.assert(
      fc.property(instants, specs, (t, spec) => {
        const bounds = periodBounds(periodKey(t, SHANGHAI, spec), SHANGHAI, spec)!;
        expect(periodKey(t, SHANGHAI, { ...spec, offset: -1 })).toBe(
          periodKey(new Date(bounds.start.getTime() - 1), SHANGHAI, spec)
        );
      })
    );
  });
});

describe('leases', () => {
  it('a lease is live from its grant until, not including, its expiry', () => {
    const now = shanghai('2026-12-01T09:00:00');
    const expires = leaseExpiresAt(now, 60_000);
    expect(expires).toEqual(shanghai('2026-12-01T09:01:00'));
    expect(isLeaseLive(expires, now)).toBe(true);
    expect(isLeaseLive(expires, new Date(expires.getTime() - 1))).toBe(true);
    expect(isLeaseLive(expires, expires)).toBe(false);
    expect(isLeaseLive(null, now)).toBe(false);
    expect(() => leaseExpiresAt(now, 0)).toThrow(/≥ 1/);
    expect(() => leaseExpiresAt(now, 1.5)).toThrow(/whole/);
  });

  it('property: a lease is live for exactly ttl ms, and is renewed well before it lapses', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.integer({ min: 1, max: 86_400_000 }),
        fc.nat(),
        (t0, ttl, probe) => {
          const granted = new Date(t0);
          const expires = leaseExpiresAt(granted, ttl);
          const at = new Date(t0 + (probe % (2 * ttl)));
          expect(isLeaseLive(expires, at)).toBe(at.getTime() - t0 < ttl);
          const every = leaseRenewalIntervalMs(ttl);
          expect(every).toBeGreaterThanOrEqual(1);
          expect(every).toBeLessThanOrEqual(Math.max(1, ttl / 3));
        }
      )
    );
  });
});

describe('run decision', () => {
  it('runs a new period, skips a succeeded one unless forced, reruns failed and abandoned ones', () => {
    expect(decideRun(null, false)).toEqual({ start: true, rerun: false });
    expect(decideRun('succeeded', false)).toEqual({ start: false, reason: 'already-succeeded' });
    expect(decideRun('succeeded', true)).toEqual({ start: true, rerun: true });
    expect(decideRun('failed', false)).toEqual({ start: true, rerun: true });
    expect(decideRun('running', false)).toEqual({ start: true, rerun: true });
  });

  it('prunes by calendar days in the county zone', () => {
    expect(retentionCutoff(shanghai('2026-12-01T03:30:00'), 90, SHANGHAI)).toEqual(
      shanghai('2026-09-02T03:30:00')
    );
    expect(() => retentionCutoff(new Date(), 0, SHANGHAI)).toThrow(/≥ 1/);
  });
});

describe('names and requests', () => {
  it('accepts kebab-case job names only', () => {
    for (const name of ['escalation', 'outbox', 'job-runs-prune', 'monthly-spot-check2'])
      expect(isValidJobName(name)).toBe(true);
    for (const name of ['', 'Escalation', 'job_runs', '-x', 'x-', 'a--b', '1job', 'x'.repeat(65)])
      expect(isValidJobName(name)).toBe(false);
  });

  it('maps job names to schedule variables and back', () => {
    expect(scheduleEnvKey('escalation')).toBe('MINYI_JOB_ESCALATION_CRON');
    expect(scheduleEnvKey('job-runs-prune')).toBe('MINYI_JOB_JOB_RUNS_PRUNE_CRON');
    expect(jobNameFromScheduleEnvKey('MINYI_JOB_JOB_RUNS_PRUNE_CRON')).toBe('job-runs-prune');
    expect(jobNameFromScheduleEnvKey('MINYI_JOBS_ENABLED')).toBeNull();
    expect(jobNameFromScheduleEnvKey('MINYI_JOB__CRON')).toBeNull();
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,8}){0,3}$/), (name) => {
        expect(jobNameFromScheduleEnvKey(scheduleEnvKey(name))).toBe(name);
      })
    );
  });

  it('reads an explicit now with an offset as that instant, without one as county local time', () => {
    expect(parseInstant('2026-12-01T09:00:00+08:00', SHANGHAI)).toEqual(
      shanghai('2026-12-01T09:00:00')
    );
    expect(parseInstant('2026-12-01T01:00:00Z', SHANGHAI)).toEqual(shanghai('2026-12-01T09:00:00'));
    expect(parseInstant('2026-12-01T09:00', SHANGHAI)).toEqual(shanghai('2026-12-01T09:00:00'));
    expect(parseInstant('2026-12-01', SHANGHAI)).toEqual(shanghai('2026-12-01T00:00:00'));
    for (const bad of [
      '',
      'yesterday',
      '2026-13-01',
      '2026-12-01 09:00 tomorrow',
      '1733014800000',
    ]) {
      expect(parseInstant(bad, SHANGHAI)).toBeNull();
    }
  });

  it('checks the shape of a run request body', () => {
    expect(parseRunRequest(undefined)).toEqual({ ok: true, value: {} });
    expect(
      parseRunRequest({ now: '2026-12-01T09:00:00+08:00', period: '2026-12-01', force: true })
    ).toEqual({
      ok: true,
      value: { now: '2026-12-01T09:00:00+08:00', period: '2026-12-01', force: true },
    });
    expect(parseRunRequest([])).toMatchObject({ ok: false, code: 'not-an-object' });
    expect(parseRunRequest({ foce: true })).toMatchObject({ ok: false, code: 'unknown-field' });
    expect(parseRunRequest({ now: 1733014800000 })).toMatchObject({ ok: false, code: 'bad-now' });
    expect(parseRunRequest({ period: 202612 })).toMatchObject({ ok: false, code: 'bad-period' });
    expect(parseRunRequest({ force: 'yes' })).toMatchObject({ ok: false, code: 'bad-force' });
  });
});
