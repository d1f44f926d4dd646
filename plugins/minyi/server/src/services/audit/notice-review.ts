import type { Core } from '@strapi/strapi';
import type { NoticeSummary, NoticeView } from '../../../../shared/notices';
import type { ItemScope } from '../../domain/access-scope';
import { periodKey } from '../../domain/job-period';
import { scopeListsNotice } from '../../domain/notice-access';
import {
  NOTICE_STATE_LABELS_ZH,
  type NoticeHistoryEntry,
  type NoticeListQuery,
  type NoticeStep,
  isRectificationOverdue,
  nextState,
  stepApplies,
} from '../../domain/notice-review';
import {
  noticesRepository,
  type NoticeChange,
  type StoredNotice,
} from '../../repositories/notices';
import { toDate } from '../../repositories/sql-rows';
import { staffRepository } from '../../repositories/staff';
import { minyiConfig, minyiService } from '../../plugin';
import { Refusal } from '../../refusal';
import type { AdminAccount } from '../access/access-scope';
import type { NoticeRecipient, NoticesService } from './notices';

type Connection = Core.Strapi['db']['connection'];

type NoticeRow = StoredNotice;

/** What the caller's account may do on notices (plugin permissions) and where they work. */
export interface NoticeCaller {
  scope: ItemScope;
  label: string;
  mayRespond: boolean;
  mayReview: boolean;
  /** The admin account, for the one rule of who answers a notice (services/access/audit-access.ts). */
  account: AdminAccount;
}

const iso = (value: unknown) => toDate(value)?.toISOString() ?? null;

/**
 * 通报与整改: notices listed by kind, period, unit and state within the caller's unit; one notice as
 * a readable document; and the steps on a rectification notice — 签收, 整改报告, 整改通过 or
 * 退回重报 — each a guarded state change with its history entry and its mails (outbox, template
 * `notice-step`) in one transaction.
 */
const noticeReview = ({ strapi }: { strapi: Core.Strapi }) => {
  const notices = (): NoticesService => minyiService(strapi, 'notices');
  const zone = () => minyiConfig(strapi).timezone;
  const today = () => periodKey(new Date(), zone(), { unit: 'day' });

  const stored = () => noticesRepository(strapi);
  const rows = (where: Record<string, unknown>, limit = 200): Promise<NoticeRow[]> =>
    stored().withUnits(where, limit);

  /** Whether the caller's scope lists the notice (domain/notice-access.ts scopeListsNotice). */
  const visible = (row: NoticeRow, scope: ItemScope): boolean =>
    scopeListsNotice(scope, {
      gridPaths: (row.targetGrids ?? []).flatMap((g) => (g.path ? [g.path] : [])),
      departmentIds: (row.targetDepartments ?? []).map((d) => d.id),
    });

  function summary(row: NoticeRow): NoticeSummary {
    return {
      documentId: row.documentId,
      kind: row.kind,
      title: row.title,
      period: row.period,
      state: row.state,
      issuedAt: iso(row.issuedAt),
      rectifyBy: row.rectifyBy,
      units: [
        ...(row.targetGrids ?? []).map((g) => ({
          kind: 'township' as const,
          code: g.code,
          name: g.name,
        })),
        ...(row.targetDepartments ?? []).map((d) => ({
          kind: 'department' as const,
          code: d.code,
          name: d.name,
        })),
      ],
      overdue: isRectificationOverdue(row, today()),
    };
  }

  async function load(documentId: string, caller: NoticeCaller): Promise<NoticeRow> {
    const [row] = await rows({ documentId }, 1);
    // A notice outside the caller's unit is as absent as an unknown one.
    if (!row || !visible(row, caller.scope))
      throw new Refusal(404, 'NOT_FOUND', { zh: '通知不存在', en: 'No such notice' });
    return row;
  }

  /**
   * Whether the caller answers the notice (签收, 整改报告): the permission, and the notice names
   * their own grid or department (or a super admin acts for the unit) — the rule of
   * POST …/acknowledge and …/rectified (domain/notice-access.ts). A grid worker reads their
   * township's notice but does not answer it for the township.
   */
  async function answers(row: NoticeRow, caller: NoticeCaller): Promise<boolean> {
    if (!caller.mayRespond) return false;
    const may = await minyiService(strapi, 'audit-access').notice(caller.account, row.documentId);
    return may?.respond ?? false;
  }

  function view(row: NoticeRow, caller: NoticeCaller, addressee: boolean): NoticeView {
    const metrics = row.metrics ?? {};
    const paragraphs =
      metrics.paragraphs ??
      (row.body ?? '')
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean);
    return {
      ...summary(row),
      paragraphs,
      tables: metrics.tables ?? [],
      unitName: metrics.unitName ?? null,
      acknowledgedAt: iso(row.acknowledgedAt),
      acknowledgedBy: row.acknowledgedBy,
      report: row.rectificationReport,
      reportedAt: iso(row.reportedAt),
      reportedBy: row.reportedBy,
      reviewedAt: iso(row.reviewedAt),
      reviewedBy: row.reviewedBy,
      returnReason: row.returnReason,
      history: row.history ?? [],
      may: {
        acknowledge: addressee && nextState('acknowledge', row.state) !== null,
        report:
          addressee && stepApplies('report', row.kind) && nextState('report', row.state) !== null,
        review: caller.mayReview && row.kind === 'rectification' && row.state === 'reported',
      },
    };
  }

  async function coordinators(trx: Connection): Promise<NoticeRecipient[]> {
    const staff = await staffRepository(strapi).activeInRole(trx, 'county-coordinator');
    return [
      ...staff.flatMap((s) => (s.email !== null ? [{ email: s.email, label: s.name ?? '' }] : [])),
      ...notices().reportRecipients(),
    ];
  }

  async function unitRecipients(trx: Connection, row: NoticeRow): Promise<NoticeRecipient[]> {
    const found: NoticeRecipient[] = [];
    for (const grid of row.targetGrids ?? [])
      found.push(...(await notices().recipientsOfUnit(trx, 'township', grid.code)));
    for (const department of row.targetDepartments ?? [])
      found.push(...(await notices().recipientsOfUnit(trx, 'department', department.code)));
    return found;
  }

  async function queue(
    trx: Connection,
    row: NoticeRow,
    entry: NoticeHistoryEntry,
    occurrence: number,
    recipients: NoticeRecipient[],
    now: Date
  ) {
    const unitName =
      row.metrics?.unitName ??
      [...(row.targetGrids ?? []), ...(row.targetDepartments ?? [])].map((u) => u.name).join('、');
    const data = {
      noticeDocumentId: row.documentId,
      title: row.title,
      unitName,
      step: entry.step,
      by: entry.by,
      at: entry.at,
      ...(entry.text ? { text: entry.text } : {}),
    };
    await notices().queueMails(
      trx,
      recipients,
      {
        template: 'notice-step',
        keyPrefix: `notice-step:${row.documentId}:${occurrence}`,
        data,
      },
      { dueAt: now, now }
    );
  }

  /** One step: the guarded state change, the history entry and the mails, in one transaction. */
  async function take(
    row: NoticeRow,
    step: NoticeStep,
    by: string,
    fields: NoticeChange,
    textOfStep: string | undefined,
    now: Date
  ) {
    if (!stepApplies(step, row.kind))
      throw new Refusal(409, 'NOT_RECTIFICATION', {
        zh: '只有整改通知书需要报送和审核整改报告',
        en: 'Only rectification notices are reported on and reviewed',
      });
    const to = nextState(step, row.state);
    if (!to)
      throw new Refusal(409, 'WRONG_STATE', {
        zh: `通知当前状态为"${NOTICE_STATE_LABELS_ZH[row.state as keyof typeof NOTICE_STATE_LABELS_ZH] ?? row.state}",不能${step === 'acknowledge' ? '签收' : step === 'report' ? '提交整改报告' : '审核'}`,
        en: `The notice is ${row.state}; the step ${step} is not possible`,
      });
    const entry: NoticeHistoryEntry = {
      step,
      by: by.slice(0, 100),
      at: now.toISOString(),
      ...(textOfStep ? { text: textOfStep } : {}),
    };
    const history = [...(row.history ?? []), entry];
    await strapi.db.transaction(async ({ trx }: { trx: Connection }) => {
      const changed = await stored().moveGuarded(trx, row.documentId, row.state, to, {
        history,
        updatedAt: now,
        ...fields,
      });
      if (!changed)
        throw new Refusal(409, 'CONCURRENT_CHANGE', {
          zh: '通知刚被他人办理,请刷新后重试',
          en: 'Changed by someone else; reload and retry',
        });
      const recipients =
        step === 'acknowledge' || step === 'report'
          ? await coordinators(trx)
          : await unitRecipients(trx, row);
      await queue(trx, row, entry, history.length, recipients, now);
    });
  }

  return {
    async list(query: NoticeListQuery, caller: NoticeCaller): Promise<NoticeSummary[]> {
      const where: Record<string, unknown> = {};
      if (query.kind) where.kind = query.kind;
      if (query.state) where.state = query.state;
      if (query.period) where.period = query.period;
      const found = (await rows(where, 500)).filter((row) => visible(row, caller.scope));
      return found
        .map(summary)
        .filter((n) => !query.unit || n.units.some((u) => u.code === query.unit))
        .filter((n) => query.overdue === undefined || n.overdue === (query.overdue === 'true'));
    },

    async view(documentId: string, caller: NoticeCaller): Promise<NoticeView> {
      const row = await load(documentId, caller);
      return view(row, caller, await answers(row, caller));
    },

    /** issued → acknowledged (签收), mailed to the coordinators. Also behind POST …/acknowledge. */
    async acknowledge(documentId: string, who: string, now: Date = new Date()) {
      const [row] = await rows({ documentId }, 1);
      if (!row) throw new Refusal(404, 'NOT_FOUND', { zh: '通知不存在', en: 'No such notice' });
      await take(
        row,
        'acknowledge',
        who,
        { acknowledgedAt: now, acknowledgedBy: who.slice(0, 100) },
        undefined,
        now
      );
      return stored().fields(documentId, [
        'documentId',
        'kind',
        'title',
        'state',
        'issuedAt',
        'acknowledgedAt',
        'acknowledgedBy',
        'rectifyBy',
      ]);
    },

    /** acknowledged | returned → reported (整改报告), by the addressed unit, mailed to the coordinators. */
    async report(documentId: string, report: string, caller: NoticeCaller, now: Date = new Date()) {
      const row = await load(documentId, caller);
      if (!(await answers(row, caller)))
        throw new Refusal(403, 'NOT_ADDRESSEE', {
          zh: '只有通知的接收单位可以提交整改报告',
          en: 'Only the units the notice is addressed to may report on it',
        });
      await take(
        row,
        'report',
        caller.label,
        { rectificationReport: report, reportedAt: now, reportedBy: caller.label.slice(0, 100) },
        report,
        now
      );
      return this.view(documentId, caller);
    },

    /** reported → accepted (整改通过) or returned (退回重报, with the reason), mailed to the unit. */
    async review(
      documentId: string,
      decision: 'accept' | 'return',
      reason: string | undefined,
      caller: NoticeCaller,
      now: Date = new Date()
    ) {
      const row = await load(documentId, caller);
      await take(
        row,
        decision,
        caller.label,
        {
          reviewedAt: now,
          reviewedBy: caller.label.slice(0, 100),
          ...(decision === 'return' ? { returnReason: reason } : {}),
        },
        reason,
        now
      );
      return this.view(documentId, caller);
    },

    /** Rectification notices past their date without an accepted report (dashboard, next bulletin). */
    async overdueRectifications(now: Date = new Date()) {
      const day = periodKey(now, zone(), { unit: 'day' });
      return (await rows({ kind: 'rectification' }, 500))
        .filter((row) => isRectificationOverdue(row, day))
        .map(summary);
    },
  };
};

export type NoticeReviewService = ReturnType<typeof noticeReview>;
export default noticeReview;
