import type { Core } from '@strapi/strapi';
import {
  publicTrackingView,
  type PublicTrackingView,
  type TrackedEvent,
} from '../../domain/public-tracking';
import { isWellFormedTrackingCode, normaliseTrackingCode } from '../../domain/tracking-code';
import { minyiService } from '../../plugin';

/** Datetime columns come back as Date (pg), epoch milliseconds or ISO text (SQLite). */
function asDate(value: unknown): Date {
  if (value instanceof Date) return value;
  return new Date(
    typeof value === 'number' ? value : /^\d+$/.test(String(value)) ? Number(value) : String(value)
  );
}

/**
 * 进度查询: an item's public face by tracking code. Two indexed reads (the item with its handling
 * unit's name, then its events); the view is built by the domain, which decides what is public.
 */
const publicTracking = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** null for an unknown or malformed code: the caller answers both with the same 404. */
  async find(typedCode: string): Promise<PublicTrackingView | null> {
    const code = normaliseTrackingCode(typedCode);
    if (!isWellFormedTrackingCode(code)) return null;
    const db = strapi.db.connection;
    const item = await db('items as i')
      .leftJoin('items_lead_department_lnk as ld', 'ld.item_id', 'i.id')
      .leftJoin('departments as d', 'd.id', 'ld.department_id')
      .leftJoin('items_assigned_grid_lnk as ag', 'ag.item_id', 'i.id')
      .leftJoin('grids as g', 'g.id', 'ag.grid_id')
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
        'g.name as gridName'
      );
    if (!item) return null;
    const events: TrackedEvent[] = await db('item_events as e')
      .join('item_events_item_lnk as l', 'l.item_event_id', 'e.id')
      .where('l.item_id', item.id)
      .orderBy([{ column: 'e.at' }, { column: 'e.id' }])
      .select('e.type', 'e.at', 'e.to_level as toLevel', 'e.to_status as toStatus');
    const dueAt = item.dueAt === null || item.dueAt === undefined ? null : asDate(item.dueAt);
    const photos = (await minyiService(strapi, 'photos').viewsOf([Number(item.id)])).get(
      Number(item.id)
    );
    return publicTrackingView(
      {
        trackingCode: item.trackingCode,
        title: item.title,
        status: item.status,
        level: item.level,
        unit: item.departmentName ?? item.gridName ?? null,
        dueAt,
        resolution: item.resolution ?? null,
        photos,
      },
      events.map((event) => ({ ...event, at: asDate(event.at) }))
    );
  },
});

export default publicTracking;
