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
import { type ClaimedRow, outboxRepository } from '../../repositories/outbox';
import { mailContextOf } from './mail-context';

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
  const claims = outboxRepository(strapi).claims(instance);
  const config = (): OutboxConfig => minyiConfig(strapi).outbox;

  async function claim(now: Date, limit: number, leaseMs: number): Promise<ClaimedRow[]> {
    return claims.claim(now, limit, leaseMs);
  }

  async function markSent(row: ClaimedRow, now: Date): Promise<void> {
    const changed = await claims.markSent(row.id, now);
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
    await claims.markFailed(row.id, {
      state: outcome.state,
      nextAttemptAt: outcome.nextAttemptAt,
      lastError: describeDeliveryError(error),
      now,
    });
    return outcome.state === 'failed' ? 'failed' : 'retrying';
  }

  /** Hands unsent messages back: they were never tried, so their attempt is not counted. */
  async function release(rows: readonly ClaimedRow[], now: Date): Promise<void> {
    await claims.release(
      rows.map((row) => row.id),
      now
    );
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
      return outboxRepository(strapi).counts();
    },
  };
};

export default outboxSender;
