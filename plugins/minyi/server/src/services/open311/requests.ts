import type { Core } from '@strapi/strapi';
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
import { ITEM_STATUSES, type Level } from '../../domain/vocabulary';
import { minyiConfig, minyiService } from '../../plugin';
import { itemEventsRepository } from '../../repositories/item-events';
import { itemsRepository } from '../../repositories/items';
import { serviceRequestsRepository } from '../../repositories/service-requests';

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
  const items = () => itemsRepository(strapi);
  const requests = () => serviceRequestsRepository(strapi);

  async function answer(rows: Array<Record<string, unknown>>): Promise<Open311Request[]> {
    const zone = minyiConfig(strapi).timezone;
    const ids = rows.map((row) => Number(row.id));
    const timelines = new Map<number, TimelineEntry[]>();
    if (ids.length > 0) {
      const events = await itemEventsRepository(strapi).ofTypesOf(ids, PUBLIC_EVENT_TYPES);
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
    return answer(await requests().byTrackingCodes(normalised));
  }

  return {
    async list(query: RequestsQuery): Promise<Open311Request[]> {
      if (query.kind === 'ids') return byTrackingCodes(query.ids);
      const states =
        query.statuses.length === 1
          ? statesOfOpen311Status(query.statuses[0], ITEM_STATUSES)
          : null;
      return answer(await requests().search(query, states));
    },

    /** requests/{id}: null when no published item has this id. */
    async one(serviceRequestId: string): Promise<Open311Request | null> {
      return (await byTrackingCodes([serviceRequestId.slice(0, 64)]))[0] ?? null;
    },

    /** tokens/{token}: the id a token stands for, null for a token we did not issue. */
    async token(token: string): Promise<{ token: string; service_request_id: string } | null> {
      const code = trackingCodeOfToken(token, minyiConfig(strapi).feedbackKey);
      if (code === null) return null;
      const found = await items().hasTrackingCode(code);
      return found === null ? null : { token, service_request_id: found };
    },
  };
};

export default open311Requests;
