import type { Core } from '@strapi/strapi';
import type { QueuedNotification } from '../../domain/notifications';
import { itemEventsRepository, type EventRow } from '../../repositories/item-events';
import { outboxRepository } from '../../repositories/outbox';

export type { EventRow } from '../../repositories/item-events';

type Connection = Core.Strapi['db']['connection'];

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
 * Appends item events and queues notifications inside the caller's transaction (through the
 * item-events and outbox repositories): the history and the outbox stand or fall with the change
 * that caused them.
 */
const changeLog = ({ strapi }: { strapi: Core.Strapi }) => ({
  async appendEvents(trx: Connection, events: readonly EventRow[]): Promise<void> {
    await itemEventsRepository(strapi).append(trx, events);
  },

  /** Queues messages; one whose dedupe key is already queued or sent is skipped. */
  async queue(trx: Connection, messages: readonly QueuedNotification[], now: Date): Promise<void> {
    await outboxRepository(strapi).queue(trx, messages, { dueAt: dueWhenQueued(now), now });
  },
});

export default changeLog;
