import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { StoredCategoryLimits } from '../domain/deadlines';
import type { ExtensionRequestRecord } from '../domain/item-changes';
import type { ItemOwners } from '../domain/move-guards';
import type { ItemStatus, Level, StaffRole } from '../domain/vocabulary';
import type { DepartmentRef, GridRef } from './structure';
import { UID } from './uids';

type Connection = Core.Strapi['db']['connection'];
/** The knex transaction strapi.db.transaction hands over (Strapi's types name it only here). */
export type Transaction = NonNullable<
  NonNullable<Parameters<Core.Strapi['db']['entityManager']['updateRelations']>[3]>['transaction']
>;

/** A person or unit the item's mail may go to, as stored (email may be missing). */
export interface Contact {
  email: string | null;
  name: string | null;
}

/** Everything a handling move decides from and tells about, read with one statement. */
export interface HandlingItem extends ItemOwners {
  id: number;
  documentId: string;
  state: ItemStatus;
  level: Level;
  /** Raised by one with every move: the guard of the move's UPDATE (If-Match). */
  version: number;
  title: string;
  trackingCode: string;
  dueAt: Date | null;
  receivedAt: Date | null;
  escalationCount: number;
  extensionPending: boolean;
  extensionRequest: ExtensionRequestRecord | null;
  /** The category's own limits (null where it sets none) and name; null without a category. */
  category: (StoredCategoryLimits & { name: string | null }) | null;
  /** Materialised path of the item's grid: what grid units are scoped by. */
  gridPath: string | null;
  address: string | null;
  submitterEmail: string | null;
  emailConsent: boolean;
  leadDepartment: Contact | null;
  leadLeader: Contact | null;
  firstResponder: Contact | null;
}

interface HandlingRow {
  id: number | string;
  document_id: string;
  state: ItemStatus;
  level: Level;
  handling_version: number | string | null;
  title: string;
  tracking_code: string;
  due_at: unknown;
  received_at: unknown;
  escalation_count: number | string | null;
  extension_pending: unknown;
  extension_request: unknown;
  address: string | null;
  submitter_email: string | null;
  email_consent: unknown;
  grid_path: string | null;
  complexity: string | null;
  category_id: number | null;
  category_name: string | null;
  grid_days: number | null;
  township_days: number | null;
  county_days: number | null;
  urgent_hours: number | null;
  assigned_grid_id: number | string | null;
  lead_department_id: number | string | null;
  lead_department_name: string | null;
  lead_department_email: string | null;
  lead_leader_id: number | string | null;
  lead_leader_name: string | null;
  lead_leader_email: string | null;
  first_responder_id: number | string | null;
  first_responder_name: string | null;
  first_responder_email: string | null;
}

/** The public columns of an item as the tracking page reads it, with its handling unit's name. */
export interface TrackedItemRow {
  id: number | string;
  trackingCode: string;
  title: string;
  status: ItemStatus;
  level: Level;
  dueAt: unknown;
  resolution: string | null;
  departmentName: string | null;
  gridName: string | null;
}

/** The item as the admin's item panel reads it. */
export interface PanelItem {
  id: number;
  documentId: string;
  trackingCode: string;
  title: string;
  state: ItemStatus;
  level: Level;
  dueAt: string | null;
  pausedAt: string | null;
  gridPath: string | null;
  extensionPending: boolean | null;
  grid: GridRef | null;
  assignedGrid: GridRef | null;
  leadDepartment: DepartmentRef | null;
  coDepartments: DepartmentRef[] | null;
  firstResponder: { name: string; role: StaffRole } | null;
}

/** The item as the resident's feedback reads it. */
export interface FeedbackItemRow {
  id: number;
  documentId: string;
  trackingCode: string;
  title: string;
  state: ItemStatus;
  resolvedAt: unknown;
  callbackAt: unknown;
  receiptSecretHash: string | null;
}

/** A sampled item as the spot-check review sheet reads it. */
export interface ReviewSheetItem {
  id: number;
  documentId: string;
  title: string;
  state: ItemStatus;
  resolution: string | null;
  submitterPhone: string | null;
  gridPath: string | null;
  leadDepartmentId: number | null;
  coDepartmentIds: number[];
}

/** A possible duplicate offered to the intake (登记民意). */
export interface DuplicateRow {
  document_id: string;
  tracking_code: string;
  title: string;
  state: ItemStatus;
  received_at: string | Date | null;
}

/**
 * The owning-unit joins every reader of "an item with its owning unit" shares: the category
 * (`cl`, `c`), the lead department (`ld`, `d`) and the assigned grid (`ag`, `ug`), from `items as i`.
 * The category join is inner where only items with a category count (Open311's services).
 */
function withOwningUnit(
  query: Knex.QueryBuilder,
  { category, assignedGridRow }: { category: 'inner' | 'left' | 'none'; assignedGridRow: boolean }
): Knex.QueryBuilder {
  if (category === 'inner')
    query
      .join('items_category_lnk as cl', 'cl.item_id', 'i.id')
      .join('categories as c', 'c.id', 'cl.category_id');
  if (category === 'left')
    query
      .leftJoin('items_category_lnk as cl', 'cl.item_id', 'i.id')
      .leftJoin('categories as c', 'c.id', 'cl.category_id');
  query
    .leftJoin('items_lead_department_lnk as ld', 'ld.item_id', 'i.id')
    .leftJoin('departments as d', 'd.id', 'ld.department_id')
    .leftJoin('items_assigned_grid_lnk as ag', 'ag.item_id', 'i.id');
  if (assignedGridRow) query.leftJoin('grids as ug', 'ug.id', 'ag.grid_id');
  return query;
}

/**
 * The items table: the reads the shell decides from (an item with its owning unit, in one
 * statement) and the guarded writes that change an item outside the Document Service. The
 * statements are set-based knex inside the caller's transaction where one is given.
 */
export function itemsRepository(strapi: Core.Strapi) {
  const db = (): Connection => strapi.db.connection;
  const uid = UID.item;

  return {
    uid,

    /** The items table under an alias, with the owning-unit joins (see withOwningUnit). */
    withOwningUnit(
      options: { category: 'inner' | 'left' | 'none'; assignedGridRow: boolean },
      trx: Connection = db()
    ): Knex.QueryBuilder {
      return withOwningUnit(trx('items as i'), options);
    },

    /**
     * The item as a handling move sees it: its fields, category limits, owners and the contacts its
     * mail goes to, in ONE statement through the move's transaction (the to-one relations joined);
     * co-departments, a to-many relation, only when asked for.
     */
    async loadForMove(
      trx: Connection,
      documentId: string,
      { coDepartments }: { coDepartments: boolean }
    ): Promise<HandlingItem | null> {
      const row: HandlingRow | undefined = await withOwningUnit(trx('items as i'), {
        category: 'left',
        assignedGridRow: false,
      })
        .leftJoin('items_lead_leader_lnk as ll', 'll.item_id', 'i.id')
        .leftJoin('staffs as leader', 'leader.id', 'll.staff_id')
        .leftJoin('items_first_responder_lnk as fr', 'fr.item_id', 'i.id')
        .leftJoin('staffs as responder', 'responder.id', 'fr.staff_id')
        .where('i.document_id', documentId)
        .first(
          'i.id',
          'i.document_id',
          'i.state',
          'i.level',
          'i.handling_version',
          'i.title',
          'i.tracking_code',
          'i.due_at',
          'i.received_at',
          'i.escalation_count',
          'i.extension_pending',
          'i.extension_request',
          'i.address',
          'i.submitter_email',
          'i.email_consent',
          'i.grid_path',
          'i.complexity',
          'c.id as category_id',
          'c.name as category_name',
          'c.grid_days',
          'c.township_days',
          'c.county_days',
          'c.urgent_hours',
          'ag.grid_id as assigned_grid_id',
          'ld.department_id as lead_department_id',
          'd.name as lead_department_name',
          'd.contact_email as lead_department_email',
          'll.staff_id as lead_leader_id',
          'leader.name as lead_leader_name',
          'leader.email as lead_leader_email',
          'fr.staff_id as first_responder_id',
          'responder.name as first_responder_name',
          'responder.email as first_responder_email'
        );
      if (!row) return null;
      const id = Number(row.id);
      const coDepartmentIds: number[] = coDepartments
        ? (await trx('items_co_departments_lnk').where('item_id', id).pluck('department_id')).map(
            Number
          )
        : [];
      return handlingItemOf(row, coDepartmentIds);
    },

    /** Whether an item matches a Query Engine filter (a document id AND a unit scope's filter). */
    async existsWhere(where: Record<string, unknown>): Promise<boolean> {
      return (await strapi.db.query(uid).findOne({ where, select: ['id'] })) !== null;
    },

    /** What the unit scope of an item is decided from; null for an unknown item. */
    async unitOf(documentId: string): Promise<{
      gridPath: string | null;
      leadDepartmentId: number | null;
      coDepartmentIds: number[];
    } | null> {
      const item = (await strapi.db.query(uid).findOne({
        where: { documentId },
        select: ['id', 'gridPath'],
        populate: { leadDepartment: { select: ['id'] }, coDepartments: { select: ['id'] } },
      })) as {
        gridPath: string | null;
        leadDepartment: { id: number } | null;
        coDepartments: Array<{ id: number }> | null;
      } | null;
      if (!item) return null;
      return {
        gridPath: item.gridPath,
        leadDepartmentId: item.leadDepartment?.id ?? null,
        coDepartmentIds: (item.coDepartments ?? []).map((department) => department.id),
      };
    },

    /** An item's row id by document id or tracking code (an original a repeat is linked to). */
    async idByReference(ref: string): Promise<number | null> {
      const found = (await strapi.db.query(uid).findOne({
        where: { $or: [{ documentId: ref }, { trackingCode: ref }] },
        select: ['id'],
      })) as { id: number } | null;
      return found ? found.id : null;
    },

    /** The item as the admin's item panel shows it, with its units and first responder. */
    async forPanel(documentId: string): Promise<PanelItem | null> {
      return (await strapi.db.query(uid).findOne({
        where: { documentId },
        select: [
          'id',
          'documentId',
          'trackingCode',
          'title',
          'state',
          'level',
          'dueAt',
          'pausedAt',
          'gridPath',
          'extensionPending',
        ],
        populate: {
          grid: { select: ['id', 'documentId', 'name', 'code', 'level'] },
          assignedGrid: { select: ['id', 'documentId', 'name', 'code', 'level'] },
          leadDepartment: { select: ['id', 'documentId', 'name', 'code'] },
          coDepartments: { select: ['id', 'documentId', 'name', 'code'] },
          firstResponder: { select: ['name', 'role'] },
        },
      })) as PanelItem | null;
    },

    /** A just registered item (登记民意) as the intake answers it, with the grid that owns it. */
    async registered(trackingCode: string): Promise<{
      documentId: string;
      state: ItemStatus;
      level: Level;
      dueAt: string | null;
      assignedGrid: GridRef | null;
    }> {
      return (await strapi.db.query(uid).findOne({
        where: { trackingCode },
        select: ['documentId', 'state', 'level', 'dueAt'],
        populate: { assignedGrid: { select: ['id', 'documentId', 'name', 'code', 'level'] } },
      })) as {
        documentId: string;
        state: ItemStatus;
        level: Level;
        dueAt: string | null;
        assignedGrid: GridRef | null;
      };
    },

    /** Sets an item's relations (by attribute, row ids) through Strapi's own relation writer: no re-read, no lifecycles. */
    async setRelations(
      trx: Transaction,
      itemId: number,
      relations: Record<string, unknown>
    ): Promise<void> {
      await strapi.db.entityManager.updateRelations(uid, itemId, relations, { transaction: trx });
    },

    /** The row id of an item, null for an unknown document id (through `trx` when given). */
    async idOf(documentId: string, trx: Connection = db()): Promise<number | null> {
      const row = await trx('items').where('document_id', documentId).first('id');
      return row ? Number(row.id) : null;
    },

    /** The state of an item, null for an unknown document id. */
    async stateOf(documentId: string): Promise<ItemStatus | null> {
      const row = await db()('items').where('document_id', documentId).first('state');
      return row ? (row.state as ItemStatus) : null;
    },

    /**
     * Sampled items as the spot-check review sheet shows them (resolution, the resident's phone
     * for the callback) with what their unit scope is decided from, by document id.
     */
    async forReviewSheet(documentIds: readonly string[]): Promise<Map<string, ReviewSheetItem>> {
      if (documentIds.length === 0) return new Map();
      const rows: Array<{
        id: number | string;
        document_id: string;
        title: string;
        state: ItemStatus;
        resolution: string | null;
        submitter_phone: string | null;
        grid_path: string | null;
        lead_department_id: number | string | null;
      }> = await db()('items as i')
        .leftJoin('items_lead_department_lnk as l', 'l.item_id', 'i.id')
        .whereIn('i.document_id', [...documentIds])
        .select(
          'i.id',
          'i.document_id',
          'i.title',
          'i.state',
          'i.resolution',
          'i.submitter_phone',
          'i.grid_path',
          'l.department_id as lead_department_id'
        );
      const ids = rows.map((row) => Number(row.id));
      const co: Array<{ item_id: number | string; department_id: number | string }> =
        ids.length === 0
          ? []
          : await db()('items_co_departments_lnk')
              .whereIn('item_id', ids)
              .select('item_id', 'department_id');
      const coOf = new Map<number, number[]>();
      for (const link of co) {
        const id = Number(link.item_id);
        coOf.set(id, [...(coOf.get(id) ?? []), Number(link.department_id)]);
      }
      return new Map(
        rows.map((row) => [
          row.document_id,
          {
            id: Number(row.id),
            documentId: row.document_id,
            title: row.title,
            state: row.state,
            resolution: row.resolution,
            submitterPhone: row.submitter_phone,
            gridPath: row.grid_path,
            leadDepartmentId: idOf(row.lead_department_id),
            coDepartmentIds: coOf.get(Number(row.id)) ?? [],
          },
        ])
      );
    },

    /** 进度查询: the item's public columns and its handling unit's names, by tracking code. */
    async tracked(code: string): Promise<TrackedItemRow | undefined> {
      return withOwningUnit(db()('items as i'), { category: 'none', assignedGridRow: true })
        .where('i.tracking_code', code)
        .first(
          'i.id',
          'i.tracking_code as trackingCode',
          'i.title',
          'i.state as status',
          'i.level',
          'i.due_at as dueAt',
          'i.resolution',
          'd.name as departmentName',
          'ug.name as gridName'
        );
    },

    /** Whether an item has this tracking code (Open311 tokens). */
    async hasTrackingCode(code: string): Promise<string | null> {
      const found = await db()('items').where('tracking_code', code).first('tracking_code');
      return found ? String(found.tracking_code) : null;
    },

    /** The item as the resident's feedback reads it, by tracking code. */
    async forFeedback(code: string): Promise<FeedbackItemRow | null> {
      const row = await db()('items')
        .where('tracking_code', code)
        .first(
          'id',
          'document_id as documentId',
          'tracking_code as trackingCode',
          'title',
          'state',
          'resolved_at as resolvedAt',
          'callback_at as callbackAt',
          'receipt_secret_hash as receiptSecretHash'
        );
      return row ? { ...row, id: Number(row.id), state: row.state as ItemStatus } : null;
    },

    /**
     * The feedback's claim: of two feedbacks at once on the same resolution, one is recorded.
     * True when this one was.
     */
    async claimFeedback(
      trx: Connection,
      id: number,
      feedback: { satisfaction: string; solved: boolean },
      now: Date
    ): Promise<boolean> {
      const claimed = await trx('items')
        .where('id', id)
        .where((query) =>
          query
            .whereNull('callback_at')
            .orWhere((later) =>
              later.whereNotNull('resolved_at').andWhere('callback_at', '<', trx.ref('resolved_at'))
            )
        )
        .update({
          satisfaction: feedback.satisfaction,
          callback_solved: feedback.solved,
          callback_at: now,
          updated_at: now,
        });
      return claimed === 1;
    },

    /** Re-reads the item's grid path through `trx` and stores the grid's when it changed. */
    async syncGridPath(trx: Connection, itemId: number): Promise<void> {
      const row = await trx('items as i')
        .leftJoin('items_grid_lnk as l', 'l.item_id', 'i.id')
        .leftJoin('grids as g', 'g.id', 'l.grid_id')
        .where('i.id', itemId)
        .first('i.grid_path as current', 'g.path as wanted');
      if (row && (row.current ?? null) !== (row.wanted ?? null)) {
        await trx('items')
          .where('id', itemId)
          .update({ grid_path: row.wanted ?? null });
      }
    },

    /** 数据更正: the item's state, level and the given attributes (by attribute name). */
    async forCorrection(
      trx: Connection,
      documentId: string,
      attributes: readonly string[]
    ): Promise<
      (Record<string, unknown> & { id: number; state: string; level: string }) | undefined
    > {
      return (await trx('items')
        .where('document_id', documentId)
        .first(
          'id',
          'state',
          'level',
          'updated_at',
          ...attributes.map((name) => `${columnOf(strapi, name)} as ${name}`)
        )) as (Record<string, unknown> & { id: number; state: string; level: string }) | undefined;
    },

    /**
     * 数据更正's write: the attributes' new values, guarded on the state read before, so a move in
     * between makes it fail (false) instead of being overwritten.
     */
    async correctGuarded(
      trx: Connection,
      id: number,
      state: string,
      values: Record<string, unknown>,
      now: Date
    ): Promise<boolean> {
      const update: Record<string, unknown> = { updated_at: now };
      for (const [name, value] of Object.entries(values)) update[columnOf(strapi, name)] = value;
      const claimed = await trx('items').where({ id, state }).update(update);
      return claimed === 1;
    },

    /**
     * Possible duplicates for the intake: items received since `since` and not in `excluded`
     * statuses, with the same phone, or the same address and category (by document id or code).
     */
    async possibleDuplicates(
      match: { phone: string } | { address: string; category: string },
      since: Date,
      excludedStatuses: readonly ItemStatus[]
    ): Promise<DuplicateRow[]> {
      const knex = db();
      const query =
        'phone' in match
          ? knex('items as i').where('i.submitter_phone', match.phone)
          : knex('items as i')
              .join('items_category_lnk as c', 'c.item_id', 'i.id')
              .join('categories as k', 'k.id', 'c.category_id')
              .where('i.address', match.address)
              .where((w) =>
                w.where('k.document_id', match.category).orWhere('k.code', match.category)
              );
      return query
        .where('i.received_at', '>=', since)
        .whereNotIn('i.state', [...excludedStatuses])
        .select('i.document_id', 'i.tracking_code', 'i.title', 'i.state', 'i.received_at')
        .orderBy('i.received_at', 'desc')
        .limit(20);
    },
  };
}

/** The column of an item attribute (Strapi snake-cases it; the metadata says how). */
function columnOf(strapi: Core.Strapi, attribute: string): string {
  const meta = strapi.db.metadata.get(UID.item) as {
    attributes: Record<string, { columnName?: string }>;
  };
  return meta.attributes[attribute]?.columnName ?? attribute;
}

function handlingItemOf(row: HandlingRow, coDepartmentIds: number[]): HandlingItem {
  return {
    id: Number(row.id),
    documentId: row.document_id,
    state: row.state,
    level: row.level,
    version: Number(row.handling_version ?? 0),
    title: row.title,
    trackingCode: row.tracking_code,
    dueAt: dateOf(row.due_at),
    receivedAt: dateOf(row.received_at),
    escalationCount: Number(row.escalation_count ?? 0),
    extensionPending: booleanOf(row.extension_pending),
    extensionRequest: jsonOf(row.extension_request) as ExtensionRequestRecord | null,
    category:
      row.category_id === null
        ? null
        : {
            name: row.category_name,
            gridDays: numberOrNull(row.grid_days),
            townshipDays: numberOrNull(row.township_days),
            countyDays: numberOrNull(row.county_days),
            urgentHours: numberOrNull(row.urgent_hours),
          },
    address: row.address,
    submitterEmail: row.submitter_email,
    emailConsent: booleanOf(row.email_consent),
    gridPath: row.grid_path,
    complexity: row.complexity,
    assignedGridId: idOf(row.assigned_grid_id),
    leadDepartmentId: idOf(row.lead_department_id),
    coDepartmentIds,
    leadLeaderId: idOf(row.lead_leader_id),
    leadDepartment: contactOf(
      row.lead_department_id,
      row.lead_department_name,
      row.lead_department_email
    ),
    leadLeader: contactOf(row.lead_leader_id, row.lead_leader_name, row.lead_leader_email),
    firstResponder: contactOf(
      row.first_responder_id,
      row.first_responder_name,
      row.first_responder_email
    ),
  };
}

// Raw values differ by database: SQLite keeps datetimes as epoch milliseconds, booleans as 0/1
// and JSON as text; PostgreSQL gives Date, boolean and parsed JSON.
function dateOf(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const text = String(value);
  return new Date(/^\d+$/.test(text) ? Number(text) : text);
}

function booleanOf(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't' || value === 'true';
}

function jsonOf(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function idOf(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

function numberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

function contactOf(
  id: number | string | null,
  name: string | null,
  email: string | null
): Contact | null {
  return id === null ? null : { name, email };
}
