import type { Core } from '@strapi/strapi';
import type { QueuedNotification } from '../../domain/notifications';
import type { ItemEventType } from '../../domain/vocabulary';
import { newDocumentId } from '../../repositories/document-ids';

type Connection = Core.Strapi['db']['connection'];

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
 * When a message queued at `now` is due: at `now`, but never later than the real time. A job run
 * with an explicit future `now` (an escalation rehearsal) sends its mails when they are queued,
 * not years later; a run for a past `now` keeps its past instant (due at once either way).
 */
export function dueWhenQueued(now: Date): Date {
  const real = new Date();
  return now.getTime() > real.getTime() ? real : now;
}

/**
 * Appends item events and queues notifications with set-based inserts inside the caller's
 * transaction: the history and the outbox stand or fall with the change that caused them.
 */
const changeLog = () => ({
  async appendEvents(trx: Connection, events: readonly EventRow[]): Promise<void> {
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
      const inserted: Array<{ id: number; document_id: string }> = await trx('item_events')
        .insert(rows)
        .returning(['id', 'document_id']);
      const idOf = new Map(inserted.map((row) => [row.document_id, Number(row.id)]));
      await trx('item_events_item_lnk').insert(
        rows.map((row, index) => ({
          item_event_id: idOf.get(row.document_id),
          item_id: part[index].itemId,
        }))
      );
      const actorLinks = rows.flatMap((row, index) => {
        const staffId = part[index].actorStaffId;
        return staffId === undefined
          ? []
          : [{ item_event_id: idOf.get(row.document_id), staff_id: staffId }];
      });
      if (actorLinks.length > 0) await trx('item_events_actor_lnk').insert(actorLinks);
    }
  },

  /** Queues messages; one whose dedupe key is already queued or sent is skipped. */
  async queue(trx: Connection, messages: readonly QueuedNotification[], now: Date): Promise<void> {
    const dueAt = dueWhenQueued(now);
    for (let start = 0; start < messages.length; start += ROWS_PER_STATEMENT) {
      const rows = messages.slice(start, start + ROWS_PER_STATEMENT).map((message) => ({
        document_id: newDocumentId() as string,
        dedupe_key: message.dedupeKey,
        template: message.template,
        recipient: message.recipient,
        recipient_label: message.recipientLabel,
        data: JSON.stringify(message.data),
        item_document_id: message.itemDocumentId,
        state: 'queued',
        attempts: 0,
        next_attempt_at: dueAt,
        created_at: now,
        updated_at: now,
        published_at: now,
      }));
      await trx('minyi_outbox_messages').insert(rows).onConflict('dedupe_key').ignore();
    }
  },
});

export default changeLog;
