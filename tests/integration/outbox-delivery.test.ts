import { duplicates, freePort, startSmtp, type TestSmtp, waitFor } from '../helpers/smtp';
import { startApp, type TestApp } from '../helpers/strapi';
import { startWorker } from '../helpers/worker';
import { minyiService } from '../../plugins/minyi/server/src/plugin';

/**
 * The outbox's promises, against a real SMTP server: nothing lost while the server is down, nothing
 * sent twice when two senders run at once (two processes) or when a sender is killed in the middle
 * of a batch, and a message that cannot be delivered ends up failed with its last error.
 */
const BACKOFF_BASE_MS = 60_000;
const LEASE_MS = 120_000;
let app: TestApp;
let port: number;
let smtp: TestSmtp | null = null;
let serial = 0;

interface OutboxRow {
  id: number;
  dedupe_key: string;
  recipient: string;
  state: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: unknown;
}

beforeAll(async () => {
  port = await freePort();
  app = await startApp({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(port),
    SMTP_CONNECTION_TIMEOUT_MS: '3000',
    MINYI_OUTBOX_BATCH_SIZE: '20',
    MINYI_OUTBOX_MAX_ATTEMPTS: '3',
    MINYI_OUTBOX_BACKOFF_BASE_MS: String(BACKOFF_BASE_MS),
    MINYI_OUTBOX_CLAIM_LEASE_MS: String(LEASE_MS),
  });
});

afterEach(async () => {
  await smtp?.stop();
  smtp = null;
  await app.strapi.db.connection('minyi_outbox_messages').delete();
});

afterAll(async () => {
  await app?.stop();
});

/** Queues `count` warnings through the change-log service, as the sweep does; returns their dedupe keys. */
async function queue(count: number, now: Date): Promise<string[]> {
  const batch = ++serial;
  const messages = Array.from({ length: count }, (_, i) => ({
    dedupeKey: `warning:batch${batch}:${i}:u${i}@example.invalid`,
    template: 'warning' as const,
    recipient: `u${i}@example.invalid`,
    recipientLabel: `工作人员${i}`,
    itemDocumentId: `doc${batch}-${i}`,
    data: {
      title: `事项${i}`,
      trackingCode: `MYTEST${batch}X${i}`,
      level: 'grid',
      dueAt: '2026-12-04T10:00:00Z',
      reason: 'owner',
    },
  }));
  await minyiService(app.strapi, 'change-log').queue(app.strapi.db.connection, messages, now);
  return messages.map((message) => message.dedupeKey);
}

const rows = (): Promise<OutboxRow[]> =>
  app.strapi.db.connection('minyi_outbox_messages').orderBy('id').select('*');
const send = (now: Date) => minyiService(app.strapi, 'outbox-sender').run({ now });
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

it('keeps 100 messages while the SMTP server is down and delivers each once when it is back', async () => {
  const t0 = new Date('2026-12-01T01:00:00Z');
  await queue(100, t0);

  const down = await send(t0);
  expect(down).toMatchObject({ sent: 0, retrying: 100, failed: 0 });
  for (const row of await rows()) {
    expect(row.state).toBe('queued');
    expect(Number(row.attempts)).toBe(1);
    expect(row.last_error).toMatch(/ECONNREFUSED/);
    expect(new Date(row.next_attempt_at as string).getTime()).toBe(t0.getTime() + BACKOFF_BASE_MS);
  }
  // Not due again before the backoff has passed.
  expect(await send(later(t0, BACKOFF_BASE_MS - 1000))).toMatchObject({ sent: 0, retrying: 0 });

  smtp = await startSmtp({ port });
  const up = await send(later(t0, BACKOFF_BASE_MS));
  expect(up).toMatchObject({ sent: 100, retrying: 0, failed: 0 });
  expect(smtp.received).toHaveLength(100);
  expect(duplicates(smtp.received)).toEqual([]);
  expect(new Set(smtp.received.map((mail) => mail.to[0])).size).toBe(100);
  for (const row of await rows()) {
    expect(row.state).toBe('sent');
    expect(Number(row.attempts)).toBe(2);
    expect(row.last_error).toMatch(/ECONNREFUSED/);
  }
  expect(await send(later(t0, 10 * BACKOFF_BASE_MS))).toMatchObject({ sent: 0 });
  expect(smtp.received).toHaveLength(100);
});

it('backs off exponentially and marks a message failed after its last attempt; a permanent refusal fails at once', async () => {
  smtp = await startSmtp({
    port,
    async beforeAccept(_count, to) {
      if (to.includes('u0@example.invalid'))
        throw Object.assign(new Error('mailbox busy'), { responseCode: 451 });
      if (to.includes('u1@example.invalid'))
        throw Object.assign(new Error('no such user'), { responseCode: 550 });
    },
  });
  const t0 = new Date('2026-12-02T01:00:00Z');
  await queue(3, t0);
  expect(await send(t0)).toMatchObject({ sent: 1, retrying: 1, failed: 1 });
  const [busy, refused] = await rows();
  expect(refused).toMatchObject({ state: 'failed' });
  expect(refused.last_error).toMatch(/550/);
  expect(new Date(busy.next_attempt_at as string).getTime()).toBe(t0.getTime() + BACKOFF_BASE_MS);

  const t1 = later(t0, BACKOFF_BASE_MS);
  expect(await send(t1)).toMatchObject({ retrying: 1 });
  expect(new Date((await rows())[0].next_attempt_at as string).getTime()).toBe(
    t1.getTime() + 2 * BACKOFF_BASE_MS
  );
  expect(await send(later(t1, 2 * BACKOFF_BASE_MS))).toMatchObject({ failed: 1, retrying: 0 });
  const [failed] = await rows();
  expect(failed).toMatchObject({ state: 'failed', next_attempt_at: null });
  expect(Number(failed.attempts)).toBe(3);
  expect(failed.last_error).toMatch(/451.*mailbox busy/);
  expect(await send(later(t0, 100 * BACKOFF_BASE_MS))).toMatchObject({
    sent: 0,
    retrying: 0,
    failed: 0,
  });
});

it('delivers each message once when two senders (two processes) run at the same moment', async () => {
  // The first message is held until the second sender has connected too: whatever the machine's
  // load, both senders hold claims at the same time, so the claims themselves are what is tested.
  const server: TestSmtp = await startSmtp({
    port,
    beforeAccept: async (count) => {
      if (count === 1) await waitFor(() => server.connections() >= 2, 60000);
    },
  });
  smtp = server;
  const t0 = new Date('2026-12-03T01:00:00Z');
  const keys = await queue(200, t0);
  const workers = [
    startWorker<{ sent: number }>('outbox-worker.js'),
    startWorker<{ sent: number }>('outbox-worker.js'),
  ];
  await Promise.all(workers.map((worker) => worker.ready));
  for (const worker of workers) worker.go(t0);
  const summaries = await Promise.all(workers.map((worker) => worker.result));

  expect(summaries.reduce((sum, summary) => sum + summary.sent, 0)).toBe(200);
  // Both really sent at the same time (else this test would prove nothing), each its own messages.
  expect(summaries.every((summary) => summary.sent > 0)).toBe(true);
  const bySender = await app.strapi.db
    .connection('minyi_outbox_messages')
    .select('claimed_by')
    .count({ n: '*' })
    .groupBy('claimed_by');
  expect(bySender.map((row) => Number(row.n)).sort()).toEqual(
    summaries.map((summary) => summary.sent).sort()
  );
  expect(smtp.received).toHaveLength(200);
  expect(duplicates(smtp.received)).toEqual([]);
  expect((await rows()).every((row) => row.state === 'sent' && Number(row.attempts) === 1)).toBe(
    true
  );
  expect(keys).toHaveLength(200);
}, 180000);

it('loses nothing when a sender is killed mid-batch, and does not resend what the server accepted', async () => {
  const KILL_AT = 12;
  const t0 = new Date('2026-12-04T01:00:00Z');
  await queue(30, t0);
  const doomed = startWorker<unknown>('outbox-worker.js');
  const killed = new Promise<void>((resolve) => doomed.child.once('exit', () => resolve()));
  smtp = await startSmtp({
    port,
    // Message 12 has arrived in full; the sender dies before the server can answer 250.
    async beforeAccept(count) {
      if (count !== KILL_AT) return;
      doomed.child.kill('SIGKILL');
      await killed;
      throw new Error('sender gone');
    },
  });
  await doomed.ready;
  doomed.go(t0);
  await killed;

  const afterKill = await rows();
  expect(afterKill.filter((row) => row.state === 'sent')).toHaveLength(KILL_AT - 1);
  // The rest of its batch is still claimed by the dead sender: nobody may take it before the lease ends.
  expect(afterKill.filter((row) => row.state === 'sending').length).toBeGreaterThan(0);
  expect(await send(later(t0, LEASE_MS - 1000))).toMatchObject({
    sent: 30 - KILL_AT + 1 - afterKill.filter((row) => row.state === 'sending').length,
  });

  // After the lease a restarted sender picks up the dead one's claims.
  const restarted = startWorker<{ sent: number }>('outbox-worker.js');
  await restarted.ready;
  restarted.go(later(t0, LEASE_MS + 1000));
  await restarted.result;

  expect(smtp.received).toHaveLength(30);
  expect(duplicates(smtp.received)).toEqual([]);
  expect(new Set(smtp.received.map((mail) => mail.to[0])).size).toBe(30);
  const final = await rows();
  expect(final.every((row) => row.state === 'sent')).toBe(true);
  // Accepted before the kill: claimed once, sent once. Claimed by the dead sender (the message the
  // server never answered and the rest of its batch): claimed twice, delivered once.
  const deadClaims = new Set(
    afterKill.filter((row) => row.state === 'sending').map((row) => row.id)
  );
  expect(deadClaims.has(afterKill[KILL_AT - 1].id)).toBe(true);
  for (const row of final)
    expect([row.recipient, Number(row.attempts)]).toEqual([
      row.recipient,
      deadClaims.has(row.id) ? 2 : 1,
    ]);
  expect(
    smtp.received.filter((mail) => mail.to[0] === `u${KILL_AT - 1}@example.invalid`)
  ).toHaveLength(1);
}, 180000);

it('hands the rest of a batch back before its claim lease runs out, and the next run sends it', async () => {
  // A slow server: each message takes 300 ms, the lease is 2 s, so a batch of 20 cannot finish in time.
  smtp = await startSmtp({
    port,
    beforeAccept: () => new Promise((resolve) => setTimeout(resolve, 300)),
  });
  const t0 = new Date('2026-12-05T01:00:00Z');
  await queue(20, t0);
  const slow = startWorker<{ sent: number; released: number }>('outbox-worker.js', {
    MINYI_OUTBOX_CLAIM_LEASE_MS: '2000',
  });
  await slow.ready;
  slow.go(t0);
  const summary = await slow.result;
  expect(summary.released).toBeGreaterThan(0);
  expect(summary.sent + summary.released).toBe(20);
  const handedBack = (await rows()).filter((row) => row.state === 'queued');
  expect(handedBack).toHaveLength(summary.released);
  // Never tried, so not counted as an attempt.
  expect(handedBack.every((row) => Number(row.attempts) === 0)).toBe(true);

  expect(await send(t0)).toMatchObject({ sent: summary.released });
  expect(smtp.received).toHaveLength(20);
  expect(duplicates(smtp.received)).toEqual([]);
}, 180000);
