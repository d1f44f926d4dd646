import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { asPluginWriter } from '../handling/owned-fields';
import { periodBounds } from '../../domain/job-period';
import {
  HANDLED_STATUSES,
  shortfallsOf,
  type SpotCheckCounts,
  type Thresholds,
  type UnitMetrics,
} from '../../domain/metrics';
import {
  bulletinDraft,
  rectificationDraft,
  type OverdueRectification,
} from '../../domain/notice-content';
import { NOTICE_STATE_LABELS_ZH, type NoticeState } from '../../domain/notice-review';
import {
  drawSample,
  type SampleCandidate,
  type SamplingRule,
} from '../../domain/spot-check-sample';
import { SATISFACTION_LABELS_ZH } from '../../domain/resident-feedback';
import {
  isReached,
  type SampleEntry,
  type SpotCheckCallback,
  type UnreachedCallback,
} from '../../domain/spot-check-callback';
import { itemsRepository } from '../../repositories/items';
import { spotChecksRepository } from '../../repositories/spot-checks';
import type { Actor } from '../handling/workflow';
import type { IssuedNotice, NoticeRecipient } from './notices';
import type { MetricsReport } from '../stats/metrics';
import { minyiConfig, minyiService } from '../../plugin';
import { Refusal } from '../../refusal';
import { townshipOfPath } from '../../domain/grid-path';

type Connection = Core.Strapi['db']['connection'];

const MONTH = { unit: 'month' } as const;

export type { SampleEntry };

export interface SpotCheckResults {
  sampled: number;
  passed: number;
  townships: Record<string, SpotCheckCounts>;
  departments: Record<string, SpotCheckCounts>;
  bulletin: string | null;
  rectifications: Array<{ documentId: string; unit: string; kind: 'township' | 'department' }>;
}

/** Period 2026-10: its bounds in the county zone, or a refusal. */
function monthBounds(period: string, zone: string) {
  const bounds = periodBounds(period, zone, MONTH);
  if (!bounds)
    throw new Refusal(400, 'BAD_PERIOD', {
      zh: `"${period}"不是有效月份(YYYY-MM)`,
      en: `"${period}" is not a month (YYYY-MM)`,
    });
  return bounds;
}

/**
 * The monthly spot-check (月抽查): draw the sample (the job), record the callbacks (回访) — a
 * failed item is reopened through the workflow —, and when every sampled item is reviewed,
 * compute the results and issue the bulletin and the rectification notices.
 */
const spotCheck = ({ strapi }: { strapi: Core.Strapi }) => {
  const audit = () => minyiConfig(strapi).audit;
  const zone = () => minyiConfig(strapi).timezone;

  const stored = () => spotChecksRepository(strapi);

  /** Handled items resolved in the month, with their township and lead department, by tracking code. */
  async function candidates(
    period: string
  ): Promise<Array<SampleCandidate & { documentId: string }>> {
    const rows = await stored().candidates(monthBounds(period, zone()), HANDLED_STATUSES);
    return rows.map((row) => ({
      key: row.trackingCode,
      documentId: row.documentId,
      township: townshipOfPath(row.gridPath),
      department: row.department,
    }));
  }

  async function load(documentId: string) {
    const row = await stored().find(documentId);
    if (!row) throw new Refusal(404, 'NOT_FOUND', { zh: '抽查不存在', en: 'No such spot-check' });
    return row;
  }

  /** A spot-check whose callbacks may still be recorded (409 once completed). */
  async function loadOpen(documentId: string) {
    const check = await load(documentId);
    if (check.state === 'completed')
      throw new Refusal(409, 'COMPLETED', {
        zh: '该月抽查已完成,不能再修改回访记录',
        en: 'This spot-check is completed',
      });
    return check;
  }

  function countsOf(
    sample: readonly SampleEntry[],
    kind: 'township' | 'department'
  ): Map<string, SpotCheckCounts> {
    const byUnit = new Map<string, SpotCheckCounts>();
    for (const entry of sample) {
      const code = entry[kind];
      if (!code || !entry.review) continue;
      const counts = byUnit.get(code) ?? { sampled: 0, passed: 0 };
      counts.sampled += 1;
      if (entry.review.passed) counts.passed += 1;
      byUnit.set(code, counts);
    }
    return byUnit;
  }

  const service = {
    /** The stored spot-check with its sample and verdicts, or null. */
    async find(documentId: string) {
      return stored().find(documentId);
    },

    /**
     * What the sample of a period would be with this seed (reproduces a stored sample from its
     * seed), with each drawn tracking code's item so a caller can narrow it to a unit.
     */
    async preview(period: string, seed: string, rule: SamplingRule = audit().sampling) {
      const list = await candidates(period);
      const documentIds = new Map(list.map((candidate) => [candidate.key, candidate.documentId]));
      return { ...drawSample(list, rule, seed), documentIds };
    },

    /**
     * Draws and stores the period's sample, once: a period that has one keeps it (its seed is
     * returned, nothing is drawn again). `seed` is for reproducing a sample; normally fresh.
     */
    async draw(period: string, now: Date, seed: string = randomBytes(8).toString('hex')) {
      const existing = await stored().ofPeriod(period);
      if (existing) {
        return {
          created: false,
          documentId: existing.documentId,
          seed: existing.seed,
          sampled: existing.sample?.length ?? 0,
        };
      }
      const rule = audit().sampling;
      const list = await candidates(period);
      const sample = drawSample(list, rule, seed);
      const byKey = new Map(list.map((candidate) => [candidate.key, candidate]));
      const entries: SampleEntry[] = sample.keys.map((key) => {
        const candidate = byKey.get(key) as SampleCandidate & { documentId: string };
        return {
          documentId: candidate.documentId,
          trackingCode: key,
          township: candidate.township,
          department: candidate.department,
          review: null,
        };
      });
      // The spot-check's fields are the job's own (domain/owned-fields.ts): written as the plugin.
      const created = await asPluginWriter('spot-check', () =>
        stored().create({
          period,
          seed,
          samplingRule: rule,
          sample: entries,
          state: entries.length === 0 ? 'completed' : 'sampled',
          sampledAt: now,
          completedAt: entries.length === 0 ? now : null,
          results: {
            candidates: list.length,
            strata: sample.strata.map((s) => ({
              kind: s.kind,
              code: s.code,
              size: s.size,
              quota: s.quota,
            })),
          },
          items: entries.map((entry) => entry.documentId),
        })
      );
      return {
        created: true,
        documentId: created.documentId,
        seed,
        sampled: entries.length,
        candidates: list.length,
      };
    },

    /**
     * A call that did not reach the resident (未接通): appended to the entry's attempts with an
     * item-event; no verdict, so the item stays to be reviewed (call again).
     */
    async recordAttempt(
      documentId: string,
      itemDocumentId: string,
      input: UnreachedCallback,
      actor: Actor,
      now: Date = new Date()
    ) {
      const check = await loadOpen(documentId);
      const calledAt = input.calledAt ? new Date(input.calledAt) : now;
      const note = input.note || undefined;
      await strapi.db.transaction(async ({ trx }: { trx: Connection }) => {
        const fresh = await stored().sampleOf(trx, check.id);
        const sample = fresh.sample;
        const target = sample.find((e) => e.documentId === itemDocumentId);
        if (!target)
          throw new Refusal(404, 'NOT_SAMPLED', {
            zh: '该事项不在本月抽查样本中',
            en: 'The item is not in this sample',
          });
        if (target.review)
          throw new Refusal(409, 'ALREADY_REVIEWED', {
            zh: '该事项已回访',
            en: 'The item has already been reviewed',
          });
        target.attempts = [
          ...(target.attempts ?? []),
          { calledAt: calledAt.toISOString(), by: actor.label, ...(note ? { note } : {}) },
        ];
        const itemId = await itemsRepository(strapi).idOf(itemDocumentId, trx);
        if (itemId !== null)
          await minyiService(strapi, 'change-log').appendEvents(trx, [
            {
              itemId,
              type: 'callback',
              actorLabel: actor.label,
              actorStaffId: actor.staffId,
              at: now,
              note: `月度抽查回访(${check.period}):未接通${note ? `(${note})` : ''}`,
            },
          ]);
        if (!(await stored().storeSample(trx, check.id, fresh.state, sample, now)))
          throw new Refusal(409, 'CONCURRENT_CHANGE', {
            zh: '抽查记录刚被他人修改,请刷新后重试',
            en: 'Changed by someone else; reload and retry',
          });
      });
      return {
        spotCheck: check.documentId,
        item: itemDocumentId,
        reached: false,
        passed: null,
        reopened: false,
        completed: false,
        results: null,
      };
    },

    /**
     * Records the callback of one sampled item. Not solved → the item is reopened through the
     * workflow (item-event, unit notified). The last review completes the spot-check.
     */
    async review(
      documentId: string,
      itemDocumentId: string,
      input: SpotCheckCallback,
      actor: Actor,
      now: Date = new Date()
    ) {
      if (!isReached(input))
        return service.recordAttempt(documentId, itemDocumentId, input, actor, now);
      const check = await loadOpen(documentId);
      const entry = (check.sample ?? []).find((e) => e.documentId === itemDocumentId);
      if (!entry)
        throw new Refusal(404, 'NOT_SAMPLED', {
          zh: '该事项不在本月抽查样本中',
          en: 'The item is not in this sample',
        });
      if (entry.review)
        throw new Refusal(409, 'ALREADY_REVIEWED', {
          zh: '该事项已回访',
          en: 'The item has already been reviewed',
        });

      const { solved, satisfaction, note } = input;
      const passed = solved;
      let reopened = false;
      if (!passed) {
        // Through the workflow: state machine, item-event and the unit's mail in one transaction.
        // An item no longer resolved or closed (reopened by an earlier attempt, or by the resident) is left as it is.
        const current = await itemsRepository(strapi).stateOf(itemDocumentId);
        if (current !== null && HANDLED_STATUSES.includes(current)) {
          await minyiService(strapi, 'workflow').act(
            itemDocumentId,
            'reopen',
            actor,
            {
              reason: `${check.period}月度抽查回访:群众反映问题未解决${note ? `(${note})` : ''}`,
            },
            now
          );
          reopened = true;
        }
      }

      const allReviewed: boolean = await strapi.db.transaction(
        async ({ trx }: { trx: Connection }) => {
          const itemId = await itemsRepository(strapi).idOf(itemDocumentId, trx);
          if (itemId !== null) {
            await minyiService(strapi, 'change-log').appendEvents(trx, [
              {
                itemId,
                type: 'callback',
                actorLabel: actor.label,
                actorStaffId: actor.staffId,
                at: now,
                note: `月度抽查回访(${check.period}):${solved ? '已解决' : '未解决'},${SATISFACTION_LABELS_ZH[satisfaction]}`,
              },
            ]);
          }
          const fresh = await stored().sampleOf(trx, check.id);
          const sample = fresh.sample;
          const target = sample.find((e) => e.documentId === itemDocumentId);
          if (!target || target.review)
            throw new Refusal(409, 'ALREADY_REVIEWED', {
              zh: '该事项已回访',
              en: 'The item has already been reviewed',
            });
          target.review = {
            solved,
            satisfaction,
            passed,
            reviewedBy: actor.label,
            reviewedAt: now.toISOString(),
            reopened,
            ...(input.calledAt ? { calledAt: new Date(input.calledAt).toISOString() } : {}),
            ...(note ? { note } : {}),
          };
          if (!(await stored().storeSample(trx, check.id, fresh.state, sample, now)))
            throw new Refusal(409, 'CONCURRENT_CHANGE', {
              zh: '抽查记录刚被他人修改,请刷新后重试',
              en: 'Changed by someone else; reload and retry',
            });
          return sample.every((e) => e.review !== null);
        }
      );
      const results = allReviewed ? await service.finish(check.documentId, now) : null;
      return {
        spotCheck: check.documentId,
        item: itemDocumentId,
        passed,
        reopened,
        completed: results !== null,
        results,
      };
    },

    /**
     * Completes a spot-check whose every item is reviewed: metrics (read before the transaction —
     * SQLite has one connection), then in one transaction the guarded move to completed, the
     * results, the bulletin and the rectification notices with their mails. Null when it is not
     * ready or another call completed it first. Safe to call again after a failure.
     */
    async finish(documentId: string, now: Date = new Date()): Promise<SpotCheckResults | null> {
      const check = await load(documentId);
      const sample = check.sample ?? [];
      if (check.state === 'completed' || !sample.every((e) => e.review !== null)) return null;
      const spot = {
        townships: countsOf(sample, 'township'),
        departments: countsOf(sample, 'department'),
      };
      const report: MetricsReport = await minyiService(strapi, 'metrics').report(
        monthBounds(check.period, zone()),
        spot
      );
      // Earlier rectifications still not done are named in this bulletin (read before, like the metrics).
      const overdue: OverdueRectification[] = (
        await minyiService(strapi, 'notice-review').overdueRectifications(now)
      ).map((notice) => ({
        title: notice.title,
        units: notice.units.map((unit) => unit.name),
        rectifyBy: notice.rectifyBy ?? '',
        stateLabel: NOTICE_STATE_LABELS_ZH[notice.state as NoticeState] ?? notice.state,
      }));
      return strapi.db.transaction(async ({ trx }: { trx: Connection }) => {
        if (!(await stored().complete(trx, check.id, check.state, now))) return null;
        return service.complete(trx, check.documentId, check.period, sample, report, now, overdue);
      });
    },

    /** Results per unit, the bulletin and the rectification notices, in the completing transaction. */
    async complete(
      trx: Connection,
      documentId: string,
      period: string,
      sample: SampleEntry[],
      report: MetricsReport,
      now: Date,
      overdueRectifications: readonly OverdueRectification[] = []
    ): Promise<SpotCheckResults> {
      const config = audit();
      const thresholds: Thresholds = Object.fromEntries(
        Object.entries(config.thresholds).flatMap(([k, v]) =>
          v === undefined ? [] : [[k, v / 100]]
        )
      );
      const weak = [...report.townships, ...report.departments]
        .map((metrics: UnitMetrics) => ({ metrics, shortfalls: shortfallsOf(metrics, thresholds) }))
        .filter((w: { shortfalls: unknown[] }) => w.shortfalls.length > 0);
      const passed = sample.filter((e) => e.review?.passed).length;
      const notices = minyiService(strapi, 'notices');
      const reportRecipients: NoticeRecipient[] = notices.reportRecipients();

      // The bulletin: to the report recipients and every unit's officers.
      const everyUnit: NoticeRecipient[] = [];
      for (const m of [...report.townships, ...report.departments] as UnitMetrics[])
        everyUnit.push(...(await notices.recipientsOfUnit(trx, m.unit.kind, m.unit.code)));
      const bulletin: IssuedNotice = await notices.issue(
        trx,
        bulletinDraft({
          period,
          county: report.county,
          townships: report.townships,
          departments: report.departments,
          sampled: sample.length,
          passed,
          minSample: config.minSample,
          weak,
          overdueRectifications,
        }),
        {
          spotCheckDocumentId: documentId,
          townshipCodes: weak
            .filter((w) => w.metrics.unit.kind === 'township')
            .map((w) => w.metrics.unit.code),
          departmentCodes: weak
            .filter((w) => w.metrics.unit.kind === 'department')
            .map((w) => w.metrics.unit.code),
        },
        [...reportRecipients, ...everyUnit],
        now
      );

      const rectifyBy = minyiService(strapi, 'calendar')
        .get()
        .addWorkingDays(now, config.rectifyWorkingDays);
      const rectifyByDate = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone(),
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(rectifyBy);
      const rectifications: SpotCheckResults['rectifications'] = [];
      for (const w of weak) {
        const unit = w.metrics.unit;
        const failedItems = sample
          .filter((e) => e[unit.kind] === unit.code && e.review && !e.review.passed)
          .map((e) => e.documentId);
        const issued: IssuedNotice = await notices.issue(
          trx,
          rectificationDraft(period, w.metrics, w.shortfalls, rectifyByDate),
          {
            spotCheckDocumentId: documentId,
            ...(unit.kind === 'township'
              ? { townshipCodes: [unit.code] }
              : { departmentCodes: [unit.code] }),
            itemDocumentIds: failedItems,
          },
          [...(await notices.recipientsOfUnit(trx, unit.kind, unit.code)), ...reportRecipients],
          now
        );
        rectifications.push({ documentId: issued.documentId, unit: unit.code, kind: unit.kind });
      }

      const results: SpotCheckResults = {
        sampled: sample.length,
        passed,
        townships: Object.fromEntries(countsOf(sample, 'township')),
        departments: Object.fromEntries(countsOf(sample, 'department')),
        bulletin: bulletin.documentId,
        rectifications,
      };
      await stored().mergeResults(trx, documentId, { ...results, metrics: report });
      return results;
    },
  };
  return service;
};

export type SpotCheckService = ReturnType<typeof spotCheck>;
export default spotCheck;
