import type { Core } from '@strapi/strapi';
import {
  publicTrackingView,
  type PublicTrackingView,
  type TrackedEvent,
} from '../../domain/public-tracking';
import { isWellFormedTrackingCode, normaliseTrackingCode } from '../../domain/tracking-code';
import { minyiService } from '../../plugin';
import { itemEventsRepository } from '../../repositories/item-events';
import { itemsRepository } from '../../repositories/items';

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
    const item = await itemsRepository(strapi).tracked(code);
    if (!item) return null;
    const events: TrackedEvent[] = await itemEventsRepository(strapi).stepsOf(Number(item.id));
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
