import type { Core } from '@strapi/strapi';
import type { StoredCategoryLimits } from '../../domain/deadlines';
import type { ExtensionRequestRecord } from '../../domain/item-changes';
import type { ItemOwners } from '../../domain/move-guards';
import type { Recipient } from '../../domain/notifications';
import type { ItemStatus, Level } from '../../domain/vocabulary';

type Connection = Core.Strapi['db']['connection'];

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

interface Row {
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

/**
 * The item as a handling move sees it: its fields, category limits, owners and the contacts its
 * mail goes to, in ONE statement through the move's transaction (the to-one relations joined);
 * co-departments, a to-many relation, only when asked for. Names as Strapi stores them.
 */
const handlingItem = () => ({
  async load(
    trx: Connection,
    documentId: string,
    { coDepartments }: { coDepartments: boolean }
  ): Promise<HandlingItem | null> {
    const row: Row | undefined = await trx('items as i')
      .leftJoin('items_category_lnk as cl', 'cl.item_id', 'i.id')
      .leftJoin('categories as c', 'c.id', 'cl.category_id')
      .leftJoin('items_assigned_grid_lnk as ag', 'ag.item_id', 'i.id')
      .leftJoin('items_lead_department_lnk as ld', 'ld.item_id', 'i.id')
      .leftJoin('departments as d', 'd.id', 'ld.department_id')
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
    return {
      id,
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
  },
});

/** A contact as a recipient of the given reason, when it has an address. */
export function recipientOf(contact: Contact | null, reason: Recipient['reason']): Recipient[] {
  return contact?.email ? [{ email: contact.email, label: contact.name ?? '', reason }] : [];
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

export type HandlingItemService = ReturnType<typeof handlingItem>;
export default handlingItem;
