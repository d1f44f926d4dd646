import type { Core } from '@strapi/strapi';
import ExcelJS from 'exceljs';
import type {
  RecomputedSample,
  SheetEntry,
  SheetEvent,
  SpotCheckSheet,
  SpotCheckSummary,
} from '../../../../shared/spot-check';
import { itemInScope, type ItemScope } from '../../domain/access-scope';
import { strataOf, type SamplingRule } from '../../domain/spot-check-sample';
import { SATISFACTION_LABELS_ZH } from '../../domain/resident-feedback';
import type { SampleEntry } from '../../domain/spot-check-callback';
import { itemEventsRepository } from '../../repositories/item-events';
import { itemsRepository } from '../../repositories/items';
import { spotChecksRepository, type StoredSpotCheck } from '../../repositories/spot-checks';
import { toDate } from '../../repositories/sql-rows';
import { structureRepository } from '../../repositories/structure';
import { minyiService } from '../../plugin';
import { Refusal } from '../../refusal';

type StoredCheck = StoredSpotCheck;

const iso = (value: unknown) => toDate(value)?.toISOString() ?? null;

/** The stored rule as the sheet shows it, its strata spelled out (a rule stored without them drew both). */
function ruleOf(rule: SamplingRule | null): SpotCheckSheet['rule'] {
  const { percent, min, max } = rule ?? { percent: 0, min: 0, max: 0 };
  return { percent, min, max, strata: rule ? strataOf(rule) : [] };
}

/**
 * The spot-check review page (月度抽查): past months, one month's sample as a review sheet — seed,
 * rule and strata, and for every sampled item in the caller's unit its resolution, timeline,
 * callbacks and (for accounts allowed to read it) the resident's phone —, the sample drawn again
 * from its seed, and the sample with its results as an Excel workbook. Reads only: callbacks
 * and completion go through services/spot-check.ts.
 */
const spotCheckReview = ({ strapi }: { strapi: Core.Strapi }) => {
  async function load(documentId: string): Promise<StoredCheck> {
    const row = await spotChecksRepository(strapi).find(documentId);
    if (!row) throw new Refusal(404, 'NOT_FOUND', { zh: '抽查不存在', en: 'No such spot-check' });
    return row;
  }

  const unitNames = () => structureRepository(strapi).unitNames();

  async function timelines(itemIds: number[]): Promise<Map<number, SheetEvent[]>> {
    const stored = await itemEventsRepository(strapi).timelinesOf(itemIds);
    return new Map(
      [...stored].map(([id, events]) => [
        id,
        events.map((event) => ({
          type: String(event.type),
          at: iso(event.at) ?? '',
          actor: event.actorLabel,
          fromStatus: event.fromStatus,
          toStatus: event.toStatus,
          note: event.note,
        })),
      ])
    );
  }

  /** The stored sample's entries that lie in the caller's unit, by the handling route's rule. */
  async function entriesInScope(check: StoredCheck, scope: ItemScope) {
    const sample = check.sample ?? [];
    const items = await itemsRepository(strapi).forReviewSheet(
      sample.map((entry) => entry.documentId)
    );
    const visible = sample.filter((entry) => {
      const row = items.get(entry.documentId);
      if (!row) return scope.kind === 'county';
      return itemInScope(scope, row);
    });
    return { sample, visible, items };
  }

  return {
    /** Every month's spot-check, newest first (counts of the whole sample). */
    async list(): Promise<SpotCheckSummary[]> {
      const rows = await spotChecksRepository(strapi).recent(120);
      return rows.map((row) => {
        const sample = row.sample ?? [];
        return {
          documentId: row.documentId,
          period: row.period,
          state: row.state,
          sampled: sample.length,
          reviewed: sample.filter((e) => e.review).length,
          passed: sample.filter((e) => e.review?.passed).length,
          sampledAt: iso(row.sampledAt),
          completedAt: iso(row.completedAt),
        };
      });
    },

    async sheet(
      documentId: string,
      scope: ItemScope,
      mayReadPhone: boolean
    ): Promise<SpotCheckSheet> {
      const check = await load(documentId);
      const { sample, visible, items } = await entriesInScope(check, scope);
      const names = await unitNames();
      const ids = visible
        .map((entry) => items.get(entry.documentId)?.id)
        .filter((id): id is number => id !== undefined);
      const events = await timelines(ids);
      const results = check.results ?? {};
      const strata = (
        (results.strata as Array<{
          kind: 'township' | 'department';
          code: string;
          size: number;
          quota: number;
        }>) ?? []
      ).map((s) => ({ ...s, name: names[s.kind].get(s.code) ?? s.code }));
      const unit = (kind: 'township' | 'department', code: string | null) =>
        code ? { code, name: names[kind].get(code) ?? code } : null;
      const entries: SheetEntry[] = visible.map((entry) => {
        const row = items.get(entry.documentId);
        return {
          documentId: entry.documentId,
          trackingCode: entry.trackingCode,
          township: unit('township', entry.township),
          department: unit('department', entry.department),
          title: row?.title ?? '',
          state: row?.state ?? '',
          resolution: row?.resolution ?? null,
          phone: mayReadPhone ? (row?.submitterPhone ?? null) : null,
          review: entry.review,
          attempts: entry.attempts ?? [],
          timeline: row ? (events.get(row.id) ?? []) : [],
        };
      });
      const completed = check.state === 'completed' && typeof results.sampled === 'number';
      return {
        documentId: check.documentId,
        period: check.period,
        state: check.state,
        seed: check.seed,
        rule: ruleOf(check.samplingRule),
        candidates: typeof results.candidates === 'number' ? results.candidates : null,
        strata,
        sampledAt: iso(check.sampledAt),
        completedAt: iso(check.completedAt),
        entries,
        sampled: sample.length,
        reviewed: sample.filter((e) => e.review).length,
        mayReadPhone,
        results: completed
          ? {
              sampled: Number(results.sampled),
              passed: Number(results.passed),
              bulletin: (results.bulletin as string | null) ?? null,
              rectifications:
                (results.rectifications as NonNullable<
                  SpotCheckSheet['results']
                >['rectifications']) ?? [],
            }
          : null,
      };
    },

    /**
     * Draws the sample again from the stored seed and rule (domain/spot-check-sample.ts
     * drawSample). A unit's staff get their unit's part only — the drawn and the stored codes of
     * items in their scope, by the sheet's rule — so no other unit's tracking code reaches them;
     * the seed, rule and strata the explanation rests on are on the sheet for everyone.
     */
    async recompute(documentId: string, scope: ItemScope): Promise<RecomputedSample> {
      const check = await load(documentId);
      const drawn = await minyiService(strapi, 'spot-check').preview(
        check.period,
        check.seed,
        check.samplingRule ?? undefined
      );
      const { visible } = await entriesInScope(check, scope);
      let keys = [...drawn.keys];
      if (scope.kind !== 'county') {
        const items = await itemsRepository(strapi).forReviewSheet(
          keys.map((key) => drawn.documentIds.get(key) ?? '').filter((id) => id !== '')
        );
        keys = keys.filter((key) => {
          const row = items.get(drawn.documentIds.get(key) ?? '');
          return row !== undefined && itemInScope(scope, row);
        });
      }
      keys.sort();
      const stored = visible.map((e) => e.trackingCode).sort();
      const reopened = visible.filter((e) => e.review?.reopened).map((e) => e.trackingCode);
      return {
        keys,
        matches: JSON.stringify(keys) === JSON.stringify(stored),
        droppedOut: reopened.filter((code) => !keys.includes(code)),
      };
    },

    /** The sample with its results: one row per sampled item in the caller's unit. */
    async xlsx(documentId: string, scope: ItemScope): Promise<{ period: string; file: Buffer }> {
      const check = await load(documentId);
      const { visible } = await entriesInScope(check, scope);
      const names = await unitNames();
      const workbook = new ExcelJS.Workbook();
      workbook.creator = '民意直通车';
      const sheet = workbook.addWorksheet(`${check.period}月度抽查`);
      sheet.columns = [
        { header: '受理编号', key: 'code', width: 22 },
        { header: '乡镇', key: 'township', width: 16 },
        { header: '部门', key: 'department', width: 20 },
        { header: '回访结果', key: 'solved', width: 10 },
        { header: '满意度', key: 'satisfaction', width: 12 },
        { header: '抽查结论', key: 'passed', width: 10 },
        { header: '重新办理', key: 'reopened', width: 10 },
        { header: '回访时间', key: 'calledAt', width: 22 },
        { header: '回访人', key: 'by', width: 16 },
        { header: '未接通次数', key: 'attempts', width: 12 },
        { header: '备注', key: 'note', width: 40 },
      ];
      sheet.getRow(1).font = { bold: true };
      for (const entry of visible) {
        const review = entry.review as
          (SampleEntry['review'] & { calledAt?: string; note?: string }) | null;
        sheet.addRow({
          code: entry.trackingCode,
          township: entry.township ? (names.township.get(entry.township) ?? entry.township) : '',
          department: entry.department
            ? (names.department.get(entry.department) ?? entry.department)
            : '',
          solved: review ? (review.solved ? '已解决' : '未解决') : '待回访',
          satisfaction: review ? SATISFACTION_LABELS_ZH[review.satisfaction] : '',
          passed: review ? (review.passed ? '通过' : '不通过') : '',
          reopened: review?.reopened ? '是' : '',
          calledAt: review ? (review.calledAt ?? review.reviewedAt) : '',
          by: review?.reviewedBy ?? '',
          attempts: entry.attempts?.length ?? 0,
          note: review?.note ?? '',
        });
      }
      const file = Buffer.from(await workbook.xlsx.writeBuffer());
      return { period: check.period, file };
    },
  };
};

export type SpotCheckReviewService = ReturnType<typeof spotCheckReview>;
export default spotCheckReview;
