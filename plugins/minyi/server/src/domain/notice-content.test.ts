import { ZERO_COUNTS, rankUnits } from './metrics';
import { periodLabelZh, rectificationDraft, unitTable } from './notice-content';
import { parseStatsQuery } from './stats-query';

describe('notice wording', () => {
  it('names periods in Chinese', () => {
    expect(periodLabelZh('2026-10')).toBe('2026年10月');
    expect(periodLabelZh('2026-W44')).toBe('2026年第44周');
    expect(periodLabelZh('2026-Q4')).toBe('2026年第四季度');
  });

  it('tabulates units with dashes for rates that cannot be computed and names the shortfalls', () => {
    const [weak, empty] = rankUnits(
      [
        { kind: 'township', code: 'T', name: '黄山头镇' },
        { kind: 'township', code: 'E', name: '安康乡' },
      ],
      new Map([['T', { ...ZERO_COUNTS, received: 20, handled: 10, rated: 10, satisfied: 9 }]]),
      { minSample: 10 }
    );
    expect(unitTable('乡镇排名', [weak, empty]).rows).toEqual([
      ['1', '黄山头镇', '20', '10', '50.00%', '0.00%', '0.00%', '90.00%', '—', '—', '—'],
      ['不排名(样本不足)', '安康乡', '0', '0', '—', '—', '—', '—', '—', '—', '—'],
    ]);
    const draft = rectificationDraft(
      '2026-10',
      weak,
      [{ metric: 'resolutionRate', value: 0.5, threshold: 0.9 }],
      '2026-11-12'
    );
    expect(draft.paragraphs.join('')).toContain('民意解决率 50.00%(要求不低于 90.00%)');
    expect(draft).toMatchObject({
      kind: 'rectification',
      unitName: '黄山头镇',
      rectifyBy: '2026-11-12',
    });
  });
});

describe('parseStatsQuery', () => {
  const now = new Date('2026-11-28T08:00:00Z');
  it('defaults to the current month in the county and accepts quarters, weeks and years', () => {
    expect(parseStatsQuery({}, now, 'Asia/Shanghai')).toMatchObject({
      ok: true,
      value: { period: '2026-11', unit: 'month', township: null },
    });
    expect(
      parseStatsQuery({ period: '2026-Q4', township: 'T1' }, now, 'Asia/Shanghai')
    ).toMatchObject({ ok: true, value: { unit: 'quarter', township: 'T1' } });
    expect(parseStatsQuery({ period: '2026-W44' }, now, 'Asia/Shanghai')).toMatchObject({
      ok: true,
      value: { unit: 'week' },
    });
    expect(parseStatsQuery({ period: '2026' }, now, 'Asia/Shanghai')).toMatchObject({
      ok: true,
      value: { unit: 'year' },
    });
  });

  it('refuses malformed periods, odd township codes and any other parameter, by field', () => {
    const fields = (raw: unknown) => {
      const result = parseStatsQuery(raw, now, 'Asia/Shanghai');
      return result.ok ? [] : result.problems.map((p) => p.field);
    };
    expect(fields({ period: '2026-13' })).toEqual(['period']);
    expect(fields({ period: ['2026-10', '2026-11'] })).toEqual(['period']);
    expect(fields({ township: "x' OR 1=1" })).toEqual(['township']);
    expect(fields({ populate: '*', sort: 'submitterName' })).toEqual(['populate, sort']);
  });
});
