import {
  THRESHOLD_LABELS_ZH,
  formatRate,
  type Shortfall,
  type UnitCounts,
  type UnitMetrics,
  type UnitRates,
} from './metrics';
import type { NoticeKind } from './notifications';

/**
 * The wording and tables of notices (bulletins, rectification notices, reports), in Chinese, from
 * metrics alone: no resident's name, phone, address or free text ever goes into a notice.
 */

export interface ReportTable {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

export interface NoticeDraft {
  readonly kind: NoticeKind;
  readonly title: string;
  readonly period: string;
  readonly paragraphs: readonly string[];
  readonly tables: readonly ReportTable[];
  readonly unitName?: string;
  readonly rectifyBy?: string;
}

export const NOTICE_KIND_LABELS_ZH: Readonly<Record<NoticeKind, string>> = {
  bulletin: '通报',
  rectification: '整改通知书',
  'special-report': '民意专报',
  weekly: '周调度',
  monthly: '月研判',
  quarterly: '季汇报',
};

const QUARTERS_ZH = ['一', '二', '三', '四'];

/** 2026-10 → 2026年10月, 2026-W44 → 2026年第44周, 2026-Q4 → 2026年第四季度. */
export function periodLabelZh(period: string): string {
  let match = /^(\d{4})-(\d{2})$/.exec(period);
  if (match) return `${match[1]}年${Number(match[2])}月`;
  match = /^(\d{4})-W(\d{2})$/.exec(period);
  if (match) return `${match[1]}年第${Number(match[2])}周`;
  match = /^(\d{4})-Q([1-4])$/.exec(period);
  if (match) return `${match[1]}年第${QUARTERS_ZH[Number(match[2]) - 1]}季度`;
  return period;
}

const DASH = '—';
const text = (value: number | null) => formatRate(value) ?? DASH;
const days = (value: number | null) => (value === null ? DASH : value.toFixed(2));

export const UNIT_TABLE_COLUMNS = [
  '排名',
  '单位',
  '受理件数',
  '办结件数',
  '民意解决率',
  '按期办结率',
  '签收率',
  '满意率',
  '抽查件数',
  '抽查通过率',
  '平均办结工作日',
] as const;

export function unitRow(m: UnitMetrics): string[] {
  return [
    m.rank === null ? '不排名(样本不足)' : String(m.rank),
    m.unit.name,
    String(m.counts.received),
    String(m.counts.handled),
    text(m.resolutionRate),
    text(m.onTimeRate),
    text(m.signOffRate),
    text(m.satisfactionRate),
    m.spotCheck ? String(m.spotCheck.sampled) : DASH,
    text(m.spotCheckPassRate),
    days(m.averageWorkingDaysToResolve),
  ];
}

export function unitTable(name: string, metrics: readonly UnitMetrics[]): ReportTable {
  return { name, columns: [...UNIT_TABLE_COLUMNS], rows: metrics.map(unitRow) };
}

export function countySummary(county: UnitCounts & UnitRates): string {
  return (
    `全县共受理民意事项 ${county.received} 件,办结 ${county.handled} 件,民意解决率 ${text(county.resolutionRate)},` +
    `按期办结率 ${text(county.onTimeRate)},群众满意率 ${text(county.satisfactionRate)}。`
  );
}

export function shortfallText(shortfalls: readonly Shortfall[]): string {
  return shortfalls
    .map(
      (s) => `${THRESHOLD_LABELS_ZH[s.metric]} ${text(s.value)}(要求不低于 ${text(s.threshold)})`
    )
    .join(';');
}

export interface BulletinInput {
  readonly period: string;
  readonly county: UnitCounts & UnitRates;
  readonly townships: readonly UnitMetrics[];
  readonly departments: readonly UnitMetrics[];
  readonly sampled: number;
  readonly passed: number;
  readonly minSample: number;
  /** Units below the thresholds, in the order they are named. */
  readonly weak: ReadonlyArray<{
    readonly metrics: UnitMetrics;
    readonly shortfalls: readonly Shortfall[];
  }>;
  /** Rectification notices past their rectify-by date without an accepted report (may be absent: none). */
  readonly overdueRectifications?: readonly OverdueRectification[];
}

/** A rectification notice past its date, as the next bulletin names it. */
export interface OverdueRectification {
  readonly title: string;
  /** The addressed units' names. */
  readonly units: readonly string[];
  readonly rectifyBy: string;
  /** Its state in Chinese (已下发, 已签收, 退回重报). */
  readonly stateLabel: string;
}

export function bulletinDraft(input: BulletinInput): NoticeDraft {
  const label = periodLabelZh(input.period);
  const paragraphs = [
    `根据月抽查通报机制,现将${label}民意事项办理情况及抽查回访结果通报如下。`,
    countySummary(input.county),
    `本月共抽查已办结事项 ${input.sampled} 件,回访核实已解决 ${input.passed} 件,抽查通过率 ${formatRate(input.sampled > 0 ? input.passed / input.sampled : null) ?? DASH};未解决事项已退回重新办理。`,
    `受理不足 ${input.minSample} 件的单位列出数据,不参与排名。`,
    input.weak.length === 0
      ? '本月各单位指标均达到要求。'
      : `以下单位工作推进不力,已下达整改通知书:${input.weak.map((w) => `${w.metrics.unit.name}(${shortfallText(w.shortfalls)})`).join(';')}。`,
  ];
  const overdue = input.overdueRectifications ?? [];
  if (overdue.length > 0)
    paragraphs.push(
      `以下 ${overdue.length} 份整改通知书已过整改期限仍未整改到位,请相关单位立即整改并报送整改报告:${overdue
        .map((o) => `${o.units.join('、') || o.title}(限 ${o.rectifyBy} 前,${o.stateLabel})`)
        .join(';')}。`
    );
  return {
    kind: 'bulletin',
    title: `关于${label}民意事项办理情况的通报`,
    period: input.period,
    paragraphs,
    tables: [
      unitTable('乡镇排名', input.townships),
      unitTable('部门排名', input.departments),
      ...(overdue.length > 0
        ? [
            {
              name: '逾期未整改',
              columns: ['整改通知书', '单位', '整改期限', '状态'],
              rows: overdue.map((o) => [o.title, o.units.join('、'), o.rectifyBy, o.stateLabel]),
            },
          ]
        : []),
    ],
  };
}

export function rectificationDraft(
  period: string,
  metrics: UnitMetrics,
  shortfalls: readonly Shortfall[],
  rectifyBy: string
): NoticeDraft {
  const label = periodLabelZh(period);
  return {
    kind: 'rectification',
    title: `整改通知书(${metrics.unit.name},${label})`,
    period,
    unitName: metrics.unit.name,
    rectifyBy,
    paragraphs: [
      `${metrics.unit.name}:`,
      `经${label}月抽查和指标核算,你单位${shortfallText(shortfalls)},未达到全县要求。`,
      `请认真查找原因,逐件整改抽查中群众反映未解决的事项,于 ${rectifyBy} 前完成整改,并在系统中签收本通知、报送整改情况。`,
    ],
    tables: [unitTable('本单位指标', [metrics])],
  };
}
