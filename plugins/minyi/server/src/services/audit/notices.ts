import type { Core } from '@strapi/strapi';
import { asPluginWriter } from '../handling/owned-fields';
import { noticeDownloadLinks } from '../../domain/download-token';
import type { NoticeDraft, ReportTable } from '../../domain/notice-content';
import { NOTICE_STATE_LABELS_ZH, type NoticeState } from '../../domain/notice-review';
import { distinctRecipients, type NoticeRecipient } from '../../domain/notice-recipients';
import type { NoticeMessageData } from '../../domain/notifications';
import type { UnitKind } from '../../domain/metrics';
import { minyiConfig, minyiService } from '../../plugin';
import { Refusal } from '../../refusal';
import { noticesRepository } from '../../repositories/notices';
import { outboxRepository } from '../../repositories/outbox';
import { staffRepository } from '../../repositories/staff';
import { structureRepository } from '../../repositories/structure';
import { dueWhenQueued } from '../handling/change-log';

type Connection = Core.Strapi['db']['connection'];

export type { NoticeRecipient };

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
  const stored = () => noticesRepository(strapi);

  /**
   * A notice's mails through the one outbox: each address once, keyed
   * `<keyPrefix>:<address>`, in the caller's transaction. Answers the addresses.
   */
  async function queueMails(
    trx: Connection,
    recipients: readonly NoticeRecipient[],
    mail: { template: 'notice' | 'notice-step'; keyPrefix: string; data: unknown },
    { dueAt, now }: { dueAt: Date; now: Date }
  ): Promise<string[]> {
    const distinct = distinctRecipients(recipients);
    const entries = distinct.map((recipient) => ({
      dedupeKey: `${mail.keyPrefix}:${recipient.email}`,
      template: mail.template,
      recipient: recipient.email,
      recipientLabel: recipient.label.slice(0, 100),
      data: mail.data,
      itemDocumentId: null,
    }));
    await outboxRepository(strapi).queue(trx, entries, { dueAt, now });
    return distinct.map((recipient) => recipient.email);
  }

  return {
    queueMails,

    /** Township officers of a township / the contact address of a department. */
    async recipientsOfUnit(
      trx: Connection,
      kind: UnitKind,
      code: string
    ): Promise<NoticeRecipient[]> {
      if (kind === 'department') {
        const row = await structureRepository(strapi).departmentContactOfCode(trx, code);
        return row?.email ? [{ email: row.email, label: row.name }] : [];
      }
      const grid = await structureRepository(strapi).gridIdsByCode(trx, [code]);
      const rows = await staffRepository(strapi).onGrids(
        trx,
        [...grid.values()],
        ['township-officer']
      );
      return rows.flatMap((row) =>
        row.email ? [{ email: row.email, label: row.name ?? '' }] : []
      );
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
      const created = await asPluginWriter('notice-issue', async () =>
        stored().create(trx, {
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
          townshipCodes: targets.townshipCodes,
          departmentCodes: targets.departmentCodes,
          spotCheckDocumentId: targets.spotCheckDocumentId ?? null,
          itemDocumentIds: targets.itemDocumentIds ?? [],
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
      const sentTo = await queueMails(
        trx,
        recipients,
        { template: 'notice', keyPrefix: `notice:${created.documentId}`, data },
        { dueAt: dueWhenQueued(now), now }
      );
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
      const notice = await stored().kindAndState(documentId);
      if (notice && notice.kind !== 'rectification') {
        throw new Refusal(409, 'NOT_RECTIFICATION', {
          zh: '只有整改通知书需要确认整改',
          en: 'Only rectification notices are rectified',
        });
      }
      const to: NoticeState = 'rectified';
      const moved = await stored().moveGuarded(null, documentId, 'acknowledged', to, {
        rectifiedAt: now,
        rectifiedBy: who.slice(0, 100),
        rectificationNote: note,
        updatedAt: now,
      });
      if (!moved) {
        const exists = await stored().kindAndState(documentId);
        if (!exists)
          throw new Refusal(404, 'NOT_FOUND', { zh: '通知不存在', en: 'No such notice' });
        throw new Refusal(409, 'WRONG_STATE', {
          zh: `通知当前状态为"${NOTICE_STATE_LABELS_ZH[exists.state as NoticeState] ?? exists.state}",不能改为"${NOTICE_STATE_LABELS_ZH[to]}"`,
          en: `The notice is ${exists.state}; it cannot become ${to}`,
        });
      }
      return stored().fields(documentId, [
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
      ]);
    },

    /** The notice as the downloads render it. */
    async document(documentId: string) {
      const notice = await stored().forDownload(documentId);
      if (!notice) return null;
      const metrics = (notice.metrics ?? {}) as { paragraphs?: string[]; tables?: ReportTable[] };
      return {
        documentId: notice.documentId,
        kind: notice.kind,
        title: notice.title,
        period: notice.period ?? null,
        paragraphs: metrics.paragraphs ?? [],
        tables: metrics.tables ?? [],
      };
    },
  };
};

export type NoticesService = ReturnType<typeof notices>;
export default notices;
