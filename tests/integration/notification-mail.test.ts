import { createHash } from 'crypto';
import request from 'supertest';
import { runJobCli } from '../helpers/cli';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { startApp, TEST_ADMIN, type TestApp } from '../helpers/strapi';
import { minyiService } from '../../plugins/minyi/server/src/plugin';
import { fixtureDocuments } from '../helpers/fixtures';
import { isValidFeedbackToken } from '../../plugins/minyi/server/src/domain/feedback-token';

/**
 * Notifications end to end through a real SMTP server: handling an item queues mail in the
 * outbox, the `outbox` job (in process and from `npm run job`) delivers it, and what arrives is
 * parsed with mailparser: recipients, Chinese subjects, escaped resident text, links.
 */
const PUBLIC_URL = 'https://minyi.example.gov.cn';
const FEEDBACK_KEY = 'notification-test-feedback-key';
let app: TestApp;
let smtp: TestSmtp;
let token: string;

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startApp({
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    SMTP_FROM: '民意直通车 <noreply@minyi.example.gov.cn>',
    SMTP_REPLY_TO: 'service@minyi.example.gov.cn',
    MINYI_PUBLIC_URL: PUBLIC_URL,
    MINYI_FEEDBACK_KEY: FEEDBACK_KEY,
  });
  const docs = fixtureDocuments(app.strapi);
  const county = await docs('api::grid.grid').create({
    data: { name: '安乡县', code: 'C', level: 'county' },
  });
  const township = await docs('api::grid.grid').create({
    data: { name: '深柳镇', code: 'T', level: 'township', parent: county.documentId },
  });
  const grid = await docs('api::grid.grid').create({
    data: { name: '一网格', code: 'G', level: 'grid', parent: township.documentId },
  });
  await docs('api::staff.staff').create({
    data: {
      name: '王网格长',
      role: 'grid-head',
      email: 'gridhead@example.invalid',
      phone: '13800000001',
      grid: grid.documentId,
    },
  });
  await docs('api::staff.staff').create({
    data: {
      name: '赵网格员',
      role: 'grid-member',
      email: 'member@example.invalid',
      grid: grid.documentId,
    },
  });
  await docs('api::staff.staff').create({
    data: {
      name: '李干部',
      role: 'township-officer',
      email: 'officer@example.invalid',
      grid: township.documentId,
    },
  });
  await docs('api::department.department').create({
    data: {
      name: '县城管局',
      code: 'CGJ',
      kind: 'county-department',
      contactEmail: 'cgj@example.invalid',
    },
  });
  await docs('api::category.category').create({
    data: {
      name: '路灯照明',
      code: 'LIGHT',
      defaultLevel: 'grid',
      gridDays: 3,
      townshipDays: 5,
      countyDays: 10,
      warningOffsetHours: 8,
    },
  });
  const response = await request(app.server).post('/admin/login').send(TEST_ADMIN).expect(200);
  token = response.body.data.token;
});

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

const act = (documentId: string, action: string, data: unknown = {}) =>
  request(app.server)
    .post(`/minyi/items/${documentId}/actions/${action}`)
    .set('Authorization', `Bearer ${token}`)
    .send({ data })
    .expect(200);
const runOutbox = (now = new Date()) =>
  minyiService(app.strapi, 'jobs').run('outbox', { now, force: true, trigger: 'manual' });
const mailTo = (address: string) => smtp.received.filter((mail) => mail.to.includes(address));

it('mails the assignment to the grid officers and the lead department, and the resolution to the resident who agreed', async () => {
  const item = await fixtureDocuments(app.strapi)('api::item.item').create({
    data: {
      title: '幸福路<b>路灯</b>不亮 & 无人管',
      content: '一周了',
      type: 'request',
      channel: 'website',
      state: 'submitted',
      level: 'grid',
      complexity: 'simple',
      category: (
        await app.strapi.db.query('api::category.category').findOne({ where: { code: 'LIGHT' } })
      ).documentId,
      address: '幸福路12号',
      submitterName: '张居民',
      submitterPhone: '13900000009',
      submitterEmail: 'resident@example.invalid',
      emailConsent: true,
    },
  });
  await act(item.documentId, 'accept');
  await act(item.documentId, 'assign', { grid: 'G', leadDepartment: 'CGJ' });
  const first = await runOutbox();
  expect(first.outcome).toBe('succeeded');

  const assigned = ['gridhead@example.invalid', 'member@example.invalid', 'cgj@example.invalid'];
  for (const address of assigned) {
    const [mail, ...more] = mailTo(address);
    expect(more).toHaveLength(0);
    expect(mail.parsed.subject).toBe(
      `【交办】幸福路<b>路灯</b>不亮 & 无人管(${item.trackingCode})`
    );
    expect(mail.parsed.from?.value[0]).toMatchObject({
      name: '民意直通车',
      address: 'noreply@minyi.example.gov.cn',
    });
    expect(mail.parsed.replyTo?.text).toBe('service@minyi.example.gov.cn');
    // The subject travels RFC 2047-encoded UTF-8; mailparser decoded it above.
    expect(mail.raw.toString('latin1')).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(mail.parsed.html).toContain('幸福路&lt;b&gt;路灯&lt;/b&gt;不亮 &amp; 无人管');
    expect(mail.parsed.html).not.toContain('<b>路灯</b>');
    expect(mail.parsed.text).toContain('事项分类:路灯照明');
    expect(mail.parsed.text).toContain('地址:幸福路12号');
    expect(mail.parsed.text).toContain(
      `${PUBLIC_URL}/admin/content-manager/collection-types/api::item.item/${item.documentId}`
    );
    // The handling unit learns where and what, not who: no resident name, phone or email.
    for (const personal of ['张居民', '13900000009', 'resident@example.invalid'])
      expect(mail.raw.toString()).not.toContain(personal);
  }
  expect(smtp.received).toHaveLength(3);

  await act(item.documentId, 'start');
  await act(item.documentId, 'resolve', { reply: '已更换灯泡。<script>alert(1)</script>' });
  await runOutbox();
  const [resident, ...again] = mailTo('resident@example.invalid');
  expect(again).toHaveLength(0);
  expect(resident.parsed.subject).toBe(`您反映的事项已办结(查询码 ${item.trackingCode})`);
  expect(resident.parsed.text).toContain(
    `查看办理进度:${PUBLIC_URL}/api/items/track/${item.trackingCode}`
  );
  const feedback = new RegExp(
    `评价办理结果:${PUBLIC_URL}/api/items/track/${item.trackingCode}/feedback\\?token=([A-Za-z0-9_-]+)`
  ).exec(resident.parsed.text ?? '');
  expect(feedback).not.toBeNull();
  expect(isValidFeedbackToken(item.trackingCode, feedback![1], FEEDBACK_KEY)).toBe(true);
  expect(resident.parsed.html).toContain('已更换灯泡。&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(resident.parsed.html).not.toContain('<script>');
  expect(resident.parsed.html).toContain(
    `<a href="${PUBLIC_URL}/api/items/track/${item.trackingCode}">`
  );
  // Nothing about the staff who handled it.
  for (const staffData of [
    '王网格长',
    '赵网格员',
    'gridhead@example.invalid',
    '13800000001',
    '/admin/',
  ])
    expect(resident.raw.toString()).not.toContain(staffData);

  // Every row is sent once, with its Message-ID derived from its dedupe key.
  const rows: Array<{
    dedupe_key: string;
    recipient: string;
    state: string;
    attempts: number;
    sent_at: unknown;
  }> = await app.strapi.db
    .connection('minyi_outbox_messages')
    .where('item_document_id', item.documentId)
    .select('dedupe_key', 'recipient', 'state', 'attempts', 'sent_at');
  expect(rows.map((row) => [row.state, Number(row.attempts)])).toEqual(rows.map(() => ['sent', 1]));
  for (const row of rows) {
    const [mail] = mailTo(row.recipient).filter(
      (m) =>
        m.parsed.messageId ===
        `<${createHash('sha256').update(row.dedupe_key).digest('hex').slice(0, 40)}@minyi.example.gov.cn>`
    );
    expect(mail).toBeDefined();
  }
  const count = smtp.received.length;
  await runOutbox();
  expect(smtp.received).toHaveLength(count);
});

it('does not mail the resident who did not agree, or gave no address', async () => {
  const item = await fixtureDocuments(app.strapi)('api::item.item').create({
    data: {
      title: '噪音扰民',
      content: '夜里施工',
      type: 'complaint',
      channel: 'website',
      state: 'submitted',
      level: 'grid',
      complexity: 'simple',
      submitterEmail: 'noconsent@example.invalid',
      emailConsent: false,
    },
  });
  await act(item.documentId, 'accept');
  await act(item.documentId, 'assign', { grid: 'G' });
  await act(item.documentId, 'start');
  await act(item.documentId, 'resolve', { reply: '已协调' });
  await runOutbox();
  expect(mailTo('noconsent@example.invalid')).toHaveLength(0);
  const recipients: string[] = await app.strapi.db
    .connection('minyi_outbox_messages')
    .where('item_document_id', item.documentId)
    .pluck('recipient');
  expect(recipients.sort()).toEqual(['gridhead@example.invalid', 'member@example.invalid']);
});

it('tells the township officers when the sweep escalates an overdue grid item to them', async () => {
  const category = await app.strapi.db
    .query('api::category.category')
    .findOne({ where: { code: 'LIGHT' } });
  const grid = await app.strapi.db.query('api::grid.grid').findOne({ where: { code: 'G' } });
  const item = await fixtureDocuments(app.strapi)('api::item.item').create({
    data: {
      title: '桥头护栏断裂',
      content: '有安全隐患',
      type: 'request',
      channel: 'grid-worker',
      state: 'in-progress',
      level: 'grid',
      complexity: 'simple',
      category: category.documentId,
      grid: grid.documentId,
      assignedGrid: grid.documentId,
      address: '桥头村',
      submitterName: '钱居民',
      dueAt: new Date('2026-12-01T02:00:00Z'),
    },
  });
  const sweep = await minyiService(app.strapi, 'jobs').run('escalation', {
    now: new Date('2026-12-02T02:00:00Z'),
    trigger: 'manual',
  });
  expect(sweep.outcome).toBe('succeeded');
  // The sweep queued its mail at its own "now"; the sender sends what is due at its "now".
  await runOutbox(new Date('2026-12-02T02:00:00Z'));
  const [mail, ...more] = mailTo('officer@example.invalid');
  expect(more).toHaveLength(0);
  expect(mail.parsed.subject).toBe('【上报】桥头护栏断裂 已上报至乡镇');
  expect(mail.parsed.text).toContain('已由系统自动从网格上报至乡镇办理');
  expect(mail.parsed.text).toContain(`查询码:${item.trackingCode}`);
  expect(mail.parsed.text).toContain('事项分类:路灯照明');
  expect(mail.parsed.text).toContain('地址:桥头村');
  expect(mail.raw.toString()).not.toContain('钱居民');
});

it('sends the queue with `npm run job -- outbox`', async () => {
  await minyiService(app.strapi, 'change-log').queue(
    app.strapi.db.connection,
    [
      {
        dedupeKey: 'cli:1',
        template: 'warning',
        recipient: 'cli@example.invalid',
        recipientLabel: '李干部',
        itemDocumentId: 'doc-cli',
        data: {
          title: '命令行催办',
          trackingCode: 'MYCLI',
          level: 'township',
          dueAt: '2026-12-04T10:00:00Z',
          reason: 'owner',
        },
      },
    ],
    new Date()
  );
  const result = await runJobCli(['outbox', '--force']);
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.code).toBe(0);
  const [mail] = mailTo('cli@example.invalid');
  expect(mail.parsed.subject).toBe('【催办】命令行催办 将于 2026年12月4日 18:00 到期');
  expect(mail.parsed.text).toContain('李干部:您好!');
}, 180000);
