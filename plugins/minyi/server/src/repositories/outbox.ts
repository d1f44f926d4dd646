import type { Core } from '@strapi/strapi';
import { newDocumentId } from './document-ids';
import { tableOf } from './metadata';

import { UID } from './uids';

type Connection = Core.Strapi['db']['connection'];

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

/** A message as a sender claimed it: what rendering and sending it needs. */
export interface ClaimedRow {
  id: number;
  dedupe_key: string;
  template: string;
  recipient: string;
  recipient_label: string | null;
  data: unknown;
  item_document_id: string | null;
  attempts: number;
}

const CLAIMED_COLUMNS = [
  'id',
  'dedupe_key',
  'template',
  'recipient',
  'recipient_label',
  'data',
  'item_document_id',
  'attempts',
] as const;

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

    /** Counts by state, for the admin's mail page. */
    async counts(): Promise<Record<string, number>> {
      const rows: Array<{ state: string; n: number | string }> = await strapi.db
        .connection(table())
        .select('state')
        .count({ n: '*' })
        .groupBy('state');
      return Object.fromEntries(rows.map((row) => [row.state, Number(row.n)]));
    },

    /**
     * The sender's statements for the claims of `instance` (services/mail/outbox-sender.ts): due
     * messages claimed in batches with one guarded UPDATE (PostgreSQL skips rows another sender has
     * locked; SQLite runs the statement under its single writer lock), so two instances never hold
     * the same message; every later write only while the claim is still this instance's.
     */
    claims(instance: string) {
      const knex = (): Connection => strapi.db.connection;
      const isPostgres = () => strapi.db.dialect.client === 'postgres';

      /** Due: queued and its time has come, or claimed by a sender whose lease ran out (it died or hung). */
      function due(query: ReturnType<Connection>, now: Date) {
        return query.where((where) =>
          where
            .where((queued) =>
              queued
                .where('state', 'queued')
                .where((at) =>
                  at.where('next_attempt_at', '<=', now).orWhereNull('next_attempt_at')
                )
            )
            .orWhere((stale) => stale.where('state', 'sending').where('claimed_until', '<', now))
        );
      }

      /**
       * PostgreSQL: the due rows are picked and locked once, in a MATERIALIZED CTE with FOR UPDATE
       * SKIP LOCKED, and the UPDATE joins that set. `UPDATE … WHERE id IN (SELECT … LIMIT n FOR
       * UPDATE SKIP LOCKED)` let the planner re-run the limited subquery (with another sender holding
       * locks, once per re-checked row) and claimed far more than n rows (407 of 1,720 for n = 50).
       */
      async function claimOnPostgres(now: Date, limit: number, leaseMs: number) {
        const picked = due(knex()(table()).select('id'), now)
          .orderBy('next_attempt_at')
          .orderBy('id')
          .limit(limit)
          .forUpdate()
          .skipLocked()
          .toSQL();
        const columns = CLAIMED_COLUMNS.map((column) => `m.${column}`).join(', ');
        const result: { rows: ClaimedRow[] } = await knex().raw(
          `WITH picked AS MATERIALIZED (${picked.sql})
       UPDATE ${table()} AS m
          SET state = 'sending', claimed_by = ?, claimed_until = ?,
              attempts = coalesce(m.attempts, 0) + 1, updated_at = ?
         FROM picked
        WHERE m.id = picked.id
       RETURNING ${columns}`,
          [...picked.bindings, instance, new Date(now.getTime() + leaseMs), now]
        );
        return result.rows;
      }

      const mine = (id: number) =>
        knex()(table()).where({ id, claimed_by: instance, state: 'sending' });

      return {
        /** Claims at most `limit` messages due at `now` for `leaseMs`, in id order. */
        async claim(now: Date, limit: number, leaseMs: number): Promise<ClaimedRow[]> {
          if (isPostgres()) {
            const rows = await claimOnPostgres(now, limit, leaseMs);
            return rows.sort((a, b) => Number(a.id) - Number(b.id));
          }
          // SQLite: one writer at a time, the statement runs under its lock.
          const candidates = due(knex()(table()).select('id'), now)
            .orderBy('next_attempt_at')
            .orderBy('id')
            .limit(limit);
          // The WHERE is repeated on the outer UPDATE: whatever the database's isolation, a row only
          // changes hands while it is still due.
          const claimed: ClaimedRow[] = await due(
            knex()(table()).whereIn('id', candidates),
            now
          ).update(
            {
              state: 'sending',
              claimed_by: instance,
              claimed_until: new Date(now.getTime() + leaseMs),
              attempts: knex().raw('coalesce(attempts, 0) + 1'),
              updated_at: now,
            },
            [...CLAIMED_COLUMNS]
          );
          return claimed.sort((a, b) => Number(a.id) - Number(b.id));
        },

        /** Marks a claimed message sent; how many rows changed (0: the claim had expired). */
        async markSent(id: number, now: Date): Promise<number> {
          // sent_at is when it really went out, whatever `now` the run was given.
          // claimed_by stays: which instance sent it (发送实例).
          return mine(id).update({
            state: 'sent',
            sent_at: new Date(),
            claimed_until: null,
            next_attempt_at: null,
            updated_at: now,
          });
        },

        /** Stores a failed attempt: queued again at `nextAttemptAt`, or failed for good. */
        async markFailed(
          id: number,
          failure: {
            state: string;
            nextAttemptAt: Date | null;
            lastError: string;
            now: Date;
          }
        ): Promise<void> {
          await mine(id).update({
            state: failure.state,
            next_attempt_at: failure.nextAttemptAt,
            last_error: failure.lastError,
            claimed_by: null,
            claimed_until: null,
            updated_at: failure.now,
          });
        },

        /** Hands unsent messages back: they were never tried, so their attempt is not counted. */
        async release(ids: readonly number[], now: Date): Promise<void> {
          if (ids.length === 0) return;
          await knex()(table())
            .whereIn('id', [...ids])
            .where({ claimed_by: instance, state: 'sending' })
            .update({
              state: 'queued',
              claimed_by: null,
              claimed_until: null,
              attempts: knex().raw('attempts - 1'),
              updated_at: now,
            });
        },
      };
    },
  };
}
