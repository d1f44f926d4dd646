import type { Core } from '@strapi/strapi';
import type { ItemEventType } from '../domain/vocabulary';
import { newDocumentId } from './document-ids';
import { linkOf, tableOf } from './metadata';

type Connection = Core.Strapi['db']['connection'];

export const ITEM_EVENT_UID = 'api::item-event.item-event';

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
