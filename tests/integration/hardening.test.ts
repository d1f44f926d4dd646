import net from 'net';
import request from 'supertest';
import { createPublicCounty } from '../helpers/public-county';
import { freePort } from '../helpers/smtp';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { minyiService } from '../../plugins/minyi/server/src/plugin';

/**
 * Issue 15, the smaller holes: public self-registration is off by default; an SMTP server that
 * refuses at the greeting (554) is an outage, retried with backoff — it used to fail every queued
 * message for good after one attempt; mails from a job run with an explicit future `now` are due
 * at the real time they are queued — they used to wait until that future instant.
 */
const BACKOFF_BASE_MS = 60_000;
let app: TestApp;
let greeting: net.Server;
let port: number;

beforeAll(async () => {
  port = await freePort();
  // A mail server that says "554" at the greeting and hangs up: refusing every connection.
  greeting = net.createServer((socket) => {
    socket.end('554 5.3.2 mx.example.invalid service not available\r\n');
  });
  await new Promise<void>((resolve) => greeting.listen(port, '127.0.0.1', resolve));
  app = await startApp({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(port),
    SMTP_CONNECTION_TIMEOUT_MS: '3000',
    MINYI_OUTBOX_MAX_ATTEMPTS: '3',
    MINYI_OUTBOX_BACKOFF_BASE_MS: String(BACKOFF_BASE_MS),
    MINYI_RATE_LIMIT_SUBMIT: '100',
  });
  await createPublicCounty(app.strapi);
});

afterEach(async () => {
  await app.strapi.db.connection('minyi_outbox_messages').delete();
});

afterAll(async () => {
  await app?.stop();
  await new Promise((resolve) => greeting?.close(resolve));
});

const outbox = () =>
  app.strapi.db.connection('minyi_outbox_messages').orderBy('id').select('*') as Promise<
    Array<{ state: string; attempts: number; next_attempt_at: unknown; last_error: string | null }>
  >;

it('refuses public self-registration by default and creates no account', async () => {
  const before = await app.strapi.db.query('plugin::users-permissions.user').count();
  const response = await request(app.server)
    .post('/api/auth/local/register')
    .send({ username: 'intruder', email: 'intruder@example.invalid', password: 'Intruder-2026!' });
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(response.body.jwt).toBeUndefined();
  expect(JSON.stringify(response.body.error)).toMatch(/disabled/i);
  expect(await app.strapi.db.query('plugin::users-permissions.user').count()).toBe(before);
});

it('retries with backoff, like an outage, when the SMTP server refuses at the greeting (554)', async () => {
  const t0 = new Date(Date.now() - 1000);
  await minyiService(app.strapi, 'change-log').queue(
    app.strapi.db.connection,
    [0, 1, 2].map((i) => ({
      dedupeKey: `warning:greeting:${i}`,
      template: 'warning' as const,
      recipient: `u${i}@example.invalid`,
      recipientLabel: `工作人员${i}`,
      itemDocumentId: `doc-${i}`,
      data: {
        title: `事项${i}`,
        trackingCode: `MYGREET${i}`,
        level: 'grid',
        dueAt: '2026-12-04T10:00:00Z',
        reason: 'owner',
      },
    })),
    t0
  );
  const sender = minyiService(app.strapi, 'outbox-sender');
  expect(await sender.run({ now: t0 })).toMatchObject({ sent: 0, failed: 0, retrying: 3 });
  for (const row of await outbox()) {
    expect(row).toMatchObject({ state: 'queued' });
    expect(Number(row.attempts)).toBe(1);
    expect(row.last_error).toMatch(/554/);
    expect(new Date(row.next_attempt_at as string).getTime()).toBe(t0.getTime() + BACKOFF_BASE_MS);
  }
});

it('queues the mails of a job run with a future `now` due at the real time', async () => {
  const submitted = await request(app.server)
    .post('/api/items')
    .send({ data: { title: '路灯不亮', content: '村口路灯坏了', grid: 'G', category: 'ENV' } })
    .expect(201);
  expect(submitted.body.data.trackingCode).toBeTruthy();
  await app.strapi.db.connection('minyi_outbox_messages').delete();
  const token = (await request(app.server).post('/admin/login').send(TEST_ADMIN).expect(200)).body
    .data.token;
  const future = new Date(Date.now() + 5 * 365 * 24 * 3600 * 1000);
  const run = await request(app.server)
    .post('/minyi/jobs/escalation/run')
    .set('Authorization', `Bearer ${token}`)
    .send({ now: future.toISOString() })
    .expect(200);
  expect(run.body.data.outcome ?? run.body.data.status).toBe('succeeded');
  const afterRun = Date.now();
  const rows = await outbox();
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows)
    expect(new Date(row.next_attempt_at as string).getTime()).toBeLessThanOrEqual(afterRun);
  // A sender running on the real clock takes them now.
  const claimed = await minyiService(app.strapi, 'outbox-sender').claim(new Date());
  expect(claimed).toHaveLength(rows.length);
});
