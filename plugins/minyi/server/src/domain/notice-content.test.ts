import { ZERO_COUNTS, rankUnits, ratesOf } from './metrics';
import { bulletinDraft, periodLabelZh, rectificationDraft, unitTable } from './notice-content';
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

describe('bulletinDraft', () => {
  const COUNTS = { ...ZERO_COUNTS, received: 10, handled: 9 };
  const input = {
    period: '2026-11',
    county: { ...COUNTS, ...ratesOf(COUNTS) },
    townships: [],
    departments: [],
    sampled: 4,
    passed: 3,
    minSample: 5,
    weak: [],
  };

  it('names the rectifications past their date, in a paragraph and a table', () => {
    const draft = bulletinDraft({
      ...input,
      overdueRectifications: [
        {
          title: '整改通知书(黄山头镇,2026年10月)',
          units: ['黄山头镇'],
          rectifyBy: '2026-11-12',
          stateLabel: '已签收',
        },
      ],
    });
    expect(draft.paragraphs.at(-1)).toBe(
      '以下 1 份整改通知书已过整改期限仍未整改到位,请相关单位立即整改并报送整改报告:黄山头镇(限 2026-11-12 前,已签收)。'
    );
    expect(draft.tables.at(-1)).toEqual({
      name: '逾期未整改',
      columns: ['整改通知书', '单位', '整改期限', '状态'],
      rows: [['整改通知书(黄山头镇,2026年10月)', '黄山头镇', '2026-11-12', '已签收']],
    });
  });

  it('says nothing of rectifications when none is overdue', () => {
    const draft = bulletinDraft({ ...input, overdueRectifications: [] });
    expect(draft.paragraphs.join('')).not.toContain('整改期限');
    expect(draft.tables.map((t) => t.name)).toEqual(['乡镇排名', '部门排名']);
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
