import fc from 'fast-check';
import {
  ZERO_COUNTS,
  addCounts,
  countByUnit,
  formatPercent,
  rankUnits,
  ratesOf,
  shortfallsOf,
  type MetricItem,
  type UnitCounts,
} from './metrics';

const bounds = {
  start: new Date('2026-10-01T00:00:00+08:00'),
  end: new Date('2026-11-01T00:00:00+08:00'),
};
const dayIndex = (at: Date) => Math.floor((at.getTime() + 8 * 3600_000) / 86_400_000);

function counts(received: number, handled: number, extra: Partial<UnitCounts> = {}): UnitCounts {
  return { ...ZERO_COUNTS, received, handled, ...extra };
}

describe('rates', () => {
  it('prints the seed figure: 541 handled of 577 received is 93.76%', () => {
    expect(formatPercent(541, 577)).toBe('93.76%');
    expect(ratesOf(counts(577, 541)).resolutionRate).toBeCloseTo(0.937608, 6);
  });

  it('never divides by zero: a unit without items has null rates', () => {
    const rates = ratesOf(ZERO_COUNTS, { sampled: 0, passed: 0 });
    expect(rates).toEqual({
      resolutionRate: null,
      onTimeRate: null,
      signOffRate: null,
      satisfactionRate: null,
      spotCheckPassRate: null,
      averageWorkingDaysToResolve: null,
    });
    expect(formatPercent(0, 0)).toBeNull();
  });

  it('keeps every rate within 0..1', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), (a, b) => {
        const [handled, received] = a <= b ? [a, b] : [b, a];
        const value = ratesOf(counts(received, handled)).resolutionRate;
        return received === 0 ? value === null : value !== null && value >= 0 && value <= 1;
      })
    );
  });
});

describe('countByUnit', () => {
  const item = (over: Partial<MetricItem>): MetricItem => ({
    state: 'closed',
    receivedAt: new Date('2026-10-12T09:00:00+08:00'),
    acceptedAt: new Date('2026-10-12T10:00:00+08:00'),
    resolvedAt: new Date('2026-10-14T09:00:00+08:00'),
    dueAt: new Date('2026-10-15T18:00:00+08:00'),
    satisfaction: 'satisfied',
    ...over,
  });

  it('counts only items received in the period and not refused, per unit', () => {
    const items = [
      item({}),
      item({ state: 'in-progress', resolvedAt: null, satisfaction: null }),
      item({ state: 'rejected' }),
      item({ receivedAt: new Date('2026-09-30T23:00:00+08:00') }),
      item({ resolvedAt: new Date('2026-10-16T09:00:00+08:00'), satisfaction: 'dissatisfied' }),
    ];
    const byUnit = countByUnit(items, bounds, () => ['T1'], dayIndex);
    expect(byUnit.get('T1')).toEqual({
      received: 3,
      signedOff: 3,
      handled: 2,
      onTime: 1,
      rated: 2,
      satisfied: 1,
      timedHandled: 2,
      workingDaysToResolve: 2 + 4,
    });
  });

  it('adds up the same whatever the split into parts (counts are additive)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 30 }), (flags) => {
        const items = flags.map((handled) =>
          item(handled ? {} : { state: 'assigned', resolvedAt: null })
        );
        const whole = countByUnit(items, bounds, () => ['U'], dayIndex).get('U') ?? ZERO_COUNTS;
        const half = Math.floor(items.length / 2);
        const a =
          countByUnit(items.slice(0, half), bounds, () => ['U'], dayIndex).get('U') ?? ZERO_COUNTS;
        const b =
          countByUnit(items.slice(half), bounds, () => ['U'], dayIndex).get('U') ?? ZERO_COUNTS;
        expect(addCounts(a, b)).toEqual(whole);
      })
    );
  });
});

describe('rankUnits', () => {
  const units = ['A', 'B', 'C', 'D'].map((code) => ({
    kind: 'township' as const,
    code,
    name: `${code}镇`,
  }));

  it('ranks units with enough items by resolution rate, lists the others unranked, and judges only ranked ones', () => {
    const table = new Map([
      ['A', counts(100, 95, { rated: 10, satisfied: 10 })],
      ['B', counts(100, 70, { rated: 10, satisfied: 5 })],
      ['C', counts(3, 0)],
    ]);
    const ranked = rankUnits(units, table, { minSample: 10 });
    expect(ranked.map((m) => [m.unit.code, m.rank])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', null],
      ['D', null],
    ]);
    expect(ranked[3].resolutionRate).toBeNull();
    const thresholds = { resolutionRate: 0.9, satisfactionRate: 0.8 };
    expect(shortfallsOf(ranked[0], thresholds)).toEqual([]);
    expect(shortfallsOf(ranked[1], thresholds).map((s) => s.metric)).toEqual([
      'resolutionRate',
      'satisfactionRate',
    ]);
    expect(shortfallsOf(ranked[2], thresholds)).toEqual([]); // 0% but only 3 items: not judged
  });
});
