import type { Core } from '@strapi/strapi';
import { publicTrackingView, type PublicTrackingView, type TrackedEvent } from '../domain/public-tracking';
import { isWellFormedTrackingCode, normaliseTrackingCode } from '../domain/tracking-code';

/** Datetime columns come back as Date (pg), epoch milliseconds or ISO text (SQLite). */
function asDate(value: unknown): Date {
  if (value instanceof Date) return value;
  return new Date(typeof value === 'number' ? value : /^\d+$/.test(String(value)) ? Number(value) : String(value));
}

/**
 * 进度查询: an item's public face by tracking code, in one indexed read (item, handling unit's name,
 * events); the view is built by the domain, which decides what is public.
 */
const publicTracking = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** null for an unknown or malformed code: the caller answers both with the same 404. */
  async find(typedCode: string): Promise<PublicTrackingView | null> {
    const code = normaliseTrackingCode(typedCode);
    if (!isWellFormedTrackingCode(code)) return null;
    const db = strapi.db.connection;
    // One statement: the item, its handling unit's name, and one row per event (none: one row of nulls).
    const rows = await db('items as i')
      .leftJoin('items_lead_department_lnk as ld', 'ld.item_id', 'i.id')
      .leftJoin('departments as d', 'd.id', 'ld.department_id')
      .leftJoin('items_assigned_grid_lnk as ag', 'ag.item_id', 'i.id')
      .leftJoin('grids as g', 'g.id', 'ag.grid_id')
      .leftJoin('item_events_item_lnk as el', 'el.item_id', 'i.id')
      .leftJoin('item_events as e', 'e.id', 'el.item_event_id')
      .where('i.tracking_code', code)
      .orderBy([{ column: 'e.at' }, { column: 'e.id' }])
      .select(
        'i.tracking_code as trackingCode', 'i.title', 'i.state as status', 'i.level', 'i.due_at as dueAt', 'i.resolution',
        'd.name as departmentName', 'g.name as gridName',
        'e.type as eventType', 'e.at as eventAt', 'e.to_level as toLevel', 'e.to_status as toStatus',
      );
    if (rows.length === 0) return null;
    const item = rows[0];
    const events: TrackedEvent[] = rows
      .filter((row: { eventType: unknown }) => row.eventType !== null && row.eventType !== undefined)
      .map((row: { eventType: TrackedEvent['type']; eventAt: unknown; toLevel: TrackedEvent['toLevel']; toStatus: TrackedEvent['toStatus'] }) => ({
        type: row.eventType, at: asDate(row.eventAt), toLevel: row.toLevel, toStatus: row.toStatus,
      }));
    const dueAt = item.dueAt === null || item.dueAt === undefined ? null : asDate(item.dueAt);
    return publicTrackingView(
      {
        trackingCode: item.trackingCode, title: item.title, status: item.status, level: item.level,
        unit: item.departmentName ?? item.gridName ?? null, dueAt, resolution: item.resolution ?? null,
      },
      events,
    );
  },
});

export default publicTracking;
