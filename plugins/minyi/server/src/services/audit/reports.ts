import type { Core } from '@strapi/strapi';
import { periodBounds, type PeriodUnit } from '../../domain/job-period';
import { LEVEL_LABELS_ZH } from '../../domain/labels';
import {
  HANDLED_STATUSES,
  NOT_RECEIVED_STATUSES,
  SATISFIED,
  ZERO_COUNTS,
  formatRate,
  rankUnits,
  ratesOf,
  type UnitMetrics,
} from '../../domain/metrics';
import {
  countySummary,
  periodLabelZh,
  unitTable,
  type NoticeDraft,
  type ReportTable,
} from '../../domain/notice-content';
import type { NoticeKind } from '../../domain/notifications';
import { ACTIVE_STATUSES } from '../../domain/vocabulary';
import { noticesRepository } from '../../repositories/notices';
import { reportRowsRepository, type ReportStatuses } from '../../repositories/report-rows';
import { toDate } from '../../repositories/sql-rows';
import { structureRepository } from '../../repositories/structure';
import type { MetricsService } from '../stats/metrics';
import type { NoticeRecipient, NoticesService } from './notices';
import { minyiConfig, minyiService } from '../../plugin';
import { pathCodes, townshipOfPath } from '../../domain/grid-path';

type Connection = Core.Strapi['db']['connection'];

/** Items of one category in one village within a period: a problem that keeps coming back. */
const RECURRING_MIN_ITEMS = 3;
const TOP_CATEGORIES = 10;
const OVERDUE_ROWS = 50;

/** One notice a report run issued, with how many addresses it was mailed to. */
export interface IssuedReport {
  documentId: string;
  kind: NoticeKind;
  recipients: number;
}

export interface ReportRun {
  period: string;
  notices: IssuedReport[];
  skipped?: 'already-issued';
}

/** The domain's groups every report figure counts by. */
const STATUSES: ReportStatuses = {
  notReceived: NOT_RECEIVED_STATUSES,
  handled: HANDLED_STATUSES,
  satisfied: SATISFIED,
};

const DASH = '—';
const percent = (value: number | null) => formatRate(value) ?? DASH;

/**
 * Periodic reports as notices (周调度、月研判 + 民意专报、季汇报): metrics from set-based SQL,
 * tables without any personal data (tracking codes, categories, units and counts only), issued
 * with their mails to the configured recipients and the units concerned.
 */
const reports = ({ strapi }: { strapi: Core.Strapi }) => {
  const zone = () => minyiConfig(strapi).timezone;
  const metrics = (): MetricsService => minyiService(strapi, 'metrics');
  const notices = (): NoticesService => minyiService(strapi, 'notices');
  const figures = () => reportRowsRepository(strapi);

  function boundsOf(period: string, unit: PeriodUnit) {
    const bounds = periodBounds(period, zone(), { unit });
    if (!bounds) throw new Error(`"${period}" is not a ${unit} period`);
    return bounds;
  }

  async function alreadyIssued(kind: NoticeKind, period: string): Promise<boolean> {
    return noticesRepository(strapi).existsFor(kind, period);
  }

  async function unitRecipients(
    trx: Connection,
    units: readonly UnitMetrics[]
  ): Promise<NoticeRecipient[]> {
    const all: NoticeRecipient[] = [];
    for (const m of units)
      all.push(...(await notices().recipientsOfUnit(trx, m.unit.kind, m.unit.code)));
    return all;
  }

  async function issueAll(
    drafts: Array<{
      draft: NoticeDraft;
      townships?: string[];
      departments?: string[];
      recipients: (trx: Connection) => Promise<NoticeRecipient[]>;
    }>,
    now: Date
  ) {
    return strapi.db.transaction(async ({ trx }: { trx: Connection }) => {
      const issued: IssuedReport[] = [];
      for (const { draft, townships, departments, recipients } of drafts) {
        const notice = await notices().issue(
          trx,
          draft,
          { townshipCodes: townships, departmentCodes: departments },
          await recipients(trx),
          now
        );
        issued.push({
          documentId: notice.documentId,
          kind: draft.kind,
          recipients: notice.recipients.length,
        });
      }
      return issued;
    });
  }

  /** Open items past their deadline now, per township code. */
  async function openAndOverdueByTownship(
    now: Date
  ): Promise<Map<string, { open: number; overdue: number }>> {
    const rows = await figures().openAndOverdueByGridPath(ACTIVE_STATUSES, now);
    const byTownship = new Map<string, { open: number; overdue: number }>();
    for (const row of rows) {
      const township = townshipOfPath(String(row.gridPath ?? ''));
      if (!township) continue;
      const current = byTownship.get(township) ?? { open: 0, overdue: 0 };
      current.open += row.open;
      current.overdue += row.overdue;
      byTownship.set(township, current);
    }
    return byTownship;
  }

  async function categoryRows(bounds: { start: Date; end: Date }) {
    const rows = await figures().byCategory(bounds, STATUSES);
    return rows.map((row) => {
      const counts = {
        ...ZERO_COUNTS,
        received: row.received,
        handled: row.handled,
        rated: row.rated,
        satisfied: row.satisfied,
      };
      const rates = ratesOf(counts);
      return { name: row.name, counts, rates };
    });
  }

  function categoryTable(
    name: string,
    rows: Awaited<ReturnType<typeof categoryRows>>
  ): ReportTable {
    return {
      name,
      columns: ['事项分类', '受理件数', '办结件数', '民意解决率', '满意率'],
      rows: rows.map((r) => [
        r.name,
        String(r.counts.received),
        String(r.counts.handled),
        percent(r.rates.resolutionRate),
        percent(r.rates.satisfactionRate),
      ]),
    };
  }

  /** The same category again and again in one village: (category, village) with at least RECURRING_MIN_ITEMS items. */
  async function recurringProblems(bounds: { start: Date; end: Date }): Promise<ReportTable> {
    const rows = await figures().byCategoryAndGridPath(bounds, STATUSES);
    const byVillage = new Map<
      string,
      { category: string; village: string; township: string; n: number }
    >();
    for (const row of rows) {
      const codes = pathCodes(String(row.gridPath ?? ''));
      if (codes.length < 3) continue;
      const key = `${row.category}|${codes[2]}`;
      const entry = byVillage.get(key) ?? {
        category: row.category,
        village: codes[2],
        township: codes[1],
        n: 0,
      };
      entry.n += row.n;
      byVillage.set(key, entry);
    }
    const recurring = [...byVillage.values()]
      .filter((e) => e.n >= RECURRING_MIN_ITEMS)
      .sort((a, b) => b.n - a.n || a.category.localeCompare(b.category))
      .slice(0, OVERDUE_ROWS);
    const codes = [...new Set(recurring.flatMap((e) => [e.village, e.township]))];
    const names = await structureRepository(strapi).gridNames(codes);
    return {
      name: '反复出现的问题',
      columns: ['事项分类', '乡镇', '村(社区)', '件数'],
      rows: recurring.map((e) => [
        e.category,
        names.get(e.township) ?? e.township,
        names.get(e.village) ?? e.village,
        String(e.n),
      ]),
    };
  }

  /** Open items past their deadline at `now`: tracking code, category, level, township, deadline — no personal data. */
  async function overdueItems(now: Date): Promise<{ total: number; table: ReportTable }> {
    const { total, rows } = await figures().overdue(ACTIVE_STATUSES, now, OVERDUE_ROWS);
    const townships = (await structureRepository(strapi).unitNames()).township;
    const dateOf = (value: unknown) => {
      const date = toDate(value);
      return date
        ? new Intl.DateTimeFormat('en-CA', {
            timeZone: zone(),
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
          }).format(date)
        : DASH;
    };
    return {
      total,
      table: {
        name: '超期未办结事项',
        columns: ['查询码', '事项分类', '办理层级', '乡镇', '办理时限'],
        rows: rows.map((r) => {
          const township = townshipOfPath(String(r.gridPath ?? '')) ?? '';
          return [
            r.trackingCode,
            r.category ?? DASH,
            LEVEL_LABELS_ZH[r.level] ?? r.level,
            townships.get(township) ?? DASH,
            dateOf(r.dueAt),
          ];
        }),
      },
    };
  }

  const audit = () => minyiConfig(strapi).audit;

  return {
    /** 周调度: every township's week, with what is open and overdue now. */
    async weekly(period: string, now: Date): Promise<ReportRun> {
      if (await alreadyIssued('weekly', period))
        return { period, notices: [], skipped: 'already-issued' };
      const bounds = boundsOf(period, 'week');
      const { townships } = await metrics().units();
      const ranked = rankUnits(townships, await metrics().countsInSql(bounds, 'township'), {
        minSample: audit().minSample,
      });
      const open = await openAndOverdueByTownship(now);
      const table: ReportTable = {
        name: '乡镇周调度',
        columns: ['乡镇', '本周受理', '本周办结', '民意解决率', '满意率', '当前在办', '当前超期'],
        rows: ranked.map((m) => {
          const o = open.get(m.unit.code) ?? { open: 0, overdue: 0 };
          return [
            m.unit.name,
            String(m.counts.received),
            String(m.counts.handled),
            percent(m.resolutionRate),
            percent(m.satisfactionRate),
            String(o.open),
            String(o.overdue),
          ];
        }),
      };
      const draft: NoticeDraft = {
        kind: 'weekly',
        title: `${periodLabelZh(period)}民意事项周调度`,
        period,
        paragraphs: [
          `${periodLabelZh(period)}各乡镇民意事项受理、办结情况及当前在办、超期事项如下,请各乡镇对超期事项逐件调度、限时办结。`,
        ],
        tables: [table],
      };
      const issued = await issueAll(
        [
          {
            draft,
            recipients: async (trx) => [
              ...notices().reportRecipients(),
              ...(await unitRecipients(trx, ranked)),
            ],
          },
        ],
        now
      );
      return { period, notices: issued };
    },

    /** 月研判 across departments and categories, and the 民意专报 (top categories, recurring problems, overdue items). */
    async monthly(period: string, now: Date): Promise<ReportRun> {
      if (await alreadyIssued('monthly', period))
        return { period, notices: [], skipped: 'already-issued' };
      const bounds = boundsOf(period, 'month');
      const report = await metrics().report(bounds);
      const categories = await categoryRows(bounds);
      const recurring = await recurringProblems(bounds);
      const overdue = await overdueItems(now);
      const label = periodLabelZh(period);
      const monthly: NoticeDraft = {
        kind: 'monthly',
        title: `${label}民意事项月研判`,
        period,
        paragraphs: [
          countySummary(report.county),
          '各部门、各类事项办理情况如下,请各单位对照研判、补齐短板。',
        ],
        tables: [
          unitTable('部门办理情况', report.departments),
          unitTable('乡镇办理情况', report.townships),
          categoryTable('分类办理情况', categories),
        ],
      };
      const top = categories.slice(0, TOP_CATEGORIES);
      const special: NoticeDraft = {
        kind: 'special-report',
        title: `${label}民意专报`,
        period,
        paragraphs: [
          countySummary(report.county),
          top.length > 0
            ? `群众反映最集中的事项分类:${top
                .slice(0, 3)
                .map((c) => `${c.name}(${c.counts.received} 件)`)
                .join('、')}。`
            : '本月无新受理事项。',
          `同一村(社区)同类问题反复出现(${RECURRING_MIN_ITEMS} 件及以上)的共 ${recurring.rows.length} 处。`,
          `截至 ${now.toISOString().slice(0, 10)},超期未办结事项 ${overdue.total} 件${overdue.total > OVERDUE_ROWS ? `(列出最早到期的 ${OVERDUE_ROWS} 件)` : ''}。`,
        ],
        tables: [categoryTable('事项分类排行', top), recurring, overdue.table],
      };
      const issued = await issueAll(
        [
          {
            draft: monthly,
            recipients: async (trx) => [
              ...notices().reportRecipients(),
              ...(await unitRecipients(trx, report.departments)),
            ],
          },
          { draft: special, recipients: async () => notices().reportRecipients() },
        ],
        now
      );
      return { period, notices: issued };
    },

    /** 季汇报 to the county committee and government: county totals, townships and departments. */
    async quarterly(period: string, now: Date): Promise<ReportRun> {
      if (await alreadyIssued('quarterly', period))
        return { period, notices: [], skipped: 'already-issued' };
      const report = await metrics().report(boundsOf(period, 'quarter'));
      const draft: NoticeDraft = {
        kind: 'quarterly',
        title: `${periodLabelZh(period)}民意直通车工作汇报`,
        period,
        paragraphs: [countySummary(report.county), '各乡镇、各部门本季度办理情况如下。'],
        tables: [
          unitTable('乡镇办理情况', report.townships),
          unitTable('部门办理情况', report.departments),
        ],
      };
      const issued = await issueAll(
        [{ draft, recipients: async () => notices().reportRecipients() }],
        now
      );
      return { period, notices: issued };
    },
  };
};

export default reports;
