import type { Core } from '@strapi/strapi';
import { asPluginWriter } from '../handling/owned-fields';
import { noticeDownloadLinks } from '../../domain/download-token';
import type { NoticeDraft, ReportTable } from '../../domain/notice-content';
import type { NoticeMessageData } from '../../domain/notifications';
import type { UnitKind } from '../../domain/metrics';
import { minyiConfig, minyiService } from '../../plugin';
import { Refusal } from '../../refusal';
import { outboxRepository } from '../../repositories/outbox';
import { dueWhenQueued } from '../handling/change-log';

type Connection = Core.Strapi['db']['connection'];

export interface NoticeRecipient {
  email: string;
  label: string;
}

export interface NoticeTargets {
  townshipCodes?: readonly string[];
  departmentCodes?: readonly string[];
  spotCheckDocumentId?: string;
  itemDocumentIds?: readonly string[];
}

export interface IssuedNotice {
  documentId: string;
  kind: string;
  title: string;
  recipients: string[];
}

function markdownOf(draft: NoticeDraft): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const table = (t: ReportTable) =>
    [
      `**${t.name}**`,
      '',
      `| ${t.columns.map(escape).join(' | ')} |`,
      `|${t.columns.map(() => ' --- ').join('|')}|`,
      ...t.rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
    ].join('\n');
  return [
    ...draft.paragraphs,
    ...(draft.rectifyBy ? [`整改期限:${draft.rectifyBy}`] : []),
    ...draft.tables.map(table),
  ].join('\n\n');
}

/**
 * Notices (通报、整改通知书、报告): issued with their mails queued in the same transaction, then
 * acknowledged and marked rectified by the unit. Mail goes through the outbox ('notice' template,
 * NoticeMessageData), one message per address, keyed `notice:<noticeDocumentId>:<email>`.
 */
const notices = ({ strapi }: { strapi: Core.Strapi }) => {
  const documents = () => strapi.documents('api::notice.notice');

  async function documentIdsOf(
    trx: Connection,
    table: 'grids' | 'departments',
    codes: readonly string[] | undefined
  ): Promise<string[]> {
    if (!codes || codes.length === 0) return [];
    const rows: Array<{ document_id: string }> = await trx(table)
      .whereIn('code', [...codes])
      .select('document_id');
    return rows.map((row) => row.document_id);
  }

  async function queueMails(
    trx: Connection,
    recipients: readonly NoticeRecipient[],
    data: NoticeMessageData,
    now: Date
  ): Promise<string[]> {
    const seen = new Map<string, NoticeRecipient>();
    for (const recipient of recipients) {
      const email = recipient.email.trim().toLowerCase();
      if (email !== '' && !seen.has(email)) seen.set(email, { email, label: recipient.label });
    }
    const entries = [...seen.values()].map((recipient) => ({
      dedupeKey: `notice:${data.noticeDocumentId}:${recipient.email}`,
      template: 'notice',
      recipient: recipient.email,
      recipientLabel: recipient.label.slice(0, 100),
      data,
      itemDocumentId: null,
    }));
    await outboxRepository(strapi).queue(trx, entries, { dueAt: dueWhenQueued(now), now });
    return [...seen.keys()];
  }

  return {
    /** Township officers of a township / the contact address of a department. */
    async recipientsOfUnit(
      trx: Connection,
      kind: UnitKind,
      code: string
    ): Promise<NoticeRecipient[]> {
      if (kind === 'department') {
        const row: { name: string; contact_email: string | null } | undefined = await trx(
          'departments'
        )
          .where('code', code)
          .first('name', 'contact_email');
        return row?.contact_email ? [{ email: row.contact_email, label: row.name }] : [];
      }
      const rows: Array<{ email: string | null; name: string }> = await trx('staffs as s')
        .join('staffs_grid_lnk as l', 'l.staff_id', 's.id')
        .join('grids as g', 'g.id', 'l.grid_id')
        .where('g.code', code)
        .where('s.role', 'township-officer')
        .whereNot('s.active', false)
        .select('s.email', 's.name');
      return rows.flatMap((row) => (row.email ? [{ email: row.email, label: row.name }] : []));
    },

    /** The configured report recipients (MINYI_REPORT_RECIPIENTS). */
    reportRecipients(): NoticeRecipient[] {
      const audit = minyiConfig(strapi).audit;
      return audit.reportRecipients.map((email) => ({ email, label: '报告接收人' }));
    },

    /**
     * Creates the notice as issued and queues its mails, inside the caller's transaction (run it
     * in strapi.db.transaction): the notice and its mails stand or fall together.
     */
    async issue(
      trx: Connection,
      draft: NoticeDraft,
      targets: NoticeTargets,
      recipients: readonly NoticeRecipient[],
      now: Date
    ): Promise<IssuedNotice> {
      // An issued notice is the plugin's to write (domain/owned-fields.ts).
      const created = await asPluginWriter('notices', async () =>
        documents().create({
          data: {
            kind: draft.kind,
            title: draft.title,
            body: markdownOf(draft),
            period: draft.period,
            metrics: {
              paragraphs: draft.paragraphs,
              tables: draft.tables,
              unitName: draft.unitName ?? null,
            },
            issuedAt: now,
            rectifyBy: draft.rectifyBy ?? null,
            state: 'issued',
            targetGrids: await documentIdsOf(trx, 'grids', targets.townshipCodes),
            targetDepartments: await documentIdsOf(trx, 'departments', targets.departmentCodes),
            spotCheck: targets.spotCheckDocumentId ?? null,
            items: targets.itemDocumentIds ? [...targets.itemDocumentIds] : [],
          },
        })
      );
      const config = {
        publicUrl: minyiConfig(strapi).publicUrl,
        key: minyiConfig(strapi).feedbackKey,
      };
      const data: NoticeMessageData = {
        noticeDocumentId: created.documentId,
        kind: draft.kind,
        title: draft.title,
        period: draft.period,
        ...(draft.unitName ? { unitName: draft.unitName } : {}),
        paragraphs: draft.paragraphs,
        ...(draft.tables.length > 0
          ? { table: { columns: draft.tables[0].columns, rows: draft.tables[0].rows } }
          : {}),
        ...(draft.rectifyBy ? { rectifyBy: draft.rectifyBy } : {}),
        downloads: noticeDownloadLinks(config.publicUrl, created.documentId, config.key),
      };
      const sentTo = await queueMails(trx, recipients, data, now);
      return {
        documentId: created.documentId,
        kind: draft.kind,
        title: draft.title,
        recipients: sentTo,
      };
    },

    /** issued → acknowledged (签收), with who and when. */
    async acknowledge(documentId: string, who: string, now: Date = new Date()): Promise<unknown> {
      // With its history entry and the coordinators' mail (services/notice-review.ts).
      return minyiService(strapi, 'notice-review').acknowledge(documentId, who, now);
    },

    /** acknowledged → rectified (整改完成), rectification notices only, with who, when and what was done. */
    async markRectified(documentId: string, who: string, note: string, now: Date = new Date()) {
      const notice = await strapi.db
        .query('api::notice.notice')
        .findOne({ where: { documentId }, select: ['kind'] });
      if (notice && notice.kind !== 'rectification') {
        throw new Refusal(409, 'NOT_RECTIFICATION', {
          zh: '只有整改通知书需要确认整改',
          en: 'Only rectification notices are rectified',
        });
      }
      return move(documentId, 'acknowledged', 'rectified', {
        rectified_at: now,
        rectified_by: who.slice(0, 100),
        rectification_note: note,
        updated_at: now,
      });
    },

    /** The notice as the downloads render it. */
    async document(documentId: string) {
      const notice = await strapi.db.query('api::notice.notice').findOne({
        where: { documentId },
        select: ['documentId', 'title', 'period', 'metrics', 'kind'],
      });
      if (!notice) return null;
      const metrics = (notice.metrics ?? {}) as { paragraphs?: string[]; tables?: ReportTable[] };
      return {
        documentId: notice.documentId as string,
        kind: notice.kind as string,
        title: notice.title as string,
        period: (notice.period as string | null) ?? null,
        paragraphs: metrics.paragraphs ?? [],
        tables: metrics.tables ?? [],
      };
    },
  };

  async function move(
    documentId: string,
    from: string,
    to: string,
    fields: Record<string, unknown>
  ) {
    const changed = await strapi.db
      .connection('notices')
      .where({ document_id: documentId, state: from })
      .update({ state: to, ...fields });
    if (changed === 0) {
      const exists = await strapi.db
        .query('api::notice.notice')
        .findOne({ where: { documentId }, select: ['state'] });
      if (!exists) throw new Refusal(404, 'NOT_FOUND', { zh: '通知不存在', en: 'No such notice' });
      throw new Refusal(409, 'WRONG_STATE', {
        zh: `通知当前状态为"${STATE_LABELS_ZH[exists.state as string] ?? exists.state}",不能改为"${STATE_LABELS_ZH[to]}"`,
        en: `The notice is ${exists.state as string}; it cannot become ${to}`,
      });
    }
    return strapi.db.query('api::notice.notice').findOne({
      where: { documentId },
      select: [
        'documentId',
        'kind',
        'title',
        'state',
        'issuedAt',
        'acknowledgedAt',
        'acknowledgedBy',
        'rectifyBy',
        'rectifiedAt',
        'rectifiedBy',
        'rectificationNote',
      ],
    });
  }
};

export const STATE_LABELS_ZH: Record<string, string> = {
  draft: '草稿',
  issued: '已下发',
  acknowledged: '已签收',
  rectified: '已整改',
};

export type NoticesService = ReturnType<typeof notices>;
export default notices;
