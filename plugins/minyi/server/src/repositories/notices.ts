import type { Core } from '@strapi/strapi';
import type { NoticeTable } from '../../../shared/notices';
import type { NoticeHistoryEntry } from '../domain/notice-review';
import type { NoticeKind } from '../domain/notifications';
import { columnOf, tableOf } from './metadata';
import { UID } from './uids';

type Connection = Core.Strapi['db']['connection'];

/** A notice as the notice pages read it, with the units it is addressed to. */
export interface StoredNotice {
  id: number;
  documentId: string;
  kind: string;
  title: string;
  body: string | null;
  period: string | null;
  state: string;
  metrics: { paragraphs?: string[]; tables?: NoticeTable[]; unitName?: string | null } | null;
  issuedAt: string | null;
  rectifyBy: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  rectificationReport: string | null;
  reportedAt: string | null;
  reportedBy: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  returnReason: string | null;
  history: NoticeHistoryEntry[] | null;
  targetGrids: Array<{ code: string; name: string; path: string | null }> | null;
  targetDepartments: Array<{ id: number; code: string; name: string }> | null;
}

/** What an issued notice is created with (its units and links by code and document id). */
export interface NewNotice {
  kind: NoticeKind;
  title: string;
  body: string;
  period: string;
  metrics: Record<string, unknown>;
  issuedAt: Date;
  rectifyBy: string | null;
  townshipCodes?: readonly string[];
  departmentCodes?: readonly string[];
  spotCheckDocumentId: string | null;
  itemDocumentIds: readonly string[];
}

/** The attributes a state change of a notice sets beside its state (by attribute name). */
export type NoticeChange = Partial<{
  history: NoticeHistoryEntry[];
  updatedAt: Date;
  acknowledgedAt: Date;
  acknowledgedBy: string;
  rectifiedAt: Date;
  rectifiedBy: string;
  rectificationNote: string;
  rectificationReport: string;
  reportedAt: Date;
  reportedBy: string;
  reviewedAt: Date;
  reviewedBy: string;
  returnReason: string | undefined;
}>;

/** The fields the answer of a notice's step shows. */
export type NoticeField =
  | 'documentId'
  | 'kind'
  | 'title'
  | 'state'
  | 'issuedAt'
  | 'acknowledgedAt'
  | 'acknowledgedBy'
  | 'rectifyBy'
  | 'rectifiedAt'
  | 'rectifiedBy'
  | 'rectificationNote';

/**
 * Notices (通报、整改通知书、报告): created through the Document Service (the owned-fields guard
 * and the relations), read through the Query Engine, and moved from state to state with one
 * UPDATE guarded on the state read before — inside the caller's transaction where one is given.
 */
export function noticesRepository(strapi: Core.Strapi) {
  const uid = UID.notice;
  const query = () => strapi.db.query(uid);
  const table = () => tableOf(strapi, uid);

  /** Document ids of the grids / departments with these codes, read through `trx`. */
  async function documentIdsOf(
    trx: Connection,
    unitUid: typeof UID.grid | typeof UID.department,
    codes: readonly string[] | undefined
  ): Promise<string[]> {
    if (!codes || codes.length === 0) return [];
    const rows: Array<{ document_id: string }> = await trx(tableOf(strapi, unitUid))
      .whereIn(columnOf(strapi, unitUid, 'code'), [...codes])
      .select(`${columnOf(strapi, unitUid, 'documentId')} as document_id`);
    return rows.map((row) => row.document_id);
  }

  /** The values of a change by column; JSON attributes stored as text (SQLite and PostgreSQL alike). */
  function columnsOf(change: NoticeChange): Record<string, unknown> {
    const attributes = strapi.db.metadata.get(uid).attributes as Record<string, { type?: string }>;
    const values: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(change))
      values[columnOf(strapi, uid, name)] =
        attributes[name]?.type === 'json' ? JSON.stringify(value) : value;
    return values;
  }

  return {
    uid,

    /**
     * Creates an issued notice, its units found by code through `trx`. The Document Service
     * write is the caller's to wrap as the plugin's own (services/handling/owned-fields.ts).
     */
    async create(trx: Connection, notice: NewNotice): Promise<{ documentId: string }> {
      return strapi.documents(uid).create({
        data: {
          kind: notice.kind,
          title: notice.title,
          body: notice.body,
          period: notice.period,
          metrics: notice.metrics,
          issuedAt: notice.issuedAt,
          rectifyBy: notice.rectifyBy,
          state: 'issued',
          targetGrids: await documentIdsOf(trx, UID.grid, notice.townshipCodes),
          targetDepartments: await documentIdsOf(trx, UID.department, notice.departmentCodes),
          spotCheck: notice.spotCheckDocumentId,
          items: [...notice.itemDocumentIds],
        },
      });
    },

    /** Whether a notice of this kind was issued for the period (a report runs once). */
    async existsFor(kind: NoticeKind, period: string): Promise<boolean> {
      return (await query().findOne({ where: { kind, period }, select: ['id'] })) !== null;
    },

    /** The notice's kind and state; null when there is none. */
    async kindAndState(documentId: string): Promise<{ kind: string; state: string } | null> {
      return (await query().findOne({
        where: { documentId },
        select: ['kind', 'state'],
      })) as { kind: string; state: string } | null;
    },

    /** Notices matching a filter with their units, newest first. */
    async withUnits(where: Record<string, unknown>, limit: number): Promise<StoredNotice[]> {
      return (await query().findMany({
        where,
        orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
        limit,
        populate: {
          targetGrids: { select: ['code', 'name', 'path'] },
          targetDepartments: { select: ['id', 'code', 'name'] },
        },
      })) as StoredNotice[];
    },

    /** Some fields of one notice; null when there is none. */
    async fields<F extends NoticeField>(
      documentId: string,
      select: readonly F[]
    ): Promise<Record<F, unknown> | null> {
      return (await query().findOne({ where: { documentId }, select: [...select] })) as Record<
        F,
        unknown
      > | null;
    },

    /** The notice as the downloads render it: title, period, kind and the stored figures. */
    async forDownload(documentId: string): Promise<{
      documentId: string;
      kind: string;
      title: string;
      period: string | null;
      metrics: unknown;
    } | null> {
      return (await query().findOne({
        where: { documentId },
        select: ['documentId', 'title', 'period', 'metrics', 'kind'],
      })) as {
        documentId: string;
        kind: string;
        title: string;
        period: string | null;
        metrics: unknown;
      } | null;
    },

    /**
     * from → to with the change's attributes, guarded on `from`: false when the notice is not (or
     * no longer) in that state. Through `trx` when given.
     */
    async moveGuarded(
      trx: Connection | null,
      documentId: string,
      from: string,
      to: string,
      change: NoticeChange
    ): Promise<boolean> {
      const state = columnOf(strapi, uid, 'state');
      const changed = await (trx ?? strapi.db.connection)(table())
        .where({ [columnOf(strapi, uid, 'documentId')]: documentId, [state]: from })
        .update({ [state]: to, ...columnsOf(change) });
      return changed > 0;
    },
  };
}

export type NoticesRepository = ReturnType<typeof noticesRepository>;
