import type { Core } from '@strapi/strapi';
import { newDocumentId } from './document-ids';
import { tableOf } from './metadata';

type Connection = Core.Strapi['db']['connection'];

import { UID } from './uids';

export const OUTBOX_MESSAGE_UID = UID.outboxMessage;

/** One message to queue: the outbox sender renders `template` with `data` when it is due. */
export interface OutboxEntry {
  dedupeKey: string;
  template: string;
  recipient: string;
  recipientLabel: string | null;
  data: unknown;
  itemDocumentId: string | null;
}

const ROWS_PER_STATEMENT = 200;

/**
 * The notification outbox: its table, and the one way messages are queued — inside the caller's
 * transaction, so a message stands or falls with the change that caused it; a dedupe key already
 * queued or sent is skipped.
 */
export function outboxRepository(strapi: Core.Strapi) {
  const table = () => tableOf(strapi, OUTBOX_MESSAGE_UID);
  return {
    table,

    /** The messages about one item for the admin's panel, newest first (at most 200), without addresses. */
    async ofItem(itemDocumentId: string): Promise<
      Array<{
        template: string;
        recipientLabel: string | null;
        state: 'queued' | 'sending' | 'sent' | 'failed';
        createdAt: string;
        sentAt: string | null;
        lastError: string | null;
      }>
    > {
      return strapi.db.query(OUTBOX_MESSAGE_UID).findMany({
        where: { itemDocumentId },
        select: ['template', 'recipientLabel', 'state', 'createdAt', 'sentAt', 'lastError'],
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        limit: 200,
      });
    },

    /** Queues `entries`, due at `dueAt`, stamped `now`. */
    async queue(
      trx: Connection,
      entries: readonly OutboxEntry[],
      { dueAt, now }: { dueAt: Date; now: Date }
    ): Promise<void> {
      for (let start = 0; start < entries.length; start += ROWS_PER_STATEMENT) {
        const rows = entries.slice(start, start + ROWS_PER_STATEMENT).map((entry) => ({
          document_id: newDocumentId() as string,
          dedupe_key: entry.dedupeKey,
          template: entry.template,
          recipient: entry.recipient,
          recipient_label: entry.recipientLabel,
          data: JSON.stringify(entry.data),
          item_document_id: entry.itemDocumentId,
          state: 'queued',
          attempts: 0,
          next_attempt_at: dueAt,
          created_at: now,
          updated_at: now,
          published_at: now,
        }));
        await trx(table()).insert(rows).onConflict('dedupe_key').ignore();
      }
    },
  };
}
