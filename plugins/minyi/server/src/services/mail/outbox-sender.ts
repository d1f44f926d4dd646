import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Core } from '@strapi/strapi';
import { type MailContext, renderMessage, UnknownTemplateError } from '../../domain/mail-templates';
import {
  afterFailure,
  describeDeliveryError,
  isPermanentDeliveryError,
  messageIdFor,
  type RetryPolicy,
} from '../../domain/outbox-delivery';
import type { OutboxConfig } from '../../config/outbox';
import { minyiConfig } from '../../plugin';
import { outboxRepository } from '../../repositories/outbox';
import { mailContextOf } from './mail-context';

type Connection = Core.Strapi['db']['connection'];

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

export interface OutboxRunOptions {
  /** The run's now: what is due, and the timestamps written. Default: the clock. */
  now?: Date;
  /** Stop claiming (and hand back what is claimed but not yet sent) when aborted. */
  signal?: AbortSignal;
  onProgress?: (progress: OutboxRunSummary) => void;
}

export interface OutboxRunSummary {
  /** Accepted by the SMTP server (or stored as .eml) and marked sent. */
  sent: number;
  /** Failed this time, queued again after the backoff. */
  retrying: number;
  /** Failed for good (last attempt, or a permanent refusal). */
  failed: number;
  /** Claimed but handed back unsent (the claim lease was running out, or the run was stopped). */
  released: number;
  batches: number;
}

interface EmailService {
  send(options: {
    to: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
    headers?: Record<string, string>;
  }): Promise<unknown>;
}

function parseData(value: unknown): Record<string, unknown> {
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/**
 * The outbox sender. Claims due messages in batches with one guarded UPDATE (PostgreSQL skips rows
 * another sender has locked; SQLite runs the statement under its single writer lock), so two
 * instances never hold the same message. Each message is marked sent in its own statement right
 * after the SMTP server accepted it: a sender that dies loses at most the message it was sending,
 * which goes out again once its claim lease has expired; what was accepted before is never resent.
 */
const outboxSender = ({ strapi }: { strapi: Core.Strapi }) => {
  /** Who holds a claim: this process, recognisable in the admin's outbox list. */
  const instance = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const knex = (): Connection => strapi.db.connection;
  const table = outboxRepository(strapi).table;
  const config = (): OutboxConfig => minyiConfig(strapi).outbox;
  const isPostgres = () => strapi.db.dialect.client === 'postgres';

  /** Due: queued and its time has come, or claimed by a sender whose lease ran out (it died or hung). */
  function due(query: ReturnType<Connection>, now: Date) {
    return query.where((where) =>
      where
        .where((queued) =>
          queued
            .where('state', 'queued')
            .where((at) => at.where('next_attempt_at', '<=', now).orWhereNull('next_attempt_at'))
        )
        .orWhere((stale) => stale.where('state', 'sending').where('claimed_until', '<', now))
    );
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

  async function claim(now: Date, limit: number, leaseMs: number): Promise<ClaimedRow[]> {
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
    const claimed: ClaimedRow[] = await due(knex()(table()).whereIn('id', candidates), now).update(
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
  }

  const mine = (id: number) =>
    knex()(table()).where({ id, claimed_by: instance, state: 'sending' });

  async function markSent(row: ClaimedRow, now: Date): Promise<void> {
    // sent_at is when it really went out, whatever `now` the run was given.
    // claimed_by stays: which instance sent it (发送实例).
    const changed = await mine(row.id).update({
      state: 'sent',
      sent_at: new Date(),
      claimed_until: null,
      next_attempt_at: null,
      updated_at: now,
    });
    if (changed !== 1)
      strapi.log.warn(`[minyi] outbox message ${row.id} was sent after its claim had expired`);
  }

  async function markFailed(
    row: ClaimedRow,
    error: unknown,
    now: Date,
    policy: RetryPolicy
  ): Promise<'retrying' | 'failed'> {
    const permanent = error instanceof UnknownTemplateError || isPermanentDeliveryError(error);
    const outcome = afterFailure(Number(row.attempts), now, policy, permanent);
    await mine(row.id).update({
      state: outcome.state,
      next_attempt_at: outcome.nextAttemptAt,
      last_error: describeDeliveryError(error),
      claimed_by: null,
      claimed_until: null,
      updated_at: now,
    });
    return outcome.state === 'failed' ? 'failed' : 'retrying';
  }

  /** Hands unsent messages back: they were never tried, so their attempt is not counted. */
  async function release(rows: readonly ClaimedRow[], now: Date): Promise<void> {
    if (rows.length === 0) return;
    await knex()(table())
      .whereIn(
        'id',
        rows.map((row) => row.id)
      )
      .where({ claimed_by: instance, state: 'sending' })
      .update({
        state: 'queued',
        claimed_by: null,
        claimed_until: null,
        attempts: knex().raw('attempts - 1'),
        updated_at: now,
      });
  }

  async function deliver(row: ClaimedRow, context: MailContext): Promise<void> {
    const mail = renderMessage(
      {
        template: row.template,
        recipientLabel: row.recipient_label ?? '',
        itemDocumentId: row.item_document_id ?? '',
        data: parseData(row.data),
      },
      context
    );
    const email = strapi.plugin('email').service('email') as EmailService;
    await email.send({
      to: row.recipient,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: messageIdFor(row.dedupe_key, context.publicUrl),
      headers: { 'X-Minyi-Template': row.template },
    });
  }

  return {
    instance,

    /** One claim as `run` makes it (at most a batch), for the claim-size test and diagnostics. */
    claim(now: Date = new Date()): Promise<ClaimedRow[]> {
      const { batchSize, claimLeaseMs } = config();
      return claim(now, batchSize, claimLeaseMs);
    },

    /** Sends everything due at `now`, batch after batch, until nothing due is left. */
    async run(options: OutboxRunOptions = {}): Promise<OutboxRunSummary> {
      const now = options.now ?? new Date();
      const { batchSize, claimLeaseMs, ...policy } = config();
      const context = mailContextOf(strapi);
      const summary: OutboxRunSummary = {
        sent: 0,
        retrying: 0,
        failed: 0,
        released: 0,
        batches: 0,
      };
      // Hand a batch back before its lease runs out, so no other sender can take a message this one is still sending.
      const safetyMs = Math.min(30_000, Math.floor(claimLeaseMs / 5));
      while (!options.signal?.aborted) {
        const claimedAt = Date.now();
        const batch = await claim(now, batchSize, claimLeaseMs);
        if (batch.length === 0) break;
        summary.batches += 1;
        for (let index = 0; index < batch.length; index++) {
          const row = batch[index];
          if (options.signal?.aborted || Date.now() - claimedAt > claimLeaseMs - safetyMs) {
            const rest = batch.slice(index);
            await release(rest, now);
            summary.released += rest.length;
            break;
          }
          try {
            await deliver(row, context);
          } catch (error) {
            summary[await markFailed(row, error, now, policy)] += 1;
            continue;
          }
          await markSent(row, now);
          summary.sent += 1;
        }
        options.onProgress?.({ ...summary });
        if (summary.released > 0) break;
      }
      return summary;
    },

    /** Counts by state, for the admin's mail page. */
    async counts(): Promise<Record<string, number>> {
      const rows: Array<{ state: string; n: number | string }> = await knex()(table())
        .select('state')
        .count({ n: '*' })
        .groupBy('state');
      return Object.fromEntries(rows.map((row) => [row.state, Number(row.n)]));
    },
  };
};

export default outboxSender;
