import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  type Open311Request,
  type RequestRow,
  requestOf,
  statesOfOpen311Status,
  type TimelineEntry,
} from '../../domain/open311/mapping';
import type { RequestsQuery } from '../../domain/open311/requests-query';
import { trackingCodeOfToken } from '../../domain/open311/tokens';
import { PUBLIC_EVENT_TYPES } from '../../domain/public-tracking';
import { normaliseTrackingCode } from '../../domain/tracking-code';
import { ITEM_STATUSES, type ItemEventType, type Level } from '../../domain/vocabulary';
import { minyiConfig, minyiService } from '../../plugin';
import { tableNames } from '../structure/import/tables';

/** Datetime columns come back as Date (pg), epoch milliseconds or ISO text (SQLite). */
function asDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  const date = new Date(typeof value === 'number' || /^\d+$/.test(text) ? Number(text) : text);
  return Number.isNaN(date.getTime()) ? null : date;
}

const numberOrNull = (value: unknown) =>
  value === null || value === undefined ? null : Number(value);

/**
 * GET requests, requests/{id} and tokens/{token}: items filed under a published service, read
 * with one statement for the page (only public columns: no submitter, no street address) and one
 * for the public timeline's steps of those items. The domain shapes the answer.
 */
const open311Requests = ({ strapi }: { strapi: Core.Strapi }) => {
  const db = () => strapi.db.connection;

  /** The column of the category's service code (Strapi names it from the attribute). */
  const serviceCodeColumn = () =>
    `c.${tableNames(strapi, 'api::category.category').column('open311ServiceCode')}`;

  function base(): Knex.QueryBuilder {
    return db()('items as i')
      .join('items_category_lnk as cl', 'cl.item_id', 'i.id')
      .join('categories as c', 'c.id', 'cl.category_id')
      .leftJoin('items_lead_department_lnk as ld', 'ld.item_id', 'i.id')
      .leftJoin('departments as d', 'd.id', 'ld.department_id')
      .leftJoin('items_assigned_grid_lnk as ag', 'ag.item_id', 'i.id')
      .leftJoin('grids as ug', 'ug.id', 'ag.grid_id')
      .leftJoin('items_grid_lnk as rl', 'rl.item_id', 'i.id')
      .leftJoin('grids as rg', 'rg.id', 'rl.grid_id')
      .whereNotNull(serviceCodeColumn())
      .select(
        'i.id',
        'i.tracking_code as trackingCode',
        'i.title',
        'i.state',
        'i.level',
        'i.channel',
        'i.latitude',
        'i.longitude',
        'i.received_at as receivedAt',
        'i.updated_at as updatedAt',
        'i.due_at as dueAt',
        'i.media_url as mediaUrl',
        `${serviceCodeColumn()} as serviceCode`,
        'c.name as serviceName',
        'd.name as departmentName',
        'ug.name as gridName',
        'rg.code as gridCode'
      );
  }

  async function answer(rows: Array<Record<string, unknown>>): Promise<Open311Request[]> {
    const zone = minyiConfig(strapi).timezone;
    const ids = rows.map((row) => Number(row.id));
    const timelines = new Map<number, TimelineEntry[]>();
    if (ids.length > 0) {
      const events = (await db()('item_events as e')
        .join('item_events_item_lnk as l', 'l.item_event_id', 'e.id')
        .whereIn('l.item_id', ids)
        .whereIn('e.type', PUBLIC_EVENT_TYPES)
        .orderBy([{ column: 'e.at' }, { column: 'e.id' }])
        .select('l.item_id as itemId', 'e.type', 'e.to_level as toLevel')) as Array<{
        itemId: number | string;
        type: ItemEventType;
        toLevel: Level | null;
      }>;
      for (const event of events) {
        const list = timelines.get(Number(event.itemId)) ?? [];
        list.push({ type: event.type, toLevel: event.toLevel ?? null });
        timelines.set(Number(event.itemId), list);
      }
    }
    // media_url: the first photo (the resident's, else 整改后, else 整改前) as an absolute URL.
    const photos = await minyiService(strapi, 'photos').viewsOf(ids);
    const base = minyiConfig(strapi).publicUrl.replace(/\/+$/, '');
    const firstPhoto = (id: number): string | null => {
      const kinds = photos.get(id);
      const photo = kinds ? (kinds.submitted[0] ?? kinds.after[0] ?? kinds.before[0]) : undefined;
      return photo ? `${base}${photo.url}` : null;
    };
    return rows.map((row) => {
      const request: RequestRow = {
        mediaUrl: firstPhoto(Number(row.id)) ?? ((row.mediaUrl ?? null) as string | null),
        trackingCode: String(row.trackingCode),
        title: String(row.title),
        state: row.state as RequestRow['state'],
        level: row.level as Level,
        channel: row.channel as RequestRow['channel'],
        serviceCode: String(row.serviceCode),
        serviceName: String(row.serviceName),
        unitName: (row.departmentName ?? row.gridName ?? null) as string | null,
        gridCode: (row.gridCode ?? null) as string | null,
        latitude: numberOrNull(row.latitude),
        longitude: numberOrNull(row.longitude),
        receivedAt: asDate(row.receivedAt) ?? new Date(0),
        updatedAt: asDate(row.updatedAt),
        dueAt: asDate(row.dueAt),
      };
      return requestOf(request, timelines.get(Number(row.id)) ?? [], zone);
    });
  }

  async function byTrackingCodes(codes: readonly string[]): Promise<Open311Request[]> {
    const normalised = [...new Set(codes.map(normaliseTrackingCode))];
    const rows = await base()
      .whereIn('i.tracking_code', normalised)
      .orderBy([
        { column: 'i.received_at', order: 'desc' },
        { column: 'i.id', order: 'desc' },
      ]);
    return answer(rows);
  }

  return {
    async list(query: RequestsQuery): Promise<Open311Request[]> {
      if (query.kind === 'ids') return byTrackingCodes(query.ids);
      const builder = base();
      if (query.serviceCodes.length > 0) builder.whereIn(serviceCodeColumn(), query.serviceCodes);
      if (query.statuses.length === 1)
        builder.whereIn('i.state', statesOfOpen311Status(query.statuses[0], ITEM_STATUSES));
      if (query.requested.from) builder.where('i.received_at', '>=', query.requested.from);
      if (query.requested.to) builder.where('i.received_at', '<=', query.requested.to);
      if (query.updated.from) builder.where('i.updated_at', '>=', query.updated.from);
      if (query.updated.to) builder.where('i.updated_at', '<=', query.updated.to);
      const rows = await builder
        .orderBy([
          { column: 'i.received_at', order: 'desc' },
          { column: 'i.id', order: 'desc' },
        ])
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      return answer(rows);
    },

    /** requests/{id}: null when no published item has this id. */
    async one(serviceRequestId: string): Promise<Open311Request | null> {
      return (await byTrackingCodes([serviceRequestId.slice(0, 64)]))[0] ?? null;
    },

    /** tokens/{token}: the id a token stands for, null for a token we did not issue. */
    async token(token: string): Promise<{ token: string; service_request_id: string } | null> {
      const code = trackingCodeOfToken(token, minyiConfig(strapi).feedbackKey);
      if (code === null) return null;
      const found = await db()('items').where('tracking_code', code).first('tracking_code');
      return found ? { token, service_request_id: String(found.tracking_code) } : null;
    },
  };
};

export default open311Requests;
