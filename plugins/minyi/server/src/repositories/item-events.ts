import type { Core } from '@strapi/strapi';
import type { ItemEventType, ItemStatus, Level } from '../domain/vocabulary';
import { newDocumentId } from './document-ids';
import { linkOf, tableOf } from './metadata';

type Connection = Core.Strapi['db']['connection'];

import { UID } from './uids';

export const ITEM_EVENT_UID = UID.itemEvent;

export interface EventRow {
  itemId: number;
  type: ItemEventType;
  fromStatus?: string | null;
  toStatus?: string | null;
  fromLevel?: string | null;
  toLevel?: string | null;
  actorLabel: string;
  /** The staff record that acted, when a person did. */
  actorStaffId?: number;
  note?: string | null;
  at: Date;
}

/** One step of an item's history as a raw read gives it (`at` as the database returns it). */
export interface TimelineEvent {
  type: ItemEventType;
  at: unknown;
  actorLabel: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
}

const ROWS_PER_STATEMENT = 200;

/**
 * The item-event history (append-only): its table and its links to the item and the acting staff
 * member, written with set-based inserts inside the caller's transaction.
 */
export function itemEventsRepository(strapi: Core.Strapi) {
  const table = () => tableOf(strapi, ITEM_EVENT_UID);
  const itemLink = () => linkOf(strapi, ITEM_EVENT_UID, 'item');
  const actorLink = () => linkOf(strapi, ITEM_EVENT_UID, 'actor');

  return {
    table,

    /** The steps of one item the tracking page reads, oldest first. */
    async stepsOf(itemId: number): Promise<
      Array<{
        type: ItemEventType;
        at: Date | string;
        toLevel: Level | null;
        toStatus: ItemStatus | null;
      }>
    > {
      return strapi.db
        .connection('item_events as e')
        .join('item_events_item_lnk as l', 'l.item_event_id', 'e.id')
        .where('l.item_id', itemId)
        .orderBy([{ column: 'e.at' }, { column: 'e.id' }])
        .select('e.type', 'e.at', 'e.to_level as toLevel', 'e.to_status as toStatus');
    },

    /** The events of these types of many items, oldest first (Open311's timelines). */
    async ofTypesOf(
      itemIds: readonly number[],
      types: readonly ItemEventType[]
    ): Promise<Array<{ itemId: number | string; type: ItemEventType; toLevel: Level | null }>> {
      return strapi.db
        .connection('item_events as e')
        .join('item_events_item_lnk as l', 'l.item_event_id', 'e.id')
        .whereIn('l.item_id', [...itemIds])
        .whereIn('e.type', [...types])
        .orderBy([{ column: 'e.at' }, { column: 'e.id' }])
        .select('l.item_id as itemId', 'e.type', 'e.to_level as toLevel');
    },

    /** An item's history for the admin's panel, newest first (at most 500), with the acting staff's name. */
    async historyOf(itemId: number): Promise<
      Array<{
        at: string;
        type: ItemEventType;
        fromStatus: string | null;
        toStatus: string | null;
        fromLevel: string | null;
        toLevel: string | null;
        actorLabel: string | null;
        note: string | null;
        actor: { name: string } | null;
      }>
    > {
      return strapi.db.query(ITEM_EVENT_UID).findMany({
        where: { item: { id: itemId } },
        select: [
          'at',
          'type',
          'fromStatus',
          'toStatus',
          'fromLevel',
          'toLevel',
          'actorLabel',
          'note',
        ],
        populate: { actor: { select: ['name'] } },
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
        limit: 500,
      });
    },

    /** The whole history of many items, oldest first, by item id (the spot-check review sheet). */
    async timelinesOf(itemIds: readonly number[]): Promise<Map<number, TimelineEvent[]>> {
      const byItem = new Map<number, TimelineEvent[]>();
      if (itemIds.length === 0) return byItem;
      const rows: Array<{
        item_id: number | string;
        type: ItemEventType;
        at: unknown;
        actor_label: string | null;
        from_status: string | null;
        to_status: string | null;
        note: string | null;
      }> = await strapi.db
        .connection('item_events as e')
        .join('item_events_item_lnk as l', 'l.item_event_id', 'e.id')
        .whereIn('l.item_id', [...itemIds])
        .orderBy([
          { column: 'e.at', order: 'asc' },
          { column: 'e.id', order: 'asc' },
        ])
        .select(
          'l.item_id',
          'e.type',
          'e.at',
          'e.actor_label',
          'e.from_status',
          'e.to_status',
          'e.note'
        );
      for (const row of rows) {
        const id = Number(row.item_id);
        byItem.set(id, [
          ...(byItem.get(id) ?? []),
          {
            type: row.type,
            at: row.at,
            actorLabel: row.actor_label ?? null,
            fromStatus: row.from_status ?? null,
            toStatus: row.to_status ?? null,
            note: row.note ?? null,
          },
        ]);
      }
      return byItem;
    },

    async append(trx: Connection, events: readonly EventRow[]): Promise<void> {
      const toItem = itemLink();
      const toActor = actorLink();
      for (let start = 0; start < events.length; start += ROWS_PER_STATEMENT) {
        const part = events.slice(start, start + ROWS_PER_STATEMENT);
        const rows = part.map((event) => ({
          document_id: newDocumentId() as string,
          type: event.type,
          from_status: event.fromStatus ?? null,
          to_status: event.toStatus ?? null,
          from_level: event.fromLevel ?? null,
          to_level: event.toLevel ?? null,
          actor_label: event.actorLabel,
          note: event.note ?? null,
          at: event.at,
          created_at: event.at,
          updated_at: event.at,
          published_at: event.at,
        }));
        // RETURNING (SQLite ≥ 3.35, PostgreSQL) gives the new ids without reading the rows back.
        const inserted: Array<{ id: number; document_id: string }> = await trx(table())
          .insert(rows)
          .returning(['id', 'document_id']);
        const idOf = new Map(inserted.map((row) => [row.document_id, Number(row.id)]));
        await trx(toItem.name).insert(
          rows.map((row, index) => ({
            [toItem.ownerColumn]: idOf.get(row.document_id),
            [toItem.targetColumn]: part[index].itemId,
          }))
        );
        const actorLinks = rows.flatMap((row, index) => {
          const staffId = part[index].actorStaffId;
          return staffId === undefined
            ? []
            : [
                {
                  [toActor.ownerColumn]: idOf.get(row.document_id),
                  [toActor.targetColumn]: staffId,
                },
              ];
        });
        if (actorLinks.length > 0) await trx(toActor.name).insert(actorLinks);
      }
    },
  };
}
