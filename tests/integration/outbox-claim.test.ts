import { startApp, type TestApp } from '../helpers/strapi';
import { minyiService } from '../../plugins/minyi/server/src/plugin';

/**
 * One outbox claim takes at most its batch (issue 15: on PostgreSQL `UPDATE … WHERE id IN (SELECT
 * … LIMIT 50 FOR UPDATE SKIP LOCKED)` took 407 of 1,720 due rows — the limited subquery was
 * re-run — so after a kill -9 every unsent row sat in "sending" until the lease expired). Two
 * senders claim at the same moment, round after round, over 1,720 due messages: each claim holds
 * at most the batch, no message is claimed twice, and the rows in "sending" are exactly the claimed ones.
 */
const BATCH = 50;
const DUE = 1720;
let app: TestApp;

beforeAll(async () => {
  app = await startApp({ MINYI_OUTBOX_BATCH_SIZE: String(BATCH), DATABASE_POOL_MIN: '4' });
});

afterAll(async () => {
  await app?.stop();
});

async function queue(count: number, now: Date) {
  const messages = Array.from({ length: count }, (_, i) => ({
    dedupeKey: `warning:claim:${i}:u${i}@example.invalid`,
    template: 'warning' as const,
    recipient: `u${i}@example.invalid`,
    recipientLabel: `工作人员${i}`,
    itemDocumentId: `doc-${i}`,
    data: {
      title: `事项${i}`,
      trackingCode: `MYCLAIM${i}`,
      level: 'grid',
      dueAt: '2026-12-04T10:00:00Z',
      reason: 'owner',
    },
  }));
  await minyiService(app.strapi, 'change-log').queue(app.strapi.db.connection, messages, now);
}

it('claims at most one batch per claim under two concurrent senders, never a message twice', async () => {
  const now = new Date();
  await queue(DUE, new Date(now.getTime() - 60_000));
  const sender = minyiService(app.strapi, 'outbox-sender');
  const seen = new Set<number>();
  const sizes: number[] = [];
  for (let round = 0; round < 8; round++) {
    const claims: Array<Array<{ id: number }>> = await Promise.all([
      sender.claim(now),
      sender.claim(now),
    ]);
    for (const claimed of claims) {
      sizes.push(claimed.length);
      for (const row of claimed) {
        expect(seen.has(Number(row.id))).toBe(false);
        seen.add(Number(row.id));
      }
    }
  }
  expect(Math.max(...sizes)).toBeLessThanOrEqual(BATCH);
  expect(sizes.reduce((a, b) => a + b, 0)).toBe(16 * BATCH);
  const [sending] = await app.strapi.db
    .connection('minyi_outbox_messages')
    .where('state', 'sending')
    .count({ n: '*' });
  expect(Number(sending.n)).toBe(seen.size);
});
